package dev.gn4j.engine.report;

import static dev.gn4j.engine.report.Style.LABEL_GAP;
import static dev.gn4j.engine.report.Style.MINOR_TICK;
import static dev.gn4j.engine.report.Style.PAD;
import static dev.gn4j.engine.report.Style.TICK;

import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Draws a laid-out plot, back to front: grid, series (clipped to the plot area), frame and ticks, texts, legend. */
final class PlotPainter {
    private PlotPainter() {
    }

    static void paint(Graphics2D g, LinePlot p, PlotLayout layout) {
        Rectangle2D plot = layout.plot();
        grid(g, layout);
        List<Series> series = p.series();
        boolean anything = false;
        Shape oldClip = g.getClip();
        g.clip(plot);
        List<Band> bands = p.bands();
        for (int i = 0; i < bands.size(); i++) {
            if (bands.get(i) != null) {
                band(g, bands.get(i).outlines(layout.x(), layout.y()), Palette.series(i));
            }
        }
        for (int i = 0; i < series.size(); i++) {
            List<List<Point2D>> runs = series.get(i).runs(layout.x(), layout.y());
            series(g, runs, Palette.series(i), p.markers());
            anything |= !runs.isEmpty();
        }
        g.setClip(oldClip);
        if (!anything) {
            g.setFont(Style.noData());
            g.setColor(Style.NO_DATA);
            centered(g, "no data", plot.getCenterX(), plot.getCenterY() + g.getFontMetrics().getAscent() / 2.0 - 2);
        }
        frameAndTicks(g, layout);
        texts(g, p, layout);
        if (layout.legend() != null) {
            Legend.draw(g, p.legendEntries(), g.getFontMetrics(Style.legend()), layout.legend());
        }
    }

