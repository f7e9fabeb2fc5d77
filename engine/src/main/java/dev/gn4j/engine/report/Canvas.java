package dev.gn4j.engine.report;

import dev.gn4j.engine.io.AtomicFiles;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/** The one place that sets up java.awt for drawing off-screen: headless mode, fonts, the image, the PNG file. */
final class Canvas {
    static final Color BACKGROUND = Color.WHITE;

    /** Set once the font system has failed; later calls fail fast with the same message. */
    private static volatile String fontProblem;

    private Canvas() {
    }

    /**
     * A white image with an antialiased Graphics2D. Turns on headless mode first unless the JVM was told
     * otherwise (-Djava.awt.headless=false on a desktop still works: nothing here opens a window).
     *
     * @throws IllegalStateException if java.awt can draw no text because no font is installed
     */
    static Graphics2D open(BufferedImage image) {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.setColor(BACKGROUND);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        requireFonts(g);
        return g;
    }

    static BufferedImage image(int width, int height) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        }
        return new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    }

    static Font font(int style, float size) {
        return new Font(Font.SANS_SERIF, style, 1).deriveFont(size);
    }

    /** The text, cut short with an ellipsis if it is wider than maxWidth. */
    static String ellipsize(String text, FontMetrics fm, double maxWidth) {
        if (fm.stringWidth(text) <= maxWidth) {
            return text;
        }
        String s = text;
        while (s.length() > 1 && fm.stringWidth(s + "…") > maxWidth) {
            s = s.substring(0, s.length() - 1);
        }
        return s + "…";
    }

    /**
     * The JDK finds no font when the machine has none installed (a minimal container), and then fails with
     * java.lang.Error "Probable fatal error: No physical fonts found" on the first text it measures, or with
     * an UnsatisfiedLinkError when libfreetype is missing. Both are turned into one sentence that says what
     * to install, instead of a stack trace from deep inside sun.font.
     */
    /** Why plot text cannot be drawn on this machine, or null when it can (for tests and `gn4j info`). */
    static String fontProblem() {
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = probe.createGraphics();
        try {
            requireFonts(g);
            return null;
        } catch (IllegalStateException e) {
            return e.getMessage();
        } finally {
            g.dispose();
        }
    }

    private static void requireFonts(Graphics2D g) {
        String known = fontProblem;
        if (known == null) {
            try {
                g.getFontMetrics(font(Font.PLAIN, 12)).stringWidth("0.1 e");
                return;
            } catch (VirtualMachineError e) {
                throw e;
            } catch (Error | RuntimeException e) {
                known = "java.awt found no usable font to draw plot text (" + e + "); install fonts, e.g. "
                        + "Debian/Ubuntu: apt-get install fontconfig fonts-dejavu-core";
                fontProblem = known;
                throw new IllegalStateException(known, e);
            }
        }
        throw new IllegalStateException(known);
    }

    /**
     * Writes the image as PNG atomically (a temp file beside the target, then a rename over it). The PNG
     * encoder gets an in-memory stream so that ImageIO's global disk-cache setting neither matters nor changes.
     */
    static void writePng(BufferedImage image, Path png) throws IOException {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("png");
        if (!writers.hasNext()) {
            throw new IOException("this Java runtime has no PNG encoder; cannot write " + png);
        }
        ImageWriter writer = writers.next();
        try {
            AtomicFiles.write(png, out -> {
                try (ImageOutputStream ios = new MemoryCacheImageOutputStream(out)) {
                    writer.setOutput(ios);
                    writer.write(image);
                }
            });
        } finally {
            writer.dispose();
        }
    }
}
