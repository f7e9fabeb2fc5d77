package dev.gn4j.engine.report;

import java.awt.geom.Point2D;
import java.util.ArrayList;
import java.util.List;

/**
 * One line of a plot: named (x, y) points, drawn in order. A point with a NaN or infinite coordinate, or a
 * non-positive one on a log axis, is a gap: the line stops before it and resumes after it.
 *
 * @param name legend text; null or blank for a series that the legend leaves out
 */
public record Series(String name, double[] x, double[] y) {
    public Series {
        if (x.length != y.length) {
            throw new IllegalArgumentException("series " + name + " has " + x.length + " x values but " + y.length + " y values");
        }
        x = x.clone();
        y = y.clone();
    }

    @Override
    public double[] x() {
        return x.clone();
    }

    @Override
    public double[] y() {
        return y.clone();
    }

    public int size() {
        return x.length;
    }

    boolean named() {
        return name != null && !name.isBlank();
    }

    /** The drawable points in pixels, split into runs at gaps (NaN, infinite, or ≤ 0 on a log axis). */
    List<List<Point2D>> runs(Axis xAxis, Axis yAxis) {
        List<List<Point2D>> runs = new ArrayList<>();
        List<Point2D> run = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            if (xAxis.accepts(x[i]) && yAxis.accepts(y[i])) {
                run.add(new Point2D.Double(xAxis.pixel(x[i]), yAxis.pixel(y[i])));
            } else if (!run.isEmpty()) {
                runs.add(run);
                run = new ArrayList<>();
            }
        }
        if (!run.isEmpty()) {
            runs.add(run);
        }
        return runs;
    }
}
