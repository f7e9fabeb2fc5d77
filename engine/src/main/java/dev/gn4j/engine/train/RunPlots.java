package dev.gn4j.engine.train;

import dev.gn4j.engine.report.LossPlot;
import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** loss.png of a run folder. A plot that cannot be drawn (no fonts, say) is a warning, never a failed run. */
final class RunPlots {
    private static final Logger LOG = LoggerFactory.getLogger(RunPlots.class);

    private RunPlots() {
    }

    static void write(Path runDir) {
        Path png = runDir.resolve("loss.png");
        try {
            LossPlot.write(runDir.resolve("metrics.csv"), png);
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not draw {}: {}", png, e.getMessage());
        }
    }
}
