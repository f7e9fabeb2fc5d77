package dev.gn4j.report;

/**
 * A shaded range around a series, such as the spread over seeds around their mean: at the series' i-th x,
 * from lo[i] to hi[i]. Where a bound cannot be drawn (NaN, infinite, ≤ 0 on a log axis) the band narrows to
 * the line there.
 */
record Band(double[] lo, double[] hi) {
    Band {
        if (lo.length != hi.length) {
            throw new IllegalArgumentException("band has " + lo.length + " lower but " + hi.length + " upper bounds");
        }
        lo = lo.clone();
        hi = hi.clone();
    }
}
