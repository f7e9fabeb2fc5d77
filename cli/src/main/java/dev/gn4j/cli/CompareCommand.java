package dev.gn4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gn4j.cli.compare.RunGroup;
import dev.gn4j.cli.compare.SpreadCurve;
import dev.gn4j.cli.compare.SummaryStats;
import dev.gn4j.engine.io.AtomicFiles;
import dev.gn4j.report.Figure;
import dev.gn4j.report.Fonts;
import dev.gn4j.report.LinePlot;
import dev.gn4j.report.MetricsTable;
import dev.gn4j.report.Scale;
import dev.gn4j.report.Series;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "compare", sortOptions = false, mixinStandardHelpOptions = true,
        description = "Compare runs: one PNG with a line per group of runs (the mean over its runs, e.g. seeds, and a "
                + "band from their minimum to their maximum) for each --y metric against each --x axis, and a table of "
                + "summary.json values (mean ± sample standard deviation over the group's runs). A run without "
                + "summary.json (it failed or is still going) is counted and left out of its group's line and means.",
        footer = {"", "Examples:",
                "  gn4j compare runs/a runs/b --y train_loss",
                "  gn4j compare --group EGN='out/egn-seed*' --group SGD='out/sgd-seed*' --group Adam=out/adam-sweep \\",
                "               --y val_r2 --x epoch,train_s --summary test_r2,train_seconds \\",
                "               --out figure.png --table table.md",
                "",
                "x axes: any metrics.csv column, usually epoch, step, train_s (seconds spent loading batches and "
                        + "stepping, without evaluation) or wall_s. A group pattern is a run folder, a glob over run "
                        + "folders, or a folder of run folders (a sweep's output). Exit codes: 0 ok, 2 usage error, "
                        + "3 unreadable run, 1 no figure (java.awt has no fonts here; the table is still printed)."})
