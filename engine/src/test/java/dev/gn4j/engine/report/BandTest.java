package dev.gn4j.engine.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A series' band: shaded in the series' colour between its bounds, and inside the fitted y range. */
class BandTest {
    @BeforeAll
    static void fontsAvailable() {
        String problem = Canvas.fontProblem();
        org.junit.jupiter.api.Assumptions.assumeTrue(problem == null, problem);
    }

    @TempDir
    Path dir;

    @Test
    void boundsMustMatchX() {
        assertThrows(IllegalArgumentException.class, () -> new Band(new double[3], new double[2], new double[3]));
    }

    @Test
    void theBandIsShadedBetweenItsBoundsAndWidensTheAxis() throws IOException {
        int n = 51;
        double[] x = new double[n];
        double[] y = new double[n];
        double[] lo = new double[n];
        double[] hi = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
            y[i] = 1;
            lo[i] = 0;
            hi[i] = 2;
        }
        LinePlot plot = new LinePlot(null, null, null).add("mean", x, y, lo, hi).yScale(Scale.LINEAR);
        PlotLayout layout = Figure.row(null, plot).layouts().get(0);
        assertTrue(layout.y().pixel(0) <= layout.plot().getMaxY() && layout.y().pixel(2) >= layout.plot().getY(),
                "the y range holds the band, not only the line at 1");
        Path png = dir.resolve("band.png");
        plot.write(png);
        BufferedImage img = ImageIO.read(png.toFile());
        Color blue = Palette.series(0);
        int px = (int) layout.x().pixel(25);
        Color inside = new Color(img.getRGB(px, (int) layout.y().pixel(1.5)));
        Color outside = new Color(img.getRGB(px, (int) Math.round((layout.y().pixel(2) + layout.plot().getY()) / 2)));
        // Shaded: a light tint of the series' blue (more blue than red), not the white background.
        assertTrue(inside.getBlue() > inside.getRed() + 20 && inside.getRed() < 250, "shaded inside: " + inside);
        assertEquals(Color.WHITE.getRGB() & 0xffffff, outside.getRGB() & 0xffffff, "background above the band: " + outside);
        assertTrue(blue.getBlue() > blue.getRed());
    }

    @Test
    void nonDrawableBoundsSplitTheBand() {
        Axis xAxis = new Axis(new AxisRange(0, 4), false, 0, 100);
        Axis yAxis = new Axis(new AxisRange(0, 4), false, 100, 0);
        Band b = new Band(new double[] {0, 1, 2, 3, 4}, new double[] {0, 0, Double.NaN, 0, 0}, new double[] {1, 1, 1, 1, 1});
        assertEquals(2, b.outlines(xAxis, yAxis).size());
        assertEquals(4, b.outlines(xAxis, yAxis).get(0).size(), "two points along the top, two back along the bottom");
    }
}
