package dev.gn4j.engine.report;

import static dev.gn4j.engine.report.Style.LABEL_GAP;
import static dev.gn4j.engine.report.Style.PAD;
import static dev.gn4j.engine.report.Style.TICK;

import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;

/**
 * Where one plot's parts go within its panel (area): the plot area, its two axes and their ticks, the legend,
 * and the boxes of all text (title, axis labels, tick labels), which must not overlap one another.
 */
record PlotLayout(Rectangle2D area, Rectangle2D plot, Axis x, Axis y, Ticks xTicks, Ticks yTicks, List<Rectangle2D> textBoxes,
        Rectangle2D legend) {
    PlotLayout {
        textBoxes = List.copyOf(textBoxes);
    }

    /**
     * Lays out a plot in the area. The vertical extent comes first (it depends only on font heights), then the
     * y ticks that fit it, whose widest label sets the left edge, then the x ticks that fit what is left.
     */
    static PlotLayout of(LinePlot p, Graphics2D g, Rectangle2D area) {
        FontMetrics titleFm = g.getFontMetrics(Style.title());
        FontMetrics labelFm = g.getFontMetrics(Style.axisLabel());
        FontMetrics tickFm = g.getFontMetrics(Style.tickLabel());
        List<Series> series = p.series();

        List<double[]> xs = new ArrayList<>();
        List<double[]> ys = new ArrayList<>();
        for (Series s : series) {
            xs.add(s.x());
            ys.add(s.y());
        }
        for (Band b : p.bands()) {
            if (b != null) {
                xs.add(b.x());
                ys.add(b.lo());
                xs.add(b.x());
                ys.add(b.hi());
            }
        }
        boolean xLog = p.xLimits() != null ? p.xScale() == Scale.LOG && p.xLimits().lo() > 0 : p.xScale().isLog(xs);
        boolean yLog = p.yLimits() != null ? p.yScale() == Scale.LOG && p.yLimits().lo() > 0 : p.yScale().isLog(ys);
        // Fit each axis to the points the other axis can show too, so a gap on one does not stretch the other.
        for (int k = 0; k < xs.size(); k++) {
            double[] x = xs.get(k);
            double[] y = ys.get(k);
            for (int i = 0; i < x.length; i++) {
                if (!(Double.isFinite(x[i]) && (!xLog || x[i] > 0) && Double.isFinite(y[i]) && (!yLog || y[i] > 0))) {
                    x[i] = Double.NaN;
                    y[i] = Double.NaN;
                }
            }
        }
        AxisRange xRange = p.xLimits() != null ? p.xLimits() : AxisRange.of(xs, xLog);
        AxisRange yRange = p.yLimits() != null ? p.yLimits() : AxisRange.of(ys, yLog);

        double top = area.getY() + PAD + (p.title() != null ? titleFm.getHeight() + 8 : tickFm.getHeight() / 2.0 + 2);
        double bottom = area.getMaxY() - PAD - (p.xLabel() != null ? labelFm.getHeight() + 6 : 0) - tickFm.getHeight() - TICK - LABEL_GAP;
        Axis yAxis = new Axis(yRange, yLog, bottom, top);
        Ticks yTicks = fitVertical(yAxis, tickFm);
        int yTickWidth = 0;
        for (String label : yTicks.labels()) {
            yTickWidth = Math.max(yTickWidth, tickFm.stringWidth(label));
        }
        double left = area.getX() + PAD + (p.yLabel() != null ? labelFm.getHeight() + 8 : 0) + yTickWidth + LABEL_GAP + TICK;
        XFit fit = fitX(xRange, xLog, left, area.getMaxX() - 2 * PAD, area, tickFm, p.integerX());
        Rectangle2D plot = new Rectangle2D.Double(left, top, fit.axis().end - left, bottom - top);
        Rectangle2D legend = null;
        List<Legend.Entry> entries = p.legendEntries();
        if (!entries.isEmpty()) {
            Rectangle2D size = Legend.size(entries, g.getFontMetrics(Style.legend()));
            Legend.Placement inside = Legend.inside(size, plot, lines(series, fit.axis(), yAxis));
            // A legend must not hide data: when every corner of the plot area would, it goes to the right of it,
            // as long as the plot keeps most of the panel's width.
            double outsideRight = area.getMaxX() - PAD - size.getWidth() - PAD;
            if ((inside == null || inside.hits() > 0) && outsideRight - left >= 0.55 * area.getWidth() && size.getHeight() <= bottom - top) {
                fit = fitX(xRange, xLog, left, outsideRight, area, tickFm, p.integerX());
                plot = new Rectangle2D.Double(left, top, fit.axis().end - left, bottom - top);
                legend = new Rectangle2D.Double(plot.getMaxX() + PAD, top, size.getWidth(), size.getHeight());
            } else if (inside != null) {
                legend = inside.box();
            }
        }
        Axis xAxis = fit.axis();
        Ticks xTicks = fit.ticks();

        List<Rectangle2D> texts = new ArrayList<>();
        for (int i = 0; i < yTicks.count(); i++) {
            double w = tickFm.stringWidth(yTicks.labels().get(i));
            texts.add(new Rectangle2D.Double(left - TICK - LABEL_GAP - w, yAxis.pixel(yTicks.at(i)) - tickFm.getAscent() / 2.0 - 1, w, tickFm.getAscent() + 2));
        }
        for (int i = 0; i < xTicks.count(); i++) {
            double w = tickFm.stringWidth(xTicks.labels().get(i));
            texts.add(new Rectangle2D.Double(xAxis.pixel(xTicks.at(i)) - w / 2, bottom + TICK + LABEL_GAP, w, tickFm.getHeight()));
        }
        if (p.title() != null) {
            double w = Math.min(titleFm.stringWidth(p.title()), area.getWidth() - 2 * PAD);
            texts.add(new Rectangle2D.Double(titleCentre(plot, area, w) - w / 2, area.getY() + PAD, w, titleFm.getHeight()));
        }
        if (p.xLabel() != null) {
            double w = labelFm.stringWidth(p.xLabel());
            texts.add(new Rectangle2D.Double(plot.getCenterX() - w / 2, area.getMaxY() - PAD - labelFm.getHeight(), w, labelFm.getHeight()));
        }
        if (p.yLabel() != null) {
            double w = labelFm.stringWidth(p.yLabel());
            texts.add(new Rectangle2D.Double(area.getX() + PAD, plot.getCenterY() - w / 2, labelFm.getHeight(), w));
        }
        return new PlotLayout(area, plot, xAxis, yAxis, xTicks, yTicks, texts, legend);
    }

    /** The title is centred over the plot area, unless that would push it past the panel's edge. */
    static double titleCentre(Rectangle2D plot, Rectangle2D area, double width) {
        double c = Math.min(plot.getCenterX(), area.getMaxX() - PAD - width / 2);
        return Math.max(c, area.getX() + PAD + width / 2);
    }

    /** An x axis with its ticks. */
    private record XFit(Axis axis, Ticks ticks) {
    }

    /**
     * The x axis from left to right with the most ticks that fit; pulled in from the right when the last tick's
     * label, centred on its tick, would stick out past the panel's edge.
     */
    private static XFit fitX(AxisRange range, boolean log, double left, double right, Rectangle2D area, FontMetrics fm, boolean integers) {
        Axis axis = new Axis(range, log, left, right);
        Ticks ticks = fitHorizontal(axis, fm, integers);
        double overhang = 0;
        for (int i = 0; i < ticks.count(); i++) {
            overhang = Math.max(overhang, axis.pixel(ticks.at(i)) + fm.stringWidth(ticks.labels().get(i)) / 2.0 - (area.getMaxX() - LABEL_GAP));
        }
        if (overhang > 0) {
            axis = new Axis(range, log, left, right - Math.ceil(overhang));
            ticks = fitHorizontal(axis, fm, integers);
        }
        return new XFit(axis, ticks);
    }

    /** Most ticks (up to one per 40 px) whose labels keep at least a few pixels between them. */
    private static Ticks fitVertical(Axis axis, FontMetrics fm) {
        Ticks ticks = null;
        for (int n = Math.max(2, Math.min(11, (int) (axis.length() / 40) + 1)); n >= 2; n--) {
            ticks = axis.ticks(n, false);
            if (minGap(axis, ticks) >= fm.getAscent() + 6) {
                return ticks;
            }
        }
        return ticks;
    }

    /** Most ticks (up to one per 70 px) whose labels keep 12 px between neighbours. */
    private static Ticks fitHorizontal(Axis axis, FontMetrics fm, boolean integers) {
        Ticks ticks = null;
        for (int n = Math.max(2, Math.min(11, (int) (axis.length() / 70) + 1)); n >= 2; n--) {
            ticks = axis.ticks(n, integers);
            boolean fits = true;
            for (int i = 0; i + 1 < ticks.count() && fits; i++) {
                double need = (fm.stringWidth(ticks.labels().get(i)) + fm.stringWidth(ticks.labels().get(i + 1))) / 2.0 + 12;
                fits = Math.abs(axis.pixel(ticks.at(i + 1)) - axis.pixel(ticks.at(i))) >= need;
            }
            if (fits) {
                return ticks;
            }
        }
        return ticks;
    }

    private static double minGap(Axis axis, Ticks ticks) {
        double gap = Double.POSITIVE_INFINITY;
        for (int i = 0; i + 1 < ticks.count(); i++) {
            gap = Math.min(gap, Math.abs(axis.pixel(ticks.at(i + 1)) - axis.pixel(ticks.at(i))));
        }
        return gap;
    }

    private static List<List<Point2D>> lines(List<Series> series, Axis x, Axis y) {
        List<List<Point2D>> lines = new ArrayList<>();
        for (Series s : series) {
            lines.addAll(s.runs(x, y));
        }
        return lines;
    }
}
