package dev.gn4j.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Ellipse2D;
import java.io.IOException;
import java.text.DecimalFormat;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.TickUnits;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.Range;
import org.jfree.data.general.DatasetUtils;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

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

    /** Opacity of a band, low enough that overlapping bands and the lines over them stay readable. */
    static final float BAND_ALPHA = 0.22f;
    private static final BasicStroke LINE = new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    private static final double MARKER_RADIUS = 3.5;
    static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 15);
    private static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    private static final Font TICK_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final Color GRID = new Color(0xDDDDDD);
    private static final Color MINOR_GRID = new Color(0xEBEBEB);

    /**
     * Log tick units of whole powers of ten (labels 10⁻³, 10⁰, 10²: no 10^0.4), the first with minor ticks at
     * 2..9 × 10^k. JFreeChart spaces minor ticks evenly between majors, and only within one decade is that
     * where they belong, so the wider units have none.
     */
    private static final TickUnits DECADES = decades();

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

    /**
     * This plot as a chart: the lines in dataset 0, drawn last, over the bands in dataset 1. A band is split
     * where a bound cannot be drawn, one band series per piece, each filled in its line's colour.
     */
    JFreeChart chart() {
        boolean xLog = isLog(xScale, xLimits, series.stream().map(Series::x).toList());
        boolean yLog = isLog(yScale, yLimits, series.stream().map(Series::y).toList());
        XYSeriesCollection lines = new XYSeriesCollection();
        List<boolean[]> lonePoints = new ArrayList<>();
        YIntervalSeriesCollection bandPieces = new YIntervalSeriesCollection();
        DeviationRenderer bandRenderer = new DeviationRenderer(false, false);
        bandRenderer.setAlpha(BAND_ALPHA);
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            XYSeries line = new XYSeries(new SeriesKey(i, s.named() ? s.name() : ""), false, true);
            double[] x = s.x();
            double[] y = s.y();
            Band band = bands.get(i);
            YIntervalSeries piece = null;
            for (int k = 0; k < x.length; k++) {
                if (!drawable(x[k], xLog)) {
                    continue;
                }
                boolean yOk = drawable(y[k], yLog);
                line.add(x[k], yOk ? y[k] : Double.NaN);
                if (band != null && drawable(band.lo()[k], yLog) && drawable(band.hi()[k], yLog)) {
                    if (piece == null) {
                        piece = new YIntervalSeries(new SeriesKey(bandPieces.getSeriesCount(), ""), false, true);
                    }
                    piece.add(x[k], yOk ? y[k] : band.lo()[k], band.lo()[k], band.hi()[k]);
                } else if (piece != null) {
                    addPiece(bandPieces, bandRenderer, piece, i);
                    piece = null;
                }
            }
            if (piece != null) {
                addPiece(bandPieces, bandRenderer, piece, i);
            }
            lines.addSeries(line);
            lonePoints.add(lonePoints(line));
        }
        LineRenderer lineRenderer = new LineRenderer(markers, lonePoints);
        for (int i = 0; i < series.size(); i++) {
            lineRenderer.setSeriesPaint(i, Palette.series(i));
            lineRenderer.setSeriesStroke(i, LINE);
            lineRenderer.setSeriesShape(i, new Ellipse2D.Double(-MARKER_RADIUS, -MARKER_RADIUS, 2 * MARKER_RADIUS, 2 * MARKER_RADIUS));
            lineRenderer.setSeriesVisibleInLegend(i, series.get(i).named());
        }
        lineRenderer.setAutoPopulateSeriesShape(false);
        bandRenderer.setDefaultSeriesVisibleInLegend(false);

        Range xData = Range.combine(DatasetUtils.findDomainBounds(lines, false), DatasetUtils.findDomainBounds(bandPieces, false));
        Range yData = Range.combine(DatasetUtils.findRangeBounds(lines, false), DatasetUtils.findRangeBounds(bandPieces, true));
        XYPlot plot = new XYPlot(lines, axis(xLabel, xLog, xLimits, xData, integerX), axis(yLabel, yLog, yLimits, yData, false),
                lineRenderer);
        plot.setDataset(1, bandPieces);
        plot.setRenderer(1, bandRenderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(GRID);
        plot.setRangeGridlinePaint(GRID);
        plot.setDomainGridlineStroke(new BasicStroke(1f));
        plot.setRangeGridlineStroke(new BasicStroke(1f));
        plot.setDomainMinorGridlinesVisible(xLog);
        plot.setRangeMinorGridlinesVisible(yLog);
        plot.setDomainMinorGridlinePaint(MINOR_GRID);
        plot.setDomainMinorGridlineStroke(new BasicStroke(1f));
        plot.setRangeMinorGridlineStroke(new BasicStroke(1f));
        plot.setRangeMinorGridlinePaint(MINOR_GRID);
        boolean legend = series.stream().anyMatch(Series::named);
        JFreeChart chart = new JFreeChart(title, TITLE_FONT, plot, legend);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setPadding(new RectangleInsets(4, 4, 6, 4));
        if (legend) {
            chart.getLegend().setItemFont(TICK_FONT);
            chart.getLegend().setFrame(org.jfree.chart.block.BlockBorder.NONE);
        }
        return chart;
    }

    private static void addPiece(YIntervalSeriesCollection pieces, DeviationRenderer renderer, YIntervalSeries piece, int line) {
        renderer.setSeriesFillPaint(pieces.getSeriesCount(), Palette.series(line));
        pieces.addSeries(piece);
    }

    /** Which points of a line have no drawable neighbour, so that only a marker can show them. */
    private static boolean[] lonePoints(XYSeries line) {
        int n = line.getItemCount();
        boolean[] lone = new boolean[n];
        for (int k = 0; k < n; k++) {
            lone[k] = drawn(line, k) && !drawn(line, k - 1) && !drawn(line, k + 1);
        }
        return lone;
    }

    private static boolean drawn(XYSeries line, int k) {
        return k >= 0 && k < line.getItemCount() && !Double.isNaN(line.getY(k).doubleValue());
    }

    private static ValueAxis axis(String label, boolean log, Range limits, Range data, boolean integers) {
        ValueAxis axis;
        if (log) {
            LogAxis logAxis = new LogAxis(label);
            logAxis.setStandardTickUnits(DECADES);
            logAxis.setMinorTickMarksVisible(true);
            axis = logAxis;
            if (limits == null && data != null) {
                Range decades = wholeDecades(data);
                if (decades != null) {
                    axis.setRange(decades);
                }
            }
        } else {
            NumberAxis linear = new NumberAxis(label);
            // Fit the data: a loss between 0.2 and 0.3 should fill the panel, not sit at the top of 0..0.3.
            linear.setAutoRangeIncludesZero(false);
            // A margin at 0 as elsewhere, so that the marker of step 0 is not cut in half by the frame.
            linear.setAutoRangeStickyZero(false);
            if (integers) {
                linear.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
            }
            if (limits == null && data != null && constant(data)) {
                double v = data.getCentralValue();
                double half = v == 0 ? 1 : Math.abs(v) * 0.1;
                linear.setRange(v - half, v + half);
            }
            axis = linear;
        }
        if (limits != null) {
            axis.setRange(limits);
        }
        axis.setLabelFont(LABEL_FONT);
        axis.setTickLabelFont(TICK_FONT);
        return axis;
    }

    private static TickUnits decades() {
        TickUnits units = new TickUnits();
        DecimalFormat exponent = new DecimalFormat("0");
        units.add(new NumberTickUnit(1, exponent, 9));
        for (int size : new int[] {2, 3, 5, 10, 20, 50, 100}) {
            units.add(new NumberTickUnit(size, exponent, 0));
        }
        return units;
    }

    /**
     * The decades around the data when they hold fewer than two powers of ten, else null (fit as usual): with
     * ticks at powers of ten only, a loss between 0.05 and 0.6 would otherwise get a single labelled tick.
     */
    static Range wholeDecades(Range data) {
        double lo = Math.floor(Math.log10(data.getLowerBound()));
        double hi = Math.ceil(Math.log10(data.getUpperBound()));
        if (Math.ceil(Math.log10(data.getLowerBound())) < Math.floor(Math.log10(data.getUpperBound()))) {
            return null;
        }
        if (lo == hi) {
            lo--;
            hi++;
        }
        // A hair wider than the powers themselves: log10(Math.pow(10, -2)) rounds to just above -2, which would
        // leave the end ticks out.
        return new Range(Math.pow(10, lo) * (1 - 1e-9), Math.pow(10, hi) * (1 + 1e-9));
    }

    /**
     * Whether data differ by no more than rounding noise (a lone point, a flat line): JFreeChart would then zoom
     * into a range of 1e-8 and label every tick with the same number, so such data get ±10 % around them.
     */
    private static boolean constant(Range data) {
        double magnitude = Math.max(Math.abs(data.getLowerBound()), Math.abs(data.getUpperBound()));
        return data.getLength() <= 1e-9 * magnitude;
    }

    private static boolean isLog(Scale scale, Range limits, List<double[]> values) {
        return limits != null ? scale == Scale.LOG && limits.getLowerBound() > 0 : scale.isLog(values);
    }

    /** Whether a value can be drawn on an axis: finite, and positive on a log axis. */
    private static boolean drawable(double v, boolean log) {
        return Double.isFinite(v) && (!log || v > 0);
    }

    private static Range limits(double lo, double hi) {
        if (!(Double.isFinite(lo) && Double.isFinite(hi) && lo < hi)) {
            throw new IllegalArgumentException("axis limits must be finite and increasing, got [" + lo + ", " + hi + "]");
        }
        return new Range(lo, hi);
    }

    /** A series key that is unique (JFreeChart's collections refuse equal keys) and reads as its legend text. */
    private record SeriesKey(int index, String label) implements Comparable<SeriesKey> {
        @Override
        public int compareTo(SeriesKey o) {
            return Integer.compare(index, o.index);
        }

        @Override
        public String toString() {
            return label;
        }
    }
}
