package dev.gn4j.report;

import static dev.gn4j.report.Pixels.count;
import static dev.gn4j.report.Pixels.map;
import static dev.gn4j.report.Pixels.range;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.entity.ChartEntity;
import org.jfree.chart.entity.LegendItemEntity;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.RectangleEdge;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinePlotTest {
    @BeforeAll
    static void fontsAvailable() {
        Pixels.requireFonts();
    }

    @TempDir
    Path dir;

    private static Drawing drawn(LinePlot plot) {
        return Figure.row(null, plot).draw();
    }

    private static XYPlot xy(Drawing d) {
        return d.charts().get(0).getXYPlot();
    }

    /** The pixel column of x and the pixel row of y in the first panel. */
    private static double px(Drawing d, double x) {
        return xy(d).getDomainAxis().valueToJava2D(x, d.dataArea(0), RectangleEdge.BOTTOM);
    }

    private static double py(Drawing d, double y) {
        return xy(d).getRangeAxis().valueToJava2D(y, d.dataArea(0), RectangleEdge.LEFT);
    }

    @Test
    void writesAPngWithEachSeriesColourInTheDataArea() throws IOException {
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
        Rectangle2D area = drawn(plot).dataArea(0);
        for (int i = 0; i < 3; i++) {
            // Far more than a legend swatch: the line itself is inside the data area.
            assertTrue(count(img, area, Palette.series(i)) > 400, "series " + i + " colour in the data area");
            assertEquals(0, count(img, Pixels.above(img, area), Palette.series(i)), "nothing of series " + i + " above the data area");
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(png), files.toList(), "no temp file left beside the PNG");
        }
    }

    @Test
    void theLegendStaysOutOfTheDataArea() {
        double[] x = range(100);
        LinePlot crowded = new LinePlot(null, null, null);
        for (int s = 0; s <= 10; s++) {
            final int level = s;
            crowded.add("series " + s, x, map(x, v -> level));
        }
        Drawing d = drawn(crowded);
        List<ChartEntity> legend = new ArrayList<>();
        for (Object e : d.infos().get(0).getEntityCollection().getEntities()) {
            if (e instanceof LegendItemEntity item) {
                legend.add(item);
            }
        }
        assertEquals(11, legend.size(), "one legend item a series");
        for (ChartEntity item : legend) {
            assertFalse(item.getArea().intersects(d.dataArea(0)), "legend item " + item.getArea().getBounds2D() + " over the data");
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
        Drawing d = drawn(plot);
        Rectangle2D area = d.dataArea(0);
        double yPixel = py(d, 1);
        Rectangle2D before = new Rectangle2D.Double(px(d, 10), yPixel - 3, px(d, 30) - px(d, 10), 6);
        Rectangle2D inGap = new Rectangle2D.Double(px(d, 42), area.getY(), px(d, 58) - px(d, 42), area.getHeight());
        assertTrue(count(img, before, Palette.series(0)) > 20, "the line is drawn before the gap");
        assertEquals(0, count(img, inGap, Palette.series(0)), "and not across it");
        assertTrue(xy(d).getRangeAxis().getRange().contains(1) && xy(d).getRangeAxis().getRange().getLength() < 1,
                "the infinite value does not stretch the axis: " + xy(d).getRangeAxis().getRange());
    }

    @Test
    void seriesWithNothingDrawableStillRender() throws IOException {
        double nan = Double.NaN;
        Path png = dir.resolve("empty.png");
        new LinePlot("nothing", "x", "y").add("all NaN", new double[] {1, 2}, new double[] {nan, nan})
                .add("no points", new double[0], new double[0]).write(png);
        assertEquals(LinePlot.DEFAULT_WIDTH, ImageIO.read(png.toFile()).getWidth());
        Path none = dir.resolve("none.png");
        new LinePlot(null, null, null).size(320, 200).write(none);
        assertEquals(200, ImageIO.read(none.toFile()).getHeight());
        // Log on both axes with only non-positive values left: nothing to draw, and no exception either.
        LinePlot.scaling("t", "b", "s").add("zero", new double[] {0, -1}, new double[] {0, 0}).write(dir.resolve("log.png"));
    }

    @Test
    void isolatedPointsAreDrawnAsMarkers() {
        LinePlot plot = new LinePlot(null, null, null).add(null, new double[] {0, 1, 2}, new double[] {1, Double.NaN, 3});
        Drawing d = drawn(plot);
        assertTrue(count(d.image(), d.dataArea(0), Palette.series(0)) >= 2 * 20, "two dots, each about 7 px across");
        Drawing lone = drawn(new LinePlot(null, "step", "loss").add("train", new double[] {0}, new double[] {0.81}));
        Rectangle2D around = new Rectangle2D.Double(px(lone, 0) - 5, py(lone, 0.81) - 5, 10, 10);
        assertTrue(count(lone.image(), around, Palette.series(0)) >= 20, "a run of one point is a dot where it belongs");
        assertTrue(xy(lone).getRangeAxis().getRange().getLength() > 0.1, "and its axis is not zoomed to nothing: "
                + xy(lone).getRangeAxis().getRange());
    }

    @Test
    void autoScaleIsLogOverMoreThanTwoDecadesWithWholePowersAsTicks() {
        double[] x = range(100);
        LinePlot plot = new LinePlot("loss", "step", "loss").add("train", x, map(x, v -> 10 * Math.exp(-v / 5)));
        Drawing d = drawn(plot);
        LogAxis y = assertInstanceOf(LogAxis.class, xy(d).getRangeAxis());
        assertInstanceOf(NumberAxis.class, xy(d).getDomainAxis());
        double unit = y.getTickUnit().getSize();
        assertTrue(unit >= 1 && unit == Math.rint(unit), "ticks at whole powers of ten, not 10^0.4: " + unit);
        assertInstanceOf(NumberAxis.class, xy(drawn(plot.yScale(Scale.LINEAR))).getRangeAxis());
        double[] twoDecades = map(x, v -> 1 + v);
        assertInstanceOf(NumberAxis.class, xy(drawn(new LinePlot(null, null, null).add("a", x, twoDecades))).getRangeAxis(),
                "1..100 is two decades, not more");
    }

    @Test
    void aLogAxisHoldingFewerThanTwoPowersOfTenSpansWholeDecades() {
        double[] x = range(50);
        Drawing d = drawn(new LinePlot(null, null, null).add("a", x, map(x, v -> 0.5 * Math.exp(-v / 30))).yScale(Scale.LOG));
        ValueAxis y = xy(d).getRangeAxis();
        assertEquals(0.01, y.getLowerBound(), 1e-9);
        assertEquals(1, y.getUpperBound(), 1e-8);
    }

    @Test
    void scalingPlotHasLogXAndAMarkerOnEveryPoint() throws IOException {
        double[] batch = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096};
        LinePlot plot = LinePlot.scaling("time per step", "batch size", "s").add("egn", batch, map(batch, b -> 1e-3 + 1e-6 * b * b));
        Drawing d = drawn(plot);
        assertInstanceOf(LogAxis.class, xy(d).getDomainAxis());
        assertInstanceOf(LogAxis.class, xy(d).getRangeAxis(), "the times span four decades");
        for (int k = 0; k < batch.length; k++) {
            assertTrue(((LineRenderer) xy(d).getRenderer()).getItemShapeVisible(0, k), "marker on point " + k);
        }
        Path png = dir.resolve("scaling.png");
        plot.write(png);
        assertTrue(count(ImageIO.read(png.toFile()), d.dataArea(0), Palette.series(0)) > 400);
    }

    @Test
    void fixedLimitsAndSizesAreKept() {
        Drawing d = Figure.row("two panels", new LinePlot("p", "x", "y").add("a", range(10), range(10)).yLimits(-0.02, 1.02),
                new LinePlot("q", "x", "y").add("b", range(10), range(10))).draw();
        assertEquals(2 * Figure.DEFAULT_PANEL_WIDTH, d.image().getWidth());
        assertEquals(LinePlot.DEFAULT_HEIGHT, d.image().getHeight());
        assertEquals(-0.02, d.charts().get(0).getXYPlot().getRangeAxis().getLowerBound());
        assertEquals(1.02, d.charts().get(0).getXYPlot().getRangeAxis().getUpperBound());
        assertTrue(d.dataArea(0).getMaxX() <= Figure.DEFAULT_PANEL_WIDTH && d.dataArea(1).getX() >= Figure.DEFAULT_PANEL_WIDTH,
                "each panel in its half: " + d.dataArea(0) + ", " + d.dataArea(1));
        assertEquals(320, Figure.row(null, new LinePlot(null, null, null)).size(320, 200).draw().image().getWidth());
    }
}
