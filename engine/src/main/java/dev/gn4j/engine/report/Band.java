package dev.gn4j.engine.report;

import java.awt.geom.Point2D;
import java.util.ArrayList;
import java.util.List;

/**
 * A shaded range around a series, such as the spread over seeds around their mean: at each x, from lo to hi.
 * Points where either bound is not drawable (NaN, infinite, ≤ 0 on a log axis) split the band, as gaps split a
 * series.
 */
public record Band(double[] x, double[] lo, double[] hi) {
    public Band {
        if (x.length != lo.length || x.length != hi.length) {
            throw new IllegalArgumentException("band has " + x.length + " x values but " + lo.length + " lower and "
                    + hi.length + " upper bounds");
        }
        x = x.clone();
        lo = lo.clone();
        hi = hi.clone();
    }

    @Override
    public double[] x() {
        return x.clone();
    }

    @Override
    public double[] lo() {
        return lo.clone();
    }

    @Override
    public double[] hi() {
        return hi.clone();
    }

    /** Closed outlines in pixels, one per run of drawable points: along the upper bound, back along the lower. */
    List<List<Point2D>> outlines(Axis xAxis, Axis yAxis) {
        List<List<Point2D>> outlines = new ArrayList<>();
        List<Integer> run = new ArrayList<>();
        for (int i = 0; i <= x.length; i++) {
            boolean ok = i < x.length && xAxis.accepts(x[i]) && yAxis.accepts(lo[i]) && yAxis.accepts(hi[i]);
            if (ok) {
                run.add(i);
            } else if (!run.isEmpty()) {
                if (run.size() > 1) {
                    List<Point2D> outline = new ArrayList<>(2 * run.size());
                    for (int k : run) {
                        outline.add(new Point2D.Double(xAxis.pixel(x[k]), yAxis.pixel(hi[k])));
                    }
                    for (int j = run.size() - 1; j >= 0; j--) {
                        int k = run.get(j);
                        outline.add(new Point2D.Double(xAxis.pixel(x[k]), yAxis.pixel(lo[k])));
                    }
                    outlines.add(outline);
                }
                run = new ArrayList<>();
            }
        }
        return outlines;
    }
}
