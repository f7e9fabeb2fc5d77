import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The full-batch table of the GGN quadratic-rate runs: training loss at steps 0..N for each group of
 * seed runs, as the median over seeds with the range, and the first step at which every seed is below
 * a threshold. gn4j compare's table reads summary.json, which has no per-step values; this reads metrics.csv.
 * Usage: java LossPerStep.java OUT.md STEPS THRESHOLD LABEL=DIR [LABEL=DIR ...]   (DIR holds one run folder per seed; split at the last =)
 */
public final class LossPerStep {
    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        int steps = Integer.parseInt(args[1]);
        double threshold = Double.parseDouble(args[2]);
        StringBuilder md = new StringBuilder("| run | seeds |");
        for (int s = 0; s <= steps; s++) {
            md.append(" step ").append(s).append(" |");
        }
        md.append(" first step below ").append(fmt(threshold)).append(" (all seeds) |\n|---|---|");
        md.append("---|".repeat(steps + 2)).append('\n');
        for (int i = 3; i < args.length; i++) {
            String label = args[i].substring(0, args[i].lastIndexOf('='));
            Path group = Path.of(args[i].substring(args[i].lastIndexOf('=') + 1));
            List<double[]> seeds = new ArrayList<>();
            try (Stream<Path> runs = Files.list(group)) {
                for (Path run : runs.sorted().toList()) {
                    if (Files.exists(run.resolve("metrics.csv"))) {
                        seeds.add(losses(run.resolve("metrics.csv")));
                    }
                }
            }
            if (seeds.isEmpty()) {
                throw new IllegalArgumentException("no run folders with metrics.csv in " + group);
            }
            md.append("| ").append(label).append(" | ").append(seeds.size()).append(" |");
            int below = -1;
            int longest = seeds.stream().mapToInt(l -> l.length).max().orElse(0);
            for (int s = 0; s < longest; s++) {
                double[] at = at(seeds, s);
                if (s <= steps) {
                    md.append(' ').append(fmt(median(at))).append(" (").append(fmt(min(at))).append("–").append(fmt(max(at))).append(") |");
                }
                if (below < 0 && max(at) < threshold) {
                    below = s;
                }
            }
            md.append(' ').append(below < 0 ? "never" : Integer.toString(below)).append(" |\n");
        }
        Files.writeString(out, md.toString());
        System.out.print(md);
    }

    private static double[] losses(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        List<String> header = List.of(lines.get(0).split(","));
        int col = header.indexOf("train_loss");
        return lines.stream().skip(1).mapToDouble(l -> Double.parseDouble(l.split(",", -1)[col])).toArray();
    }

    private static double[] at(List<double[]> seeds, int step) {
        return seeds.stream().mapToDouble(l -> step < l.length ? l[step] : Double.NaN).toArray();
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        java.util.Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : Math.sqrt(s[s.length / 2 - 1] * s[s.length / 2]);
    }

    private static double min(double[] v) {
        return java.util.Arrays.stream(v).min().orElse(Double.NaN);
    }

    private static double max(double[] v) {
        return java.util.Arrays.stream(v).max().orElse(Double.NaN);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1e", v);
    }
}
