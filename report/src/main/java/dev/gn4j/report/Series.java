package dev.gn4j.report;

/**
 * One line of a plot: named (x, y) points, drawn in order. A point with a NaN or infinite coordinate, or a
 * non-positive one on a log axis, is not drawn: the line stops before it and resumes after it.
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
}
