package dev.gn4j.cli.compare;

import dev.gn4j.report.Series;
import java.util.Arrays;
import java.util.List;

/**
 * Several runs' curves of one metric summarised at common x values: their mean, minimum and maximum. Runs
 * logged at the same x values (steps, epochs) are summarised there; otherwise (wall time differs run to run)
 * each run is interpolated linearly onto an even grid. The x range ends where the shortest run ends, so every
 * point averages over every run.
 */
public record SpreadCurve(double[] x, double[] mean, double[] lo, double[] hi, int runs) {

    public static SpreadCurve of(List<Series> curves, int gridPoints) {
        if (curves.isEmpty()) {
            throw new IllegalArgumentException("no curves to summarise");
        }
        for (Series s : curves) {
            if (s.size() == 0) {
                throw new IllegalArgumentException("curve " + s.name() + " has no points");
            }
        }
        double[] x = sameX(curves) ? curves.get(0).x() : grid(curves, gridPoints);
        int n = x.length;
        double[] mean = new double[n];
        double[] lo = new double[n];
        double[] hi = new double[n];
        Arrays.fill(lo, Double.POSITIVE_INFINITY);
        Arrays.fill(hi, Double.NEGATIVE_INFINITY);
        for (Series s : curves) {
            double[] sx = s.x();
            double[] sy = s.y();
            for (int i = 0; i < n; i++) {
                double v = interpolate(sx, sy, x[i]);
                mean[i] += v / curves.size();
                lo[i] = Math.min(lo[i], v);
                hi[i] = Math.max(hi[i], v);
            }
        }
        return new SpreadCurve(x, mean, lo, hi, curves.size());
    }

    private static boolean sameX(List<Series> curves) {
        double[] first = curves.get(0).x();
        for (Series s : curves) {
            if (!Arrays.equals(first, s.x())) {
                return false;
            }
        }
        return true;
    }

    private static double[] grid(List<Series> curves, int points) {
        double start = Double.NEGATIVE_INFINITY;
        double end = Double.POSITIVE_INFINITY;
        for (Series s : curves) {
            double[] sx = s.x();
            start = Math.max(start, sx[0]);
            end = Math.min(end, sx[sx.length - 1]);
        }
        if (!(end > start)) {
            return new double[] {start};
        }
        double[] g = new double[points];
        for (int i = 0; i < points; i++) {
            g[i] = start + (end - start) * i / (points - 1);
        }
        g[points - 1] = end;
        return g;
    }

    /** Linear interpolation in a curve whose x values increase; at an x it holds, exactly its y. */
    static double interpolate(double[] x, double[] y, double at) {
        int k = Arrays.binarySearch(x, at);
        if (k >= 0) {
            return y[k];
        }
        int right = -k - 1;
        if (right == 0 || right == x.length) {
            return Double.NaN;
        }
        double t = (at - x[right - 1]) / (x[right] - x[right - 1]);
        return y[right - 1] + t * (y[right] - y[right - 1]);
    }
}
