package dev.gn4j.cli.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The trials of a sweep ranked by the plan's metric, read from the trial folders alone
 * (so it can be built while or after trials run anywhere, e.g. a Slurm array). Finished
 * trials with a finite metric are ranked, best first (lowest, or highest with maximize;
 * ties by trial index); the others follow unranked: finished without the metric, failed,
 * interrupted, pending.
 */
public final class Leaderboard {
    private final SweepPlan plan;
    private final List<LeaderboardRow> rows;
    private final Set<String> numericKeys;

    private Leaderboard(SweepPlan plan, List<LeaderboardRow> rows, Set<String> numericKeys) {
        this.plan = plan;
        this.rows = List.copyOf(rows);
        this.numericKeys = numericKeys;
    }

    public static Leaderboard build(SweepPlan plan, Path sweepDir) {
        List<LeaderboardRow> unranked = new ArrayList<>();
        Set<String> numericKeys = new LinkedHashSet<>();
        for (Trial t : plan.trials()) {
            TrialFolder folder = TrialFolder.of(sweepDir, t);
            TrialStatus status = folder.status();
            JsonNode summary = folder.summary();
            Double metric = null;
            Long steps = null;
            Double wall = null;
            if (summary != null) {
                for (Iterator<Map.Entry<String, JsonNode>> it = summary.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    if (metric(summary, e.getKey()) != null) {
                        numericKeys.add(e.getKey());
                    }
                }
                metric = metric(summary, plan.metric());
                steps = summary.has("steps") ? summary.get("steps").asLong() : null;
                wall = summary.has("wall_seconds") ? summary.get("wall_seconds").asDouble() : null;
            }
            unranked.add(new LeaderboardRow(null, t, status, metric, steps, wall,
                    status == TrialStatus.FAILED ? folder.failure() : null));
        }
        Comparator<LeaderboardRow> byMetric = Comparator.comparingDouble(LeaderboardRow::metric);
        if (plan.maximize()) {
            byMetric = byMetric.reversed();
        }
        List<LeaderboardRow> rankable = new ArrayList<>(unranked.stream().filter(Leaderboard::rankable).toList());
        rankable.sort(byMetric.thenComparingInt(r -> r.trial().index()));
        List<LeaderboardRow> rows = new ArrayList<>();
        for (int i = 0; i < rankable.size(); i++) {
            LeaderboardRow r = rankable.get(i);
            rows.add(new LeaderboardRow(i + 1, r.trial(), r.status(), r.metric(), r.steps(), r.wallSeconds(), r.failure()));
        }
        for (TrialStatus s : List.of(TrialStatus.OK, TrialStatus.FAILED, TrialStatus.INTERRUPTED, TrialStatus.PENDING)) {
            unranked.stream().filter(r -> r.status() == s && !rankable(r)).forEach(rows::add);
        }
        return new Leaderboard(plan, rows, numericKeys);
    }

    /**
     * The value of a summary key as a number, or null when it is absent or not a number.
     * NaN and ±Infinity count as numbers (a diverged run): Jackson writes them as strings.
     */
    static Double metric(JsonNode summary, String key) {
        JsonNode m = summary == null ? null : summary.get(key);
        if (m == null) {
            return null;
        }
        if (m.isNumber()) {
            return m.doubleValue();
        }
        return switch (m.asText()) {
            case "NaN" -> Double.NaN;
            case "Infinity" -> Double.POSITIVE_INFINITY;
            case "-Infinity" -> Double.NEGATIVE_INFINITY;
            default -> null;
        };
    }

    private static boolean rankable(LeaderboardRow r) {
        return r.status() == TrialStatus.OK && r.metric() != null && Double.isFinite(r.metric());
    }

    public List<LeaderboardRow> rows() {
        return rows;
    }

    public List<LeaderboardRow> ranked() {
        return rows.stream().filter(r -> r.rank() != null).toList();
    }

    public Optional<LeaderboardRow> best() {
        return ranked().stream().findFirst();
    }

    public long count(TrialStatus status) {
        return rows.stream().filter(r -> r.status() == status).count();
    }

    public SweepPlan plan() {
        return plan;
    }

