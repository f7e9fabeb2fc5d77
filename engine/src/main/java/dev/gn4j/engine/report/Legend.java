package dev.gn4j.engine.report;

import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Line2D;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.util.List;

/**
 * The box naming each series: inside the plot area in whichever corner hides the fewest line segments (upper
 * right first on a tie), as matplotlib's loc="best" does; the plot moves it outside when every corner hides some.
 */
final class Legend {
    private static final int PAD = 8;
    private static final int SWATCH = 26;
    private static final int GAP = 7;
    private static final int INSET = 10;

    /** One legend line: the series' name, colour and whether it is drawn with markers. */
    record Entry(String name, Color color, boolean marker) {
    }

    private Legend() {
    }

    /** Where a legend box could go, and how many line segments it would hide there. */
    record Placement(Rectangle2D box, int hits) {
    }

    /** The legend's size, as a rectangle at the origin. */
    static Rectangle2D size(List<Entry> entries, FontMetrics fm) {
        int textWidth = 0;
        for (Entry e : entries) {
            textWidth = Math.max(textWidth, fm.stringWidth(e.name()));
        }
        return new Rectangle2D.Double(0, 0, PAD + SWATCH + GAP + textWidth + PAD, 2 * PAD - 4 + entries.size() * rowHeight(fm));
    }

    /** The best corner inside the plot area for a legend of this size, or null when none can hold it. */
    static Placement inside(Rectangle2D size, Rectangle2D plot, List<List<Point2D>> lines) {
        double w = size.getWidth();
        double h = size.getHeight();
        if (w > plot.getWidth() - 2 * INSET || h > plot.getHeight() - 2 * INSET) {
            return null;
        }
        double left = plot.getX() + INSET;
        double right = plot.getMaxX() - INSET - w;
        double top = plot.getY() + INSET;
        double bottom = plot.getMaxY() - INSET - h;
        double[][] corners = {{right, top}, {left, top}, {right, bottom}, {left, bottom}};
        Placement best = null;
        for (double[] c : corners) {
            Rectangle2D box = new Rectangle2D.Double(c[0], c[1], w, h);
            int hits = hits(box, lines);
            if (best == null || hits < best.hits()) {
                best = new Placement(box, hits);
            }
        }
        return best;
    }

    static void draw(Graphics2D g, List<Entry> entries, FontMetrics fm, Rectangle2D box) {
        g.setColor(Style.LEGEND_FILL);
        g.fill(box);
        g.setColor(Style.LEGEND_BORDER);
        g.setStroke(Style.HAIRLINE);
        g.draw(new Rectangle2D.Double(Math.floor(box.getX()) + 0.5, Math.floor(box.getY()) + 0.5, Math.round(box.getWidth()), Math.round(box.getHeight())));
        g.setFont(fm.getFont());
        double rowTop = box.getY() + PAD - 2;
        for (Entry e : entries) {
            double mid = rowTop + rowHeight(fm) / 2.0;
            double x0 = box.getX() + PAD;
            g.setColor(e.color());
            g.setStroke(Style.SERIES_STROKE);
            g.draw(new Line2D.Double(x0, mid, x0 + SWATCH, mid));
            if (e.marker()) {
                Style.fillMarker(g, x0 + SWATCH / 2.0, mid);
            }
            g.setColor(Style.TEXT);
            g.drawString(e.name(), (float) (x0 + SWATCH + GAP), (float) (mid + (fm.getAscent() - fm.getDescent()) / 2.0));
            rowTop += rowHeight(fm);
        }
    }

    private static int rowHeight(FontMetrics fm) {
        return fm.getHeight() + 4;
    }

    private static int hits(Rectangle2D box, List<List<Point2D>> lines) {
        int n = 0;
        for (List<Point2D> line : lines) {
            for (int i = 0; i < line.size(); i++) {
                Point2D p = line.get(i);
                if (i + 1 < line.size() ? box.intersectsLine(new Line2D.Double(p, line.get(i + 1))) : box.contains(p)) {
                    n++;
                }
            }
        }
        return n;
    }
}
