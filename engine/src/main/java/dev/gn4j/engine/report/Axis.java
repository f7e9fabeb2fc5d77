package dev.gn4j.engine.report;

/**
 * One axis laid out on the image: maps data values to pixel positions between two ends. For the y axis the
 * start is the bottom of the plot area, so pixel positions decrease as values grow.
 */
final class Axis {
    /** Pixel positions are clamped here so that far-off points stay finite for Java2D without bending lines on screen. */
    private static final double FAR = 1e6;

    final AxisRange range;
    final boolean log;
    final double start;
    final double end;
    private final double a;
    private final double b;

    Axis(AxisRange range, boolean log, double start, double end) {
        if (log && range.lo() <= 0) {
            throw new IllegalArgumentException("log axis needs a positive range, got " + range);
        }
        this.range = range;
        this.log = log;
        this.start = start;
        this.end = end;
        this.a = transform(range.lo());
        this.b = transform(range.hi());
    }

    /** Whether a value can be drawn on this axis at all: finite, and positive on a log axis. */
    boolean accepts(double v) {
        return Double.isFinite(v) && (!log || v > 0);
    }

    double pixel(double v) {
        // Halves, so that a range as wide as ±Double.MAX_VALUE does not overflow.
        double p = start + (transform(v) / 2 - a / 2) / (b / 2 - a / 2) * (end - start);
        return Math.max(-FAR, Math.min(FAR, p));
    }

    double length() {
        return Math.abs(end - start);
    }

    private double transform(double v) {
        return log ? Math.log10(v) : v;
    }

    /** Ticks for this axis with at most maxCount labels. */
    Ticks ticks(int maxCount, boolean integers) {
        return log ? LogTicks.of(range.lo(), range.hi(), maxCount) : LinearTicks.of(range.lo(), range.hi(), maxCount, integers);
    }
}
