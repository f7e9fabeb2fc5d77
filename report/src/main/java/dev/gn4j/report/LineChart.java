package dev.gn4j.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Ellipse2D;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.block.BlockBorder;
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
 * A {@link LinePlot} as a JFreeChart: the lines in dataset 0, drawn last, over the bands in dataset 1. Points
 * that cannot be drawn (NaN, infinite, ≤ 0 on a log axis) are NaN in a line, which JFreeChart draws as a gap;
 * a band is split there into pieces, one band series each, filled in its line's colour.
 */
final class LineChart {
    /** Opacity of a band, low enough that overlapping bands and the lines over them stay readable. */
    static final float BAND_ALPHA = 0.22f;
    private static final BasicStroke LINE = new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    private static final BasicStroke GRID_STROKE = new BasicStroke(1f);
    private static final double MARKER_RADIUS = 3.5;
    private static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 15);
    private static final Color GRID = new Color(0xDDDDDD);
    private static final Color MINOR_GRID = new Color(0xEBEBEB);

    private LineChart() {
    }

    static JFreeChart of(LinePlot p) {
        List<Series> series = p.series();
        boolean xLog = Axes.isLog(p.xScale(), p.xLimits(), series.stream().map(Series::x).toList());
        boolean yLog = Axes.isLog(p.yScale(), p.yLimits(), series.stream().map(Series::y).toList());
        XYSeriesCollection lines = new XYSeriesCollection();
        List<boolean[]> lonePoints = new ArrayList<>();
        YIntervalSeriesCollection bandPieces = new YIntervalSeriesCollection();
        DeviationRenderer bandRenderer = new DeviationRenderer(false, false);
        bandRenderer.setAlpha(BAND_ALPHA);
        bandRenderer.setDefaultSeriesVisibleInLegend(false);
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            double[] x = s.x();
            double[] y = s.y();
            Band band = p.bands().get(i);
            double[] lo = band == null ? null : band.lo();
            double[] hi = band == null ? null : band.hi();
            XYSeries line = new XYSeries(new SeriesKey(i, s.named() ? s.name() : ""), false, true);
            YIntervalSeries piece = null;
            for (int k = 0; k < x.length; k++) {
                if (!drawable(x[k], xLog)) {
                    continue;
                }
                line.add(x[k], drawable(y[k], yLog) ? y[k] : Double.NaN);
                if (band != null && drawable(lo[k], yLog) && drawable(hi[k], yLog)) {
                    if (piece == null) {
                        piece = new YIntervalSeries(new SeriesKey(bandPieces.getSeriesCount(), ""), false, true);
                    }
                    piece.add(x[k], (lo[k] + hi[k]) / 2, lo[k], hi[k]);
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
        LineRenderer lineRenderer = new LineRenderer(p.markers(), lonePoints);
        lineRenderer.setAutoPopulateSeriesShape(false);
        for (int i = 0; i < series.size(); i++) {
            lineRenderer.setSeriesPaint(i, Palette.series(i));
            lineRenderer.setSeriesStroke(i, LINE);
            lineRenderer.setSeriesShape(i, new Ellipse2D.Double(-MARKER_RADIUS, -MARKER_RADIUS, 2 * MARKER_RADIUS, 2 * MARKER_RADIUS));
            lineRenderer.setSeriesVisibleInLegend(i, series.get(i).named());
        }

        Range xData = Range.combine(DatasetUtils.findDomainBounds(lines, false), DatasetUtils.findDomainBounds(bandPieces, false));
        Range yData = Range.combine(DatasetUtils.findRangeBounds(lines, false), DatasetUtils.findRangeBounds(bandPieces, true));
        XYPlot plot = new XYPlot(lines, Axes.of(p.xLabel(), xLog, p.xLimits(), xData, p.integerX()),
                Axes.of(p.yLabel(), yLog, p.yLimits(), yData, false), lineRenderer);
        plot.setDataset(1, bandPieces);
        plot.setRenderer(1, bandRenderer);
        style(plot, xLog, yLog);
        boolean legend = series.stream().anyMatch(Series::named);
        JFreeChart chart = new JFreeChart(p.title(), TITLE_FONT, plot, legend);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setPadding(new RectangleInsets(4, 4, 6, 4));
        if (legend) {
            chart.getLegend().setItemFont(Axes.TICK_FONT);
            chart.getLegend().setFrame(BlockBorder.NONE);
        }
        return chart;
    }

    /** White, with solid light grid lines; minor ones (2..9 × 10^k) on log axes only. */
    private static void style(XYPlot plot, boolean xLog, boolean yLog) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(GRID);
        plot.setRangeGridlinePaint(GRID);
        plot.setDomainGridlineStroke(GRID_STROKE);
        plot.setRangeGridlineStroke(GRID_STROKE);
        plot.setDomainMinorGridlinesVisible(xLog);
        plot.setRangeMinorGridlinesVisible(yLog);
        plot.setDomainMinorGridlinePaint(MINOR_GRID);
        plot.setRangeMinorGridlinePaint(MINOR_GRID);
        plot.setDomainMinorGridlineStroke(GRID_STROKE);
        plot.setRangeMinorGridlineStroke(GRID_STROKE);
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

    /** Whether a value can be drawn on an axis: finite, and positive on a log axis. */
    private static boolean drawable(double v, boolean log) {
        return Double.isFinite(v) && (!log || v > 0);
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
