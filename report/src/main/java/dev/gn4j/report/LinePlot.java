package dev.gn4j.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.data.Range;

/**
 * A line chart: title, axis labels, any number of named series (some with a shaded band), a legend. Built by
 * chaining setters, then drawn with {@link #write} (or placed beside others in a {@link Figure}).
 *
 * <pre>{@code
 * new LinePlot("diabetes, egn", "step", "loss")
 *         .add("train", steps, trainLoss)
 *         .add("validation", steps, valLoss)
 *         .write(runDir.resolve("loss.png"));
 * }</pre>
 *
 * Defaults: 900×560 px, linear x, AUTO y (log when the data span more than two decades), no markers except
 * on points that have no neighbour to connect to (which would otherwise be invisible).
 */
public final class LinePlot {
    public static final int DEFAULT_WIDTH = 900;
    public static final int DEFAULT_HEIGHT = 560;

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final List<Series> series = new ArrayList<>();
    /** The band of each series, null for a series without one; in the order of {@link #series}. */
    private final List<Band> bands = new ArrayList<>();
    private Scale xScale = Scale.LINEAR;
    private Scale yScale = Scale.AUTO;
    private Range xLimits;
    private Range yLimits;
    private boolean markers;
    private boolean integerX;
    private int width = DEFAULT_WIDTH;
    private int height = DEFAULT_HEIGHT;

    /** A plot with the given texts; any of them may be null to leave it out. */
    public LinePlot(String title, String xLabel, String yLabel) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    /**
     * A plot for measurements against a size that grows geometrically, such as time per step against batch
     * size: log x, AUTO y, a marker on every point (each one is a measurement, the lines only guide the eye).
     */
    public static LinePlot scaling(String title, String xLabel, String yLabel) {
        return new LinePlot(title, xLabel, yLabel).xScale(Scale.LOG).yScale(Scale.AUTO).markers(true);
    }

    /** Adds a series; the n-th series added takes the n-th colour of {@link Palette#SERIES}. */
    public LinePlot add(String name, double[] x, double[] y) {
        return add(new Series(name, x, y));
    }

    public LinePlot add(Series s) {
        series.add(s);
        bands.add(null);
        return this;
    }

    /**
     * Adds a series with a shaded band from lo to hi in its colour, drawn beneath every line (for example a
     * mean over seeds with their minimum and maximum).
     */
    public LinePlot add(String name, double[] x, double[] y, double[] lo, double[] hi) {
        Series s = new Series(name, x, y);
        Band b = new Band(lo, hi);
        if (b.lo().length != s.size()) {
            throw new IllegalArgumentException("band of " + name + " has " + b.lo().length + " bounds for " + s.size() + " points");
        }
        series.add(s);
        bands.add(b);
        return this;
    }

    public LinePlot xScale(Scale scale) {
        this.xScale = scale;
        return this;
    }

    public LinePlot yScale(Scale scale) {
        this.yScale = scale;
        return this;
    }

    /** Fixes the x range instead of fitting it to the data (no margin is added); points outside are clipped. */
    public LinePlot xLimits(double lo, double hi) {
        this.xLimits = limits(lo, hi);
        return this;
    }

    /** Fixes the y range instead of fitting it to the data (no margin is added); points outside are clipped. */
    public LinePlot yLimits(double lo, double hi) {
        this.yLimits = limits(lo, hi);
        return this;
    }

    /** Whether to draw a marker on every point. */
    public LinePlot markers(boolean on) {
        this.markers = on;
        return this;
    }

    /** Whether x ticks must be whole numbers (for step or epoch counts: no tick at step 2.5). */
    public LinePlot integerX(boolean on) {
        this.integerX = on;
        return this;
    }

    /** Image size for {@link #write}. */
    public LinePlot size(int width, int height) {
        Figure.requirePositive(width, height);
        this.width = width;
        this.height = height;
        return this;
    }

    public List<Series> series() {
        return List.copyOf(series);
    }

    /** Writes the plot as a PNG file, atomically. */
    public void write(Path png) throws IOException {
        Figure.row(null, this).size(width, height).write(png);
    }

    /** This plot as a chart, for a {@link Figure} to draw. */
    JFreeChart chart() {
        return LineChart.of(this);
    }

    /** The band of each series, null for a series without one; in the order of {@link #series()}. */
    List<Band> bands() {
        return Collections.unmodifiableList(bands);
    }

    String title() {
        return title;
    }

    String xLabel() {
        return xLabel;
    }

    String yLabel() {
        return yLabel;
    }

    Scale xScale() {
        return xScale;
    }

    Scale yScale() {
        return yScale;
    }

    Range xLimits() {
        return xLimits;
    }

    Range yLimits() {
        return yLimits;
    }

    boolean markers() {
        return markers;
    }

    boolean integerX() {
        return integerX;
    }

    private static Range limits(double lo, double hi) {
        if (!(Double.isFinite(lo) && Double.isFinite(hi) && lo < hi)) {
            throw new IllegalArgumentException("axis limits must be finite and increasing, got [" + lo + ", " + hi + "]");
        }
        return new Range(lo, hi);
    }
}
