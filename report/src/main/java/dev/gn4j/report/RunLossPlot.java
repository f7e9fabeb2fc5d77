package dev.gn4j.report;

import dev.gn4j.engine.train.RunFigures;
import java.io.IOException;
import java.nio.file.Path;

/** The engine's RunFigures service (META-INF/services): loss.png of a finished run, from its metrics.csv. */
public final class RunLossPlot implements RunFigures {
    public static final String FILE_NAME = "loss.png";

    @Override
    public void draw(Path runDir) throws IOException {
        LossPlot.write(runDir.resolve("metrics.csv"), runDir.resolve(FILE_NAME));
    }
}
