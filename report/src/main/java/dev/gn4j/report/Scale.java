package dev.gn4j.report;

import java.util.Collection;

/** How an axis maps values to positions. */
public enum Scale {
    LINEAR,
    LOG,
    /** Log when the data span more than two decades (see {@link #prefersLog}), linear otherwise. */
    AUTO;

    /** Data spanning more than this ratio (two decades) are drawn on a log axis in AUTO mode. */
    public static final double AUTO_LOG_RATIO = 100;

    /** Whether this axis, given its data, is drawn in log scale. */
    public boolean isLog(Collection<double[]> values) {
        return this == LOG || this == AUTO && prefersLog(values);
    }

    /**
     * The AUTO decision: log when the finite positive values span more than two decades (max/min &gt; 100).
     * Zeros do not count against it (a log axis skips them, and a loss that reaches exactly 0 still reads best
     * in log), but a finite negative value keeps the axis linear, since a log axis would hide it.
     */
    public static boolean prefersLog(Collection<double[]> values) {
        return prefersLog(values, AUTO_LOG_RATIO);
    }

    /** As {@link #prefersLog(Collection)}, with the span (max/min) above which log is chosen. */
    public static boolean prefersLog(Collection<double[]> values, double ratio) {
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (double[] vs : values) {
            for (double v : vs) {
                if (v < 0 && Double.isFinite(v)) {
                    return false;
                }
                if (v > 0 && v < Double.POSITIVE_INFINITY) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        return max > 0 && max / min > ratio;
    }
}
