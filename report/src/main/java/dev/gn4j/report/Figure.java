package dev.gn4j.report;

import dev.gn4j.engine.io.AtomicFiles;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.block.LengthConstraintType;
import org.jfree.chart.block.RectangleConstraint;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.Size2D;

/**
 * One image holding one or more plots side by side, under an optional overall title (such as a run's name
 * over its loss and accuracy panels).
 */
public final class Figure {
    /** Width of each panel when a figure has more than one and no size is set. */
    public static final int DEFAULT_PANEL_WIDTH = 700;

    private static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 17);

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
        requirePositive(width, height);
        this.width = width;
        this.height = height;
        return this;
    }

    /**
     * Writes the figure as a PNG, atomically: a temp file in the same folder, moved over the target, so that a
     * crash never leaves half a PNG.
     *
     * @throws IOException if the file cannot be written, or java.awt has no font to draw text with (the message
     *                     says what to install)
     */
    public void write(Path png) throws IOException {
        BufferedImage image;
        try {
            image = draw().image();
        } catch (IllegalStateException e) {
            throw new IOException("cannot draw " + png + ": " + e.getMessage(), e);
        }
        AtomicFiles.write(png, out -> ChartUtils.writeBufferedImageAsPNG(out, image));
    }

    /**
     * Draws the figure: the title across the top, then each plot's chart in an equal share of the width.
     *
     * @throws IllegalStateException if java.awt has no font to draw text with
     */
    Drawing draw() {
        String noFonts = Fonts.problem();
        if (noFonts != null) {
            throw new IllegalStateException(noFonts);
        }
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        List<JFreeChart> charts = new ArrayList<>();
        List<ChartRenderingInfo> infos = new ArrayList<>();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            double top = 0;
            if (title != null) {
                TextTitle text = new TextTitle(title, TITLE_FONT);
                Size2D size = text.arrange(g, new RectangleConstraint(width, null, LengthConstraintType.FIXED, 0, null, LengthConstraintType.NONE));
                text.draw(g, new Rectangle2D.Double(0, 0, width, size.getHeight()));
                top = size.getHeight();
            }
            double panelWidth = (double) width / panels.size();
            for (int i = 0; i < panels.size(); i++) {
                JFreeChart chart = panels.get(i).chart();
                ChartRenderingInfo info = new ChartRenderingInfo();
                chart.draw(g, new Rectangle2D.Double(i * panelWidth, top, panelWidth, height - top), info);
                charts.add(chart);
                infos.add(info);
            }
        } finally {
            g.dispose();
        }
        return new Drawing(image, charts, infos);
    }

    static void requirePositive(int width, int height) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        }
    }
}