    /** Translucent fills in the series' colour, so that overlapping bands stay readable. */
    private static void band(Graphics2D g, List<List<Point2D>> outlines, Color color) {
        g.setColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), 56));
        for (List<Point2D> outline : outlines) {
            Path2D.Double path = new Path2D.Double(Path2D.WIND_NON_ZERO, outline.size());
            path.moveTo(outline.get(0).getX(), outline.get(0).getY());
            for (int i = 1; i < outline.size(); i++) {
                path.lineTo(outline.get(i).getX(), outline.get(i).getY());
            }
            path.closePath();
            g.fill(path);
        }
    }

    /** Lines through each run of drawable points; a marker on every point, or only on runs of one point. */
    private static void series(Graphics2D g, List<List<Point2D>> runs, Color color, boolean markers) {
        g.setColor(color);
        g.setStroke(Style.SERIES_STROKE);
        Object oldStroke = g.getRenderingHint(RenderingHints.KEY_STROKE_CONTROL);
        // Pure strokes: data lines at their exact sub-pixel positions, not snapped to the pixel grid.
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        for (List<Point2D> run : runs) {
            if (run.size() > 1) {
                Path2D.Double path = new Path2D.Double(Path2D.WIND_NON_ZERO, run.size());
                path.moveTo(run.get(0).getX(), run.get(0).getY());
                for (int i = 1; i < run.size(); i++) {
                    path.lineTo(run.get(i).getX(), run.get(i).getY());
                }
                g.draw(path);
            }
            if (markers || run.size() == 1) {
                for (Point2D pt : run) {
                    Style.fillMarker(g, pt.getX(), pt.getY());
                }
            }
        }
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, oldStroke);
    }

    private static void grid(Graphics2D g, PlotLayout layout) {
        Rectangle2D plot = layout.plot();
        g.setStroke(Style.HAIRLINE);
        g.setColor(Style.MINOR_GRID);
        for (double v : visibleMinor(layout.x(), layout.xTicks())) {
            vertical(g, crisp(layout.x().pixel(v)), plot.getY(), plot.getMaxY());
        }
        for (double v : visibleMinor(layout.y(), layout.yTicks())) {
            horizontal(g, crisp(layout.y().pixel(v)), plot.getX(), plot.getMaxX());
        }
        g.setColor(Style.GRID);
        for (double v : layout.xTicks().major()) {
            vertical(g, crisp(layout.x().pixel(v)), plot.getY(), plot.getMaxY());
        }
        for (double v : layout.yTicks().major()) {
            horizontal(g, crisp(layout.y().pixel(v)), plot.getX(), plot.getMaxX());
        }
    }

    private static void frameAndTicks(Graphics2D g, PlotLayout layout) {
        Rectangle2D plot = layout.plot();
        g.setStroke(Style.HAIRLINE);
        g.setColor(Style.FRAME);
        double x0 = crisp(plot.getX());
        double x1 = crisp(plot.getMaxX());
        double y0 = crisp(plot.getY());
        double y1 = crisp(plot.getMaxY());
        g.draw(new Rectangle2D.Double(x0, y0, x1 - x0, y1 - y0));
        for (double v : layout.xTicks().major()) {
            vertical(g, crisp(layout.x().pixel(v)), y1, y1 + TICK);
        }
        for (double v : layout.yTicks().major()) {
            horizontal(g, crisp(layout.y().pixel(v)), x0 - TICK, x0);
        }
        for (double v : visibleMinor(layout.x(), layout.xTicks())) {
            vertical(g, crisp(layout.x().pixel(v)), y1, y1 + MINOR_TICK);
        }
        for (double v : visibleMinor(layout.y(), layout.yTicks())) {
            horizontal(g, crisp(layout.y().pixel(v)), x0 - MINOR_TICK, x0);
        }
    }

    private static void texts(Graphics2D g, LinePlot p, PlotLayout layout) {
        Rectangle2D plot = layout.plot();
        Rectangle2D area = layout.area();
        g.setColor(Style.TEXT);
        g.setFont(Style.tickLabel());
        FontMetrics fm = g.getFontMetrics();
        for (int i = 0; i < layout.yTicks().count(); i++) {
            String label = layout.yTicks().labels().get(i);
            double y = layout.y().pixel(layout.yTicks().at(i));
            g.drawString(label, (float) (plot.getX() - TICK - LABEL_GAP - fm.stringWidth(label)), (float) (y + (fm.getAscent() - fm.getDescent()) / 2.0));
        }
        for (int i = 0; i < layout.xTicks().count(); i++) {
            centered(g, layout.xTicks().labels().get(i), layout.x().pixel(layout.xTicks().at(i)), plot.getMaxY() + TICK + LABEL_GAP + fm.getAscent());
        }
        g.setFont(Style.axisLabel());
        if (p.xLabel() != null) {
            centered(g, p.xLabel(), plot.getCenterX(), area.getMaxY() - PAD - g.getFontMetrics().getDescent());
        }
        if (p.yLabel() != null) {
            AffineTransform old = g.getTransform();
            g.translate(area.getX() + PAD + g.getFontMetrics().getAscent(), plot.getCenterY());
            g.rotate(-Math.PI / 2);
            centered(g, p.yLabel(), 0, 0);
            g.setTransform(old);
        }
        if (p.title() != null) {
            g.setFont(Style.title());
            FontMetrics tfm = g.getFontMetrics();
            String text = Canvas.ellipsize(p.title(), tfm, area.getWidth() - 2 * PAD);
            centered(g, text, PlotLayout.titleCentre(plot, area, tfm.stringWidth(text)), area.getY() + PAD + tfm.getAscent());
        }
    }

    /** A 1 px line is sharp when it runs along pixel centres. */
    private static double crisp(double p) {
        return Math.floor(p) + 0.5;
    }

    /** The minor ticks, or none when some would come closer than {@link Style#MIN_MINOR_GAP} to a neighbour. */
    private static List<Double> visibleMinor(Axis axis, Ticks ticks) {
        double[] minor = ticks.minor();
        double[] all = Arrays.copyOf(minor, minor.length + ticks.count());
        System.arraycopy(ticks.major(), 0, all, minor.length, ticks.count());
        Arrays.sort(all);
        for (int i = 0; i + 1 < all.length; i++) {
            if (Math.abs(axis.pixel(all[i + 1]) - axis.pixel(all[i])) < Style.MIN_MINOR_GAP) {
                return List.of();
            }
        }
        List<Double> out = new ArrayList<>(minor.length);
        for (double v : minor) {
            out.add(v);
        }
        return out;
    }

    private static void vertical(Graphics2D g, double x, double y0, double y1) {
        g.draw(new Line2D.Double(x, y0, x, y1));
    }

    private static void horizontal(Graphics2D g, double y, double x0, double x1) {
        g.draw(new Line2D.Double(x0, y, x1, y));
    }

    private static void centered(Graphics2D g, String text, double cx, double baseline) {
        g.drawString(text, (float) (cx - g.getFontMetrics().stringWidth(text) / 2.0), (float) baseline);
    }
}
