package dev.gn4j.report;

import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;

/**
 * Whether java.awt can draw text here. On a machine without fonts (a bare container) the JDK fails on the
 * first text it measures, with java.lang.Error "Probable fatal error: No physical fonts found" or an
 * UnsatisfiedLinkError when libfreetype is missing; that is turned into one sentence saying what to install,
 * instead of a stack trace from deep inside JFreeChart and sun.font.
 */
public final class Fonts {
    /** Set once the font system has failed; later calls fail fast with the same message. */
    private static volatile String problem;

    private Fonts() {
    }

    /**
     * Why plot text cannot be drawn on this machine, or null when it can. Turns on headless mode first unless
     * the JVM was told otherwise (-Djava.awt.headless=false on a desktop still works: nothing here opens a
     * window), so call it before the first drawing.
     */
    public static String problem() {
        if (problem != null) {
            return problem;
        }
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        try {
            BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = probe.createGraphics();
            try {
                g.getFontMetrics(new Font(Font.SANS_SERIF, Font.PLAIN, 12)).stringWidth("0.1 e");
            } finally {
                g.dispose();
            }
            return null;
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Error | RuntimeException e) {
            problem = "java.awt found no usable font to draw plot text (" + e + "); install fonts, e.g. "
                    + "Debian/Ubuntu: apt-get install fontconfig fonts-dejavu-core";
            return problem;
        }
    }
}