    /**
     * When trials finished but none has the metric as a number in its summary.json: the
     * message for the user (the metric is misspelt, or needs validation data); else null.
     */
    public String missingMetric() {
        if (count(TrialStatus.OK) == 0 || rows.stream().anyMatch(r -> r.status() == TrialStatus.OK && r.metric() != null)) {
            return null;
        }
        return "metric '" + plan.metric() + "' is not a number in any finished trial's summary.json (numeric keys there: "
                + String.join(", ", numericKeys) + "); rank by one of them with: gn4j sweep leaderboard --out DIR --metric KEY";
    }

    /**
     * 0 when at least one trial finished; otherwise the exit code all failed trials
     * share when it is one of gn4j's (2 usage, 3 data, 4 device, 5 numerical, 6 out of memory), else 5.
     */
    public int exitCode() {
        if (count(TrialStatus.OK) > 0) {
            return 0;
        }
        Set<Integer> codes = new LinkedHashSet<>();
        rows.stream().filter(r -> r.failure() != null).forEach(r -> codes.add(r.failure().exitCode()));
        if (codes.size() == 1 && List.of(2, 3, 4, 5, 6).contains(codes.iterator().next())) {
            return codes.iterator().next();
        }
        return 5;
    }

    public String csv() {
        List<String> header = new ArrayList<>(List.of("rank", "trial", plan.metric()));
        header.addAll(plan.swept());
        header.addAll(List.of("steps_run", "wall_seconds", "status", "exit_code", "error"));
        StringBuilder sb = new StringBuilder(String.join(",", header.stream().map(Leaderboard::csvCell).toList())).append('\n');
        for (LeaderboardRow r : rows) {
            List<String> cells = new ArrayList<>();
            cells.add(r.rank() == null ? "" : r.rank().toString());
            cells.add(r.trial().id());
            cells.add(r.metric() == null ? "" : Double.toString(r.metric()));
            for (String key : plan.swept()) {
                Object v = r.trial().swept().get(key);
                cells.add(v == null ? "" : OptionValues.exact(v));
            }
            cells.add(r.steps() == null ? "" : r.steps().toString());
            cells.add(r.wallSeconds() == null ? "" : String.format(Locale.ROOT, "%.3f", r.wallSeconds()));
            cells.add(r.status().label());
            cells.add(r.failure() == null ? "" : Integer.toString(r.failure().exitCode()));
            cells.add(r.failure() == null ? "" : r.failure().message());
            sb.append(String.join(",", cells.stream().map(Leaderboard::csvCell).toList())).append('\n');
        }
        return sb.toString();
    }

    /** The best {@code top} ranked trials as an aligned text table, then a line of counts. */
    public String table(int top) {
        List<String> header = new ArrayList<>(List.of("rank", "trial", plan.metric()));
        header.addAll(plan.swept());
        header.addAll(List.of("steps run", "wall s"));
        List<List<String>> lines = new ArrayList<>();
        if (!ranked().isEmpty()) {
            lines.add(header);
        }
        for (LeaderboardRow r : ranked().subList(0, Math.min(top, ranked().size()))) {
            List<String> cells = new ArrayList<>(List.of(r.rank().toString(), r.trial().id(), OptionValues.shortDouble(r.metric(), 6)));
            for (String key : plan.swept()) {
                Object v = r.trial().swept().get(key);
                cells.add(v == null ? "" : OptionValues.compact(v, 4));
            }
            cells.add(r.steps() == null ? "" : r.steps().toString());
            cells.add(r.wallSeconds() == null ? "" : String.format(Locale.ROOT, "%.2f", r.wallSeconds()));
            lines.add(cells);
        }
        int[] width = new int[header.size()];
        for (List<String> l : lines) {
            for (int i = 0; i < l.size(); i++) {
                width[i] = Math.max(width[i], l.get(i).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (List<String> l : lines) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < l.size(); i++) {
                boolean right = i == 0 || i >= l.size() - 2; // rank, steps and seconds read best right-aligned
                String cell = l.get(i);
                String pad = " ".repeat(width[i] - cell.length());
                line.append(i == 0 ? "" : "  ").append(right ? pad + cell : cell + pad);
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        sb.append(String.format(Locale.ROOT, "%d trials: %d ok (%d ranked by %s, %s), %d failed, %d interrupted, %d pending%n",
                rows.size(), count(TrialStatus.OK), ranked().size(), plan.metric(), plan.maximize() ? "highest first" : "lowest first",
                count(TrialStatus.FAILED), count(TrialStatus.INTERRUPTED), count(TrialStatus.PENDING)));
        return sb.toString();
    }

    private static String csvCell(String s) {
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
            return "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }
}
