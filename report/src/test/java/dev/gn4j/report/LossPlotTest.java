package dev.gn4j.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.ui.RectangleEdge;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LossPlotTest {
    @BeforeAll
    static void fontsAvailable() {
        Pixels.requireFonts();
    }

    @TempDir
    Path dir;

    /** A classification run's metrics.csv as gn4j writes it, with validation logged every 10th step. */
    private Path classificationRun() throws IOException {
        StringBuilder csv = new StringBuilder("step,epoch,wall_s,step_s,train_loss,train_accuracy,val_loss,val_accuracy,batch_loss,lambda\n");
        for (int s = 0; s <= 100; s++) {
            double loss = 2.3 * Math.exp(-s / 8.0) + 1e-5;
            double acc = 1 - 0.9 * Math.exp(-s / 20.0);
            String val = s % 10 == 0 ? String.format(Locale.ROOT, "%s,%s", loss * 1.2 + 0.01, acc - 0.03) : ",";
            csv.append(String.format(Locale.ROOT, "%d,%s,%s,,%s,%s,%s,%s,1.0%n", s, s / 20.0, s * 0.01, loss, acc, val, loss));
        }
        Path run = Files.createDirectories(dir.resolve("20260101-120000-egn"));
        return Files.writeString(run.resolve("metrics.csv"), csv);
    }

    @Test
    void lossAndAccuracyPanelsSideBySideUnderTheRunsName() throws IOException {
        Path metrics = classificationRun();
        Path png = metrics.resolveSibling("loss.png");
        LossPlot.write(metrics, png);
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(2 * Figure.DEFAULT_PANEL_WIDTH, img.getWidth());
        assertEquals(LinePlot.DEFAULT_HEIGHT, img.getHeight());

        Drawing d = LossPlot.figure(MetricsTable.read(metrics), LossPlot.runName(metrics)).draw();
        assertEquals(2, d.charts().size());
        assertInstanceOf(LogAxis.class, d.charts().get(0).getXYPlot().getRangeAxis(), "the loss falls over five decades");
        ValueAxis accuracy = assertInstanceOf(NumberAxis.class, d.charts().get(1).getXYPlot().getRangeAxis());
        assertEquals(-0.02, accuracy.getLowerBound());
        assertEquals(1.02, accuracy.getUpperBound());
        for (int i = 0; i < 2; i++) {
            Rectangle2D area = d.dataArea(i);
            assertTrue(Pixels.count(img, area, Palette.series(0)) > 300, "train line in panel " + i);
            assertTrue(Pixels.count(img, area, Palette.series(1)) > 300, "validation line in panel " + i);
            assertEquals(0, Pixels.count(img, Pixels.above(img, area), Palette.series(0)), "nothing above panel " + i + "'s data area");
        }
        assertTrue(d.dataArea(0).getY() > 20, "room for the title above the panels: " + d.dataArea(0));
        assertEquals("20260101-120000-egn", LossPlot.runName(metrics));
    }

    @Test
    void aRunWithOnlyStepZeroAndNoValidation() throws IOException {
        Path run = Files.createDirectories(dir.resolve("just-started"));
        Path metrics = Files.writeString(run.resolve("metrics.csv"), """
                step,epoch,wall_s,step_s,train_loss,batch_loss,lambda,step_size,rho,grad_norm,direction_norm,fallbacks,loss_evals
                0,0.0,0.0,,0.8123,,1.0,,,,,0,0
                """);
        Path png = run.resolve("loss.png");
        LossPlot.write(metrics, png);
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(LinePlot.DEFAULT_WIDTH, img.getWidth(), "no accuracy columns: one panel");
        Drawing d = LossPlot.figure(MetricsTable.read(metrics), "run").draw();
        var xy = d.charts().get(0).getXYPlot();
        double px = xy.getDomainAxis().valueToJava2D(0, d.dataArea(0), RectangleEdge.BOTTOM);
        double py = xy.getRangeAxis().valueToJava2D(0.8123, d.dataArea(0), RectangleEdge.LEFT);
        assertTrue(Pixels.count(img, new Rectangle2D.Double(px - 5, py - 5, 10, 10), Palette.series(0)) > 20,
                "the lone point is a visible dot");
    }

    @Test
    void nanAndInfinityInTheLossDoNotStopThePlot() throws IOException {
        Path run = Files.createDirectories(dir.resolve("diverged"));
        Path metrics = Files.writeString(run.resolve("metrics.csv"), """
                step,epoch,wall_s,train_loss,val_loss
                0,0,0,1.0,1.1
                1,1,0.1,0.5,
                2,2,0.2,Infinity,NaN
                3,3,0.3,NaN,
                4,4,0.4,-Infinity,
                """);
        Path png = run.resolve("loss.png");
        LossPlot.write(metrics, png);
        assertEquals(LinePlot.DEFAULT_HEIGHT, ImageIO.read(png.toFile()).getHeight());
    }

    @Test
    void aFileWithoutLossColumnsIsAnErrorAndWritesNothing() throws IOException {
        Path metrics = Files.writeString(dir.resolve("metrics.csv"), "step,epoch\n0,0\n");
        IOException e = assertThrows(IOException.class, () -> LossPlot.write(metrics, dir.resolve("loss.png")));
        assertTrue(e.getMessage().contains("train_loss"), e.getMessage());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count(), "only metrics.csv: no loss.png, no temp file");
        }
        assertFalse(Files.exists(dir.resolve("loss.png")));
    }
}
