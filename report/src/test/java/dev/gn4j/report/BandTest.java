package dev.gn4j.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.RectangleEdge;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A series' band: shaded in the series' colour between its bounds, and inside the fitted y range. */
class BandTest {
    @BeforeAll
    static void fontsAvailable() {
        Pixels.requireFonts();
    }

    @TempDir
    Path dir;

    @Test
    void boundsMustMatchThePoints() {
        assertThrows(IllegalArgumentException.class, () -> new LinePlot(null, null, null)
                .add("m", new double[3], new double[3], new double[2], new double[3]));
    }

    @Test
    void theBandIsShadedBetweenItsBoundsAndWidensTheAxis() throws IOException {
        int n = 51;
        double[] x = Pixels.range(n);
        double[] y = Pixels.map(x, v -> 1);
        double[] lo = Pixels.map(x, v -> 0);
        double[] hi = Pixels.map(x, v -> 2);
        LinePlot plot = new LinePlot(null, null, null).add("mean", x, y, lo, hi).yScale(Scale.LINEAR);
        Drawing d = Figure.row(null, plot).draw();
        XYPlot xy = d.charts().get(0).getXYPlot();
        ValueAxis yAxis = xy.getRangeAxis();
        assertTrue(yAxis.getLowerBound() <= 0 && yAxis.getUpperBound() >= 2, "the y range holds the band, not only the line at 1: "
                + yAxis.getRange());
        Path png = dir.resolve("band.png");
        plot.write(png);
        BufferedImage img = ImageIO.read(png.toFile());
        Rectangle2D area = d.dataArea(0);
        int px = (int) xy.getDomainAxis().valueToJava2D(25.5, area, RectangleEdge.BOTTOM);
        Color inside = new Color(img.getRGB(px, (int) yAxis.valueToJava2D(1.5, area, RectangleEdge.LEFT)));
        Color outside = new Color(img.getRGB(px, (int) Math.round((yAxis.valueToJava2D(2, area, RectangleEdge.LEFT) + area.getY()) / 2)));
        // Shaded: a light tint of the series' blue (more blue than red), not the white background.
        assertTrue(inside.getBlue() > inside.getRed() + 20 && inside.getRed() < 250, "shaded inside: " + inside);
        assertTrue(outside.getRed() > 240 && outside.getGreen() > 240 && outside.getBlue() > 240, "background above the band: " + outside);
        assertTrue(Palette.series(0).getBlue() > Palette.series(0).getRed());
    }

    @Test
    void boundsThatCannotBeDrawnSplitTheBand() {
        double[] x = {0, 1, 2, 3, 4};
        LinePlot plot = new LinePlot(null, null, null).add("m", x, new double[] {0.5, 0.5, 0.5, 0.5, 0.5},
                new double[] {0, 0, Double.NaN, 0, 0}, new double[] {1, 1, 1, Double.POSITIVE_INFINITY, 1});
        XYPlot xy = Figure.row(null, plot).draw().charts().get(0).getXYPlot();
        assertEquals(1, xy.getDatasetCount() - 1, "one dataset of lines, one of band pieces");
        assertEquals(2, xy.getDataset(1).getSeriesCount(), "points 0-1 and point 4: the band stops at 2 and 3");
        assertEquals(2, xy.getDataset(1).getItemCount(0));
    }
}