final class CompareCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final int NO_FIGURE = 1;

    @CommandLine.Mixin
    Verbosity verbosity = new Verbosity();

    @Parameters(paramLabel = "RUN", arity = "0..*", description = "Run folders, each its own group.")
    List<Path> runs = new ArrayList<>();

    @Option(names = "--group", paramLabel = "LABEL=PATTERN[,PATTERN...]", description = "A labelled group of runs (repeat for each group).")
    List<String> groups = new ArrayList<>();

    @Option(names = "--y", split = ",", paramLabel = "COLUMN", defaultValue = "train_loss",
            description = "metrics.csv columns to plot, one panel each. Default: ${DEFAULT-VALUE}.")
    List<String> ys;

    @Option(names = "--x", split = ",", paramLabel = "COLUMN", defaultValue = "epoch",
            description = "metrics.csv columns for the x axis, one panel each. Default: ${DEFAULT-VALUE}.")
    List<String> xs;

    @Option(names = "--y-scale", paramLabel = "auto|log|linear", defaultValue = "auto",
            description = "y axis: log, linear, or auto (log when the values span more than two decades). Default: ${DEFAULT-VALUE}.")
    String yScale;

    @Option(names = "--y-limits", split = ",", paramLabel = "LO,HI",
            description = "Fix the y range (e.g. 0.9,1 for accuracies near 1) instead of fitting it to the data.")
    List<Double> yLimits;

    @Option(names = "--summary", split = ",", paramLabel = "KEY",
            description = "summary.json keys for the table. Default: final_train_loss, the test or final validation "
                    + "metrics the runs have, train_seconds, median_step_seconds.")
    List<String> summaryKeys;

    @Option(names = "--title", paramLabel = "TEXT", description = "Title over the figure.")
    String title;

    @Option(names = "--out", paramLabel = "PNG", defaultValue = "compare.png", description = "The figure. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--table", paramLabel = "FILE", description = "Also write the table (Markdown) to FILE.")
    Path table;

    @Option(names = "--points", paramLabel = "N", defaultValue = "200",
            description = "Grid points when runs were logged at different x values (time axes). Default: ${DEFAULT-VALUE}.")
    int points;

    @Override
    public Integer call() throws IOException {
        verbosity.apply();
        if (points < 2) {
            throw new IllegalArgumentException("--points must be at least 2");
        }
        Scale scale = switch (yScale) {
            case "auto" -> Scale.AUTO;
            case "log" -> Scale.LOG;
            case "linear" -> Scale.LINEAR;
            default -> throw new IllegalArgumentException("--y-scale must be auto, log or linear, got '" + yScale + "'");
        };
        if (yLimits != null && (yLimits.size() != 2 || !(yLimits.get(0) < yLimits.get(1)))) {
            throw new IllegalArgumentException("--y-limits wants LO,HI with LO < HI, got " + yLimits);
        }
        Path base = Path.of("").toAbsolutePath();
        List<RunGroup> all = new ArrayList<>();
        for (Path r : runs) {
            all.add(RunGroup.single(r));
        }
        for (String g : groups) {
            all.add(RunGroup.parse(g, base));
        }
        if (all.isEmpty()) {
            throw new IllegalArgumentException("nothing to compare: give run folders or --group LABEL=PATTERN");
        }
        Map<Path, MetricsTable> tables = new LinkedHashMap<>();
        for (RunGroup g : all) {
            for (Path r : g.runs()) {
                tables.put(r, MetricsTable.read(r.resolve(RunGroup.METRICS)));
            }
        }
        List<LinePlot> panels = new ArrayList<>();
        for (String y : ys) {
            for (String x : xs) {
                LinePlot plot = new LinePlot(null, axisLabel(x), y).yScale(scale);
                if (yLimits != null) {
                    plot.yLimits(yLimits.get(0), yLimits.get(1));
                }
                for (RunGroup g : all) {
                    // A run that stopped early (diverged, killed) would cut every run's curve at its last step:
                    // the line is the finished runs', and its name says how many were left out.
                    List<Path> finished = g.runs().stream().filter(CompareCommand::finished).toList();
                    List<Path> drawn = finished.isEmpty() ? g.runs() : finished;
                    int leftOut = g.runs().size() - drawn.size();
                    List<Series> curves = new ArrayList<>();
                    for (Path r : drawn) {
                        Series s = tables.get(r).series(r.toString(), x, y);
                        if (s.size() == 0) {
                            throw new IllegalArgumentException(r + ": no rows with both " + x + " and " + y);
                        }
                        curves.add(s);
                    }
                    SpreadCurve c = SpreadCurve.of(curves, points);
                    String name = g.label() + (c.runs() > 1 ? " (" + c.runs() + " runs)" : "")
                            + (leftOut > 0 ? " (" + leftOut + " unfinished left out)" : "");
                    plot.add(name, c.x(), c.mean(), c.lo(), c.hi());
                }
                panels.add(plot);
            }
        }
        String markdown = table(all);
        System.out.print(markdown);
        if (table != null) {
            if (table.getParent() != null) {
                Files.createDirectories(table.getParent());
            }
            AtomicFiles.writeString(table, markdown);
            System.out.println("wrote " + table);
        }
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        String noFonts = Fonts.problem();
        if (noFonts != null) {
            // A bare container: the table above still stands.
            System.err.println("gn4j: no figure: " + noFonts);
            return NO_FIGURE;
        }
        Figure.row(title, panels).write(out);
        System.out.println("wrote " + out);
        return Main.OK;
    }

    private static boolean finished(Path run) {
        return Files.isRegularFile(run.resolve("summary.json"));
    }

    private String table(List<RunGroup> all) throws IOException {
        Map<Path, JsonNode> summaries = new LinkedHashMap<>();
        for (RunGroup g : all) {
            for (Path r : g.runs()) {
                summaries.put(r, finished(r) ? JSON.readTree(r.resolve("summary.json").toFile()) : JSON.createObjectNode());
            }
        }
        List<String> keys = summaryKeys != null ? summaryKeys : defaultKeys(summaries.values());
        StringBuilder sb = new StringBuilder("| group | runs |");
        keys.forEach(k -> sb.append(' ').append(k).append(" |"));
        sb.append("\n|---|---|");
        keys.forEach(k -> sb.append("---|"));
        sb.append('\n');
        for (RunGroup g : all) {
            // A run that failed or is still going has no summary.json: the group's statistics leave it out, and the
            // table says so rather than letting a mean over the survivors read as a mean over every run.
            List<Path> unfinished = g.runs().stream().filter(r -> !finished(r)).toList();
            sb.append("| ").append(g.label()).append(" | ").append(g.runs().size());
            if (!unfinished.isEmpty()) {
                sb.append(" (").append(unfinished.size()).append(" unfinished)");
                System.err.println("gn4j compare: " + g.label() + ": " + unfinished.size() + " of " + g.runs().size()
                        + " runs have no summary.json (failed or unfinished), left out of the table: " + unfinished);
            }
            sb.append(" |");
            for (String k : keys) {
                double[] v = new double[g.runs().size()];
                for (int i = 0; i < v.length; i++) {
                    JsonNode s = summaries.get(g.runs().get(i));
                    v[i] = s.has(k) && s.get(k).isNumber() ? s.get(k).asDouble() : Double.NaN;
                }
                SummaryStats stats = SummaryStats.of(v);
                sb.append(' ').append(stats.text());
                if (stats.n() > 0 && stats.n() < v.length) {
                    sb.append(" (n=").append(stats.n()).append(')');
                }
                sb.append(" |");
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static List<String> defaultKeys(Iterable<JsonNode> summaries) {
        List<String> candidates = List.of("final_train_loss", "test_accuracy", "test_rmse", "test_r2",
                "final_val_accuracy", "final_val_rmse", "final_val_r2", "train_seconds", "median_step_seconds");
        List<String> keys = new ArrayList<>();
        for (String k : candidates) {
            for (JsonNode s : summaries) {
                if (s.has(k)) {
                    keys.add(k);
                    break;
                }
            }
        }
        return keys;
    }

    private static String axisLabel(String column) {
        return switch (column) {
            case "train_s" -> "training time (s)";
            case "wall_s" -> "wall time (s)";
            default -> column;
        };
    }
}
