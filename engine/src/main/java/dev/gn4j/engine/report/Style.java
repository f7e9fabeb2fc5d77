package dev.gn4j.engine.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Stroke;
import java.awt.geom.Ellipse2D;

/** The look shared by every plot: colours, strokes, fonts and spacings, in pixels. */
final class Style {
    static final Color TEXT = new Color(0x222222);
    static final Color FRAME = new Color(0x555555);
    static final Color GRID = new Color(0xE3E3E3);
    static final Color MINOR_GRID = new Color(0xF3F3F3);
    static final Color NO_DATA = new Color(0x888888);
    static final Color LEGEND_FILL = new Color(255, 255, 255, 230);
    static final Color LEGEND_BORDER = new Color(0xC8C8C8);

    static final Stroke SERIES_STROKE = new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    static final Stroke HAIRLINE = new BasicStroke(1f);
    static final double MARKER_RADIUS = 3.5;

    /** Space between a panel's edge and anything drawn in it. */
    static final int PAD = 10;
    static final int TICK = 5;
    static final int MINOR_TICK = 3;
    /** Gap between a tick's end and its label. */
    static final int LABEL_GAP = 4;
    /** Minor grid lines and ticks closer than this are a grey smear, and are left out. */
    static final double MIN_MINOR_GAP = 4;

    private Style() {
    }

    static Font figureTitle() {
        return Canvas.font(Font.BOLD, 17);
    }

    static Font title() {
        return Canvas.font(Font.BOLD, 15);
    }

    static Font axisLabel() {
        return Canvas.font(Font.PLAIN, 13);
    }

    static Font tickLabel() {
        return Canvas.font(Font.PLAIN, 12);
    }

    static Font legend() {
        return Canvas.font(Font.PLAIN, 12);
    }

    static Font noData() {
        return Canvas.font(Font.ITALIC, 14);
    }

    static void fillMarker(Graphics2D g, double x, double y) {
        g.fill(new Ellipse2D.Double(x - MARKER_RADIUS, y - MARKER_RADIUS, 2 * MARKER_RADIUS, 2 * MARKER_RADIUS));
    }
}
