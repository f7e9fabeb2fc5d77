package dev.gn4j.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gn4j.engine.train.RunFigures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ServiceLoader;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine finds loss.png's drawer as a service; nothing else connects the two modules. */
class RunLossPlotTest {
    @TempDir
    Path dir;

    @Test
    void theServiceLoaderFindsTheLossPlot() {
        assertTrue(ServiceLoader.load(RunFigures.class).stream().anyMatch(p -> p.type() == RunLossPlot.class),
                "META-INF/services/" + RunFigures.class.getName() + " names " + RunLossPlot.class.getName());
    }

    @Test
    void drawsLossPngIntoTheRunFolder() throws IOException {
        Pixels.requireFonts();
        Files.writeString(dir.resolve("metrics.csv"), "step,train_loss,val_loss\n0,1.0,1.2\n1,0.5,\n2,0.2,0.4\n");
        new RunLossPlot().draw(dir);
        assertEquals(LinePlot.DEFAULT_WIDTH, ImageIO.read(dir.resolve(RunLossPlot.FILE_NAME).toFile()).getWidth());
    }
}
