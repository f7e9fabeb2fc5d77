package dev.gn4j.engine.report;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** "Nice" ticks on a linear axis: multiples of 1, 2 or 5 × 10^k, as many as fit in the range up to a maximum. */
public final class LinearTicks {
    /** Slack for values that are a multiple of the step up to rounding, e.g. 0.30000000000000004 / 0.1. */
    private static final double EPS = 1e-9;
    /** 1e308 is the largest power of ten a double holds; a coarser step would be infinite. */
    private static final int MAX_EXPONENT = 308;

    private LinearTicks() {
    }

    /**
     * Ticks inside [lo, hi].
     *
     * @param maxCount at most this many ticks (at least 2); a range narrower than the 1-2-5 step this allows
     *                 gets a finer step and up to five ticks instead, so that every axis has two labels
     * @param integers whether the step must be a whole number (for axes such as step counts)
     */
    public static Ticks of(double lo, double hi, int maxCount, boolean integers) {
        if (!(Double.isFinite(lo) && Double.isFinite(hi) && lo < hi)) {
            throw new IllegalArgumentException("tick range must be finite and increasing, got [" + lo + ", " + hi + "]");
        }
        if (maxCount < 2) {
            throw new IllegalArgumentException("maxCount must be at least 2, got " + maxCount);
        }
        // Halves, so that a range as wide as [-1e308, 1e308] does not overflow.
        double halfRough = (hi / 2 - lo / 2) / (maxCount - 1);
        int exponent = (int) Math.floor(Math.log10(halfRough) + Math.log10(2));
        double f = halfRough / Math.pow(10, exponent) * 2;
        long mantissa;
        if (f <= 1 + EPS) {
            mantissa = 1;
        } else if (f <= 2 + EPS) {
            mantissa = 2;
        } else if (f <= 5 + EPS) {
            mantissa = 5;
        } else {
            mantissa = 1;
            exponent++;
        }
        if (exponent > MAX_EXPONENT || exponent == MAX_EXPONENT && mantissa > 1) {
            mantissa = 1;
            exponent = MAX_EXPONENT;
        }
        if (integers && exponent < 0) {
            mantissa = 1;
            exponent = 0;
        }
        BigDecimal step = BigDecimal.valueOf(mantissa).scaleByPowerOfTen(exponent);
        long first = first(lo, step);
        long last = last(hi, step);
        // A step as coarse as the range can leave one tick or none, and one label gives no scale: go down the
        // 1-2-5 ladder until two fit (at most five then, as the range is below two of the coarser steps).
        while (last - first < 1 && !(integers && mantissa == 1 && exponent == 0)) {
            if (mantissa == 1) {
                mantissa = 5;
                exponent--;
            } else {
                mantissa = mantissa == 5 ? 2 : 1;
            }
            step = BigDecimal.valueOf(mantissa).scaleByPowerOfTen(exponent);
            first = first(lo, step);
            last = last(hi, step);
        }
        List<BigDecimal> exact = new ArrayList<>();
        for (long k = first; k <= last; k++) {
            exact.add(BigDecimal.valueOf(k).multiply(step));
        }
        double[] values = new double[exact.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = exact.get(i).doubleValue();
        }
        return new Ticks(values, NumberLabels.linear(exact, exponent), new double[0]);
    }

    private static long first(double lo, BigDecimal step) {
        double q = lo / step.doubleValue();
        return (long) Math.ceil(q - slack(q));
    }

    private static long last(double hi, BigDecimal step) {
        double q = hi / step.doubleValue();
        return (long) Math.floor(q + slack(q));
    }

    /** Rounding in value / step: absolute near zero, a few ulps for large quotients (tiny ranges far from 0). */
    private static double slack(double q) {
        return EPS + Math.abs(q) * 1e-14;
    }
}
