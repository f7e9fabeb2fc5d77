package dev.gn4j.cli.compare;

/** Mean, sample standard deviation, minimum and maximum of one summary.json value over a group's runs. */
public record SummaryStats(int n, double mean, double sd, double min, double max) {

    public static SummaryStats of(double[] values) {
        int n = 0;
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            if (Double.isFinite(v)) {
                n++;
                sum += v;
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        if (n == 0) {
            return new SummaryStats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double mean = sum / n;
        double ss = 0;
        for (double v : values) {
            if (Double.isFinite(v)) {
                ss += (v - mean) * (v - mean);
            }
        }
        return new SummaryStats(n, mean, n > 1 ? Math.sqrt(ss / (n - 1)) : Double.NaN, min, max);
    }

    /** "0.8123 ± 0.0042" (the ± part only with two or more runs), in four significant digits. */
    public String text() {
        if (n == 0) {
            return "–";
        }
        String m = String.format(java.util.Locale.ROOT, "%.4g", mean);
        return n > 1 ? m + " ± " + String.format(java.util.Locale.ROOT, "%.2g", sd) : m;
    }
}
