package dev.gn4j.bench;

import java.util.Arrays;

/**
 * The median and the 10th and 90th percentiles of n samples (linear interpolation
 * between order statistics, numpy's default), so a table can show the typical
 * value and how much the machine moved it.
 */
public record Spread(double median, double p10, double p90, int n) {

    public static Spread of(double[] samples) {
        if (samples.length == 0) {
            return new Spread(Double.NaN, Double.NaN, Double.NaN, 0);
        }
        double[] s = samples.clone();
        Arrays.sort(s);
        return new Spread(quantile(s, 0.5), quantile(s, 0.1), quantile(s, 0.9), s.length);
    }

    /** The q-quantile of sorted values. */
    static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}
