package dev.gn4j.engine.report;

import java.util.Collection;

/** The interval of data values an axis shows, lo &lt; hi (both &gt; 0 on a log axis). */
public record AxisRange(double lo, double hi) {
    /** Share of the data span left empty at each end, so that lines and markers do not touch the frame. */
    public static final double PADDING = 0.04;

    public AxisRange {
        if (!(Double.isFinite(lo) && Double.isFinite(hi) && lo < hi)) {
            throw new IllegalArgumentException("axis range must be finite and increasing, got [" + lo + ", " + hi + "]");
        }
    }

    /**
     * The range of the values an axis can show (finite; positive on a log axis), padded by {@link #PADDING}
     * at each end. Constant data get a range around the value (±10 %, ±1 around 0, half a decade each way on a
     * log axis); no data at all get [0, 1] (linear) or [1, 10] (log).
     */
    public static AxisRange of(Collection<double[]> values, boolean log) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double[] vs : values) {
            for (double v : vs) {
                if (Double.isFinite(v) && (!log || v > 0)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        if (min > max) {
            return log ? new AxisRange(1, 10) : new AxisRange(0, 1);
        }
        if (log) {
            double a = Math.log10(min);
            double b = Math.log10(max);
            if (b - a < 1e-9) {
                return new AxisRange(min / Math.sqrt(10), max * Math.sqrt(10));
            }
            double pad = (b - a) * PADDING;
            return new AxisRange(Math.pow(10, a - pad), Math.pow(10, b + pad));
        }
        // Differences below ~1e-12 of the magnitude are rounding noise in a double: treat them as constant.
        if (max - min <= 1e-12 * Math.max(Math.abs(min), Math.abs(max))) {
            double half = min == 0 ? 1 : Math.abs(min) * 0.1;
            return new AxisRange(Math.max(min - half, -Double.MAX_VALUE), Math.min(max + half, Double.MAX_VALUE));
        }
        double pad = (max / 2 - min / 2) * 2 * PADDING;
        double lo = min - pad;
        double hi = max + pad;
        // Data near ±Double.MAX_VALUE would pad to infinity: show them unpadded instead.
        return Double.isFinite(lo) && Double.isFinite(hi) ? new AxisRange(lo, hi) : new AxisRange(min, max);
    }

    /** Whether a value lies in the range, up to rounding. */
    public boolean contains(double v) {
        double slack = (hi - lo) * 1e-9;
        return v >= lo - slack && v <= hi + slack;
    }
}
