package dev.gn4j.report;

import java.awt.Color;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Assumptions;

/** What the rendering tests look for in an image. */
final class Pixels {
    private Pixels() {
    }

    /** Rendering needs fonts; a machine without any (a bare container) skips the rendering tests and says why. */
    static void requireFonts() {
        String problem = Fonts.problem();
        Assumptions.assumeTrue(problem == null, problem);
    }

    /** Pixels inside the rectangle whose colour is within a few levels of c (antialiasing blends only the edges). */
    static int count(BufferedImage img, Rectangle2D r, Color c) {
        int n = 0;
        for (int y = Math.max(0, (int) Math.ceil(r.getY())); y < Math.min(img.getHeight(), (int) r.getMaxY()); y++) {
            for (int x = Math.max(0, (int) Math.ceil(r.getX())); x < Math.min(img.getWidth(), (int) r.getMaxX()); x++) {
                Color p = new Color(img.getRGB(x, y));
                if (Math.abs(p.getRed() - c.getRed()) <= 6 && Math.abs(p.getGreen() - c.getGreen()) <= 6
                        && Math.abs(p.getBlue() - c.getBlue()) <= 6) {
                    n++;
                }
            }
        }
        return n;
    }

    /** The image above the rectangle, across its whole width. */
    static Rectangle2D above(BufferedImage img, Rectangle2D r) {
        return new Rectangle2D.Double(0, 0, img.getWidth(), Math.floor(r.getY()) - 1);
    }

    static double[] range(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
        }
        return x;
    }

    static double[] map(double[] x, java.util.function.DoubleUnaryOperator f) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = f.applyAsDouble(x[i]);
        }
        return y;
    }
}
