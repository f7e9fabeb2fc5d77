package dev.gn4j.engine.report;

import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One image holding one or more plots side by side, under an optional overall title (such as a run's name
 * over its loss and accuracy panels).
 */
public final class Figure {
    /** Width of each panel when a figure has more than one and no size is set. */
    public static final int DEFAULT_PANEL_WIDTH = 700;

    private static final int MARGIN = 12;

    private final String title;
    private final List<LinePlot> panels;
    private int width;
    private int height = LinePlot.DEFAULT_HEIGHT;

    private Figure(String title, List<LinePlot> panels) {
        if (panels.isEmpty()) {
            throw new IllegalArgumentException("a figure needs at least one plot");
        }
        this.title = title;
        this.panels = List.copyOf(panels);
        this.width = panels.size() == 1 ? LinePlot.DEFAULT_WIDTH : DEFAULT_PANEL_WIDTH * panels.size();
    }

    /** The plots in a row, left to right, under the title (null for none). */
    public static Figure row(String title, LinePlot... panels) {
        return new Figure(title, List.of(panels));
    }

    public static Figure row(String title, List<LinePlot> panels) {
        return new Figure(title, panels);
    }

    /** Size of the whole image; by default 900×560 for one plot, 700 px wide per plot for more. */
    public Figure size(int width, int height) {
        Canvas.image(width, height);
        this.width = width;
        this.height = height;
        return this;
    }

    /**
     * Draws the figure.
     *
     * @throws IllegalStateException if java.awt has no font to draw text with; the message says what to install
     */
    public BufferedImage toImage() {
        BufferedImage image = Canvas.image(width, height);
        Graphics2D g = Canvas.open(image);
        try {
            if (title != null) {
                g.setFont(Style.figureTitle());
                g.setColor(Style.TEXT);
                FontMetrics fm = g.getFontMetrics();
                String text = Canvas.ellipsize(title, fm, width - 2 * MARGIN);
                g.drawString(text, (float) ((width - fm.stringWidth(text)) / 2.0), (float) (MARGIN + fm.getAscent()));
            }
            for (int i = 0; i < panels.size(); i++) {
                panels.get(i).draw(g, panel(g, i));
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    /**
     * Writes the figure as a PNG, atomically: a temp file in the same folder, renamed over the target.
     *
     * @throws IOException if the file cannot be written, or java.awt has no font to draw text with
     */
    public void write(Path png) throws IOException {
        BufferedImage image;
        try {
            image = toImage();
        } catch (IllegalStateException e) {
            throw new IOException("cannot draw " + png + ": " + e.getMessage(), e);
        }
        Canvas.writePng(image, png);
    }

    /** The layouts the panels get in this figure, for tests that check what goes where. */
    List<PlotLayout> layouts() {
        Graphics2D g = Canvas.open(Canvas.image(width, height));
        try {
            List<PlotLayout> out = new ArrayList<>();
            for (int i = 0; i < panels.size(); i++) {
                out.add(panels.get(i).layout(g, panel(g, i)));
            }
            return out;
        } finally {
            g.dispose();
        }
    }

    /** The region of the i-th plot: an equal share of the width, below the title. */
    private Rectangle2D panel(Graphics2D g, int i) {
        double top = title == null ? 0 : MARGIN + g.getFontMetrics(Style.figureTitle()).getHeight();
        double panelWidth = (double) width / panels.size();
        return new Rectangle2D.Double(i * panelWidth, top, panelWidth, height - top);
    }
}
