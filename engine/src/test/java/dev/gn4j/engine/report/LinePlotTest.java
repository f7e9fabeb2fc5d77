package dev.gn4j.engine.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinePlotTest {
    /** Rendering needs fonts; a machine without any (a bare container) skips these and says why. */
    @org.junit.jupiter.api.BeforeAll
    static void fontsAvailable() {
        String problem = Canvas.fontProblem();
        org.junit.jupiter.api.Assumptions.assumeTrue(problem == null, problem);
    }

    @TempDir
    Path dir;

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

    /** Pixels within the rectangle whose colour is within a few levels of c (antialiasing blends only the edges). */
    static int count(BufferedImage img, Rectangle2D r, Color c) {
        int n = 0;
        for (int y = (int) Math.ceil(r.getY()); y < (int) r.getMaxY(); y++) {
            for (int x = (int) Math.ceil(r.getX()); x < (int) r.getMaxX(); x++) {
                Color p = new Color(img.getRGB(x, y));
                if (Math.abs(p.getRed() - c.getRed()) <= 6 && Math.abs(p.getGreen() - c.getGreen()) <= 6 && Math.abs(p.getBlue() - c.getBlue()) <= 6) {
                    n++;
                }
            }
        }
        return n;
    }

    @Test
    void writesAPngWithEachSeriesColourInThePlotArea() throws IOException {
        double[] x = range(200);
        LinePlot plot = new LinePlot("two waves", "step", "value")
                .add("sin", x, map(x, v -> Math.sin(v / 20)))
                .add("cos", x, map(x, v -> 0.5 * Math.cos(v / 15)))
                .add("line", x, map(x, v -> v / 200 - 0.5));
        Path png = dir.resolve("plot.png");
        plot.write(png);

        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(LinePlot.DEFAULT_WIDTH, img.getWidth());
        assertEquals(LinePlot.DEFAULT_HEIGHT, img.getHeight());
        Rectangle2D area = Figure.row(null, plot).layouts().get(0).plot();
        for (int i = 0; i < 3; i++) {
            // Far more than the legend swatch's 26×2 pixels: the line itself is there.
            assertTrue(count(img, area, Palette.series(i)) > 400, "series " + i + " colour in the plot area");
        }
        assertEquals(0, count(img, new Rectangle2D.Double(0, 0, img.getWidth(), area.getY() - 1), Palette.series(0)), "nothing drawn above the plot area");
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(png), files.toList(), "no temp file left beside the PNG");
        }
    }

    @Test
    void nanAndInfinityAreGapsInTheLine() throws IOException {
        double[] x = range(101);
        double[] y = map(x, v -> 1);
        for (int i = 40; i <= 60; i++) {
            y[i] = i == 50 ? Double.POSITIVE_INFINITY : Double.NaN;
        }
        LinePlot plot = new LinePlot(null, null, null).add(null, x, y).yScale(Scale.LINEAR);
        Path png = dir.resolve("gap.png");
        plot.write(png);
        BufferedImage img = ImageIO.read(png.toFile());
        PlotLayout layout = Figure.row(null, plot).layouts().get(0);
        Rectangle2D area = layout.plot();
        double yPixel = layout.y().pixel(1);
        Rectangle2D before = new Rectangle2D.Double(layout.x().pixel(10), yPixel - 3, layout.x().pixel(30) - layout.x().pixel(10), 6);
        Rectangle2D inGap = new Rectangle2D.Double(layout.x().pixel(42), area.getY(), layout.x().pixel(58) - layout.x().pixel(42), area.getHeight());
        assertTrue(count(img, before, Palette.series(0)) > 20, "the line is drawn before the gap");
        assertEquals(0, count(img, inGap, Palette.series(0)), "and not across it");
    }

    @Test
    void seriesWithNothingDrawableStillRender() throws IOException {
        double nan = Double.NaN;
        Path png = dir.resolve("empty.png");
        new LinePlot("nothing", "x", "y").add("all NaN", new double[] {1, 2}, new double[] {nan, nan}).add("no points", new double[0], new double[0]).write(png);
        assertEquals(LinePlot.DEFAULT_WIDTH, ImageIO.read(png.toFile()).getWidth());
        Path none = dir.resolve("none.png");
        new LinePlot(null, null, null).size(320, 200).write(none);
        assertEquals(200, ImageIO.read(none.toFile()).getHeight());
        // Log on both axes with only non-positive values left: nothing to draw, and no exception either.
        LinePlot.scaling("t", "b", "s").add("zero", new double[] {0, -1}, new double[] {0, 0}).write(dir.resolve("log.png"));
    }

    @Test
    void isolatedPointsAreDrawnAsMarkers() throws IOException {
        LinePlot plot = new LinePlot(null, null, null).add(null, new double[] {0, 1, 2}, new double[] {1, Double.NaN, 3});
        BufferedImage img = plot.toImage();
        Rectangle2D area = Figure.row(null, plot).layouts().get(0).plot();
        assertTrue(count(img, area, Palette.series(0)) >= 2 * 20, "two dots, each about 7 px across");
    }

    @Test
    void autoLogAxisGetsPowerOfTenLabels() {
        double[] x = range(100);
        LinePlot plot = new LinePlot("loss", "step", "loss").add("train", x, map(x, v -> 10 * Math.exp(-v / 5)));
        PlotLayout layout = Figure.row(null, plot).layouts().get(0);
        assertTrue(layout.y().log);
        assertFalse(layout.x().log);
        assertTrue(layout.yTicks().labels().containsAll(List.of("1e-6", "1e-3", "1")), layout.yTicks().toString());
        PlotLayout linear = Figure.row(null, plot.yScale(Scale.LINEAR)).layouts().get(0);
        assertFalse(linear.y().log);
    }

    @Test
    void scalingPlotHasLogXForBatchSizes() throws IOException {
        double[] batch = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096};
        LinePlot plot = LinePlot.scaling("time per step", "batch size", "s").add("egn", batch, map(batch, b -> 1e-3 + 1e-6 * b * b));
        PlotLayout layout = Figure.row(null, plot).layouts().get(0);
        assertTrue(layout.x().log);
        assertTrue(layout.y().log, "the times span four decades");
        assertEquals(List.of("1", "10", "100", "1e3"), layout.xTicks().labels());
        Path png = dir.resolve("scaling.png");
        plot.write(png);
        assertTrue(count(ImageIO.read(png.toFile()), layout.plot(), Palette.series(0)) > 400);
    }

    @Test
    void textNeverOverlapsAndStaysInsideTheImage() {
        double[] x = range(300);
        List<Figure> figures = new ArrayList<>();
        for (int[] size : new int[][] {{900, 560}, {480, 300}, {320, 220}}) {
            figures.add(Figure.row("a rather long title that has to fit somewhere", new LinePlot(null, "step", "loss")
                    .add("train", x, map(x, v -> 1e4 * Math.exp(-v / 10))).add("validation", x, map(x, v -> 1e4 * Math.exp(-v / 12) + 1e-3))).size(size[0], size[1]));
            figures.add(Figure.row(null, new LinePlot("wide numbers", "x", "y")
                    .add("a", map(x, v -> 1.5e6 + v * 1e5), map(x, v -> -0.000123 * v))).size(size[0], size[1]));
            figures.add(Figure.row(null, new LinePlot("tiny range", "x", "y")
                    .add("a", map(x, v -> 1 + v * 1e-12), map(x, v -> 12345.678 + Math.sin(v) * 1e-6))).size(size[0], size[1]));
            figures.add(Figure.row("two panels", LinePlot.scaling("p", "batch", "s").add("egn", new double[] {32, 64, 128, 256}, new double[] {0.03, 0.05, 0.07, 0.12}),
                    new LinePlot("q", "step", "accuracy").add("train", x, map(x, v -> v / 300)).yLimits(-0.02, 1.02)).size(2 * size[0], size[1]));
        }
        for (Figure f : figures) {
            for (PlotLayout layout : f.layouts()) {
                List<Rectangle2D> boxes = new ArrayList<>(layout.textBoxes());
                if (layout.legend() != null) {
                    boxes.add(layout.legend());
                }
                for (int i = 0; i < boxes.size(); i++) {
                    Rectangle2D a = boxes.get(i);
                    Rectangle2D panel = layout.area();
                    Rectangle2D slack = new Rectangle2D.Double(panel.getX() - 1, panel.getY() - 1, panel.getWidth() + 2, panel.getHeight() + 2);
                    assertTrue(slack.contains(a), "text box " + a + " inside panel " + panel);
                    for (int j = i + 1; j < boxes.size(); j++) {
                        assertFalse(a.intersects(boxes.get(j)), "text boxes overlap: " + a + " and " + boxes.get(j) + " in " + layout);
                    }
                }
                assertTrue(layout.xTicks().count() >= 2 && layout.yTicks().count() >= 2, layout.toString());
            }
        }
    }

    @Test
    void legendAvoidsTheData() {
        double[] x = range(100);
        // Falling from the upper left to the lower right: the upper-right corner is free.
        PlotLayout falling = Figure.row(null, new LinePlot(null, null, null).add("loss", x, map(x, v -> 100 - v))).layouts().get(0);
        assertNotNull(falling.legend());
        assertTrue(falling.legend().getCenterX() > falling.plot().getCenterX() && falling.legend().getCenterY() < falling.plot().getCenterY());
        // Horizontal lines across the whole height leave no free corner: the legend moves outside the plot area.
        LinePlot crowded = new LinePlot(null, null, null);
        for (int s = 0; s <= 10; s++) {
            final int level = s;
            crowded.add("series " + s, x, map(x, v -> level));
        }
        PlotLayout outside = Figure.row(null, crowded).layouts().get(0);
        assertNotNull(outside.legend());
        assertFalse(outside.legend().intersects(outside.plot()));
    }
}
