package dev.gn4j.engine.train;

import java.nio.file.Path;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The figures of a run folder, by whichever {@link RunFigures} providers are on the classpath. A figure that
 * cannot be drawn (no fonts, a provider that fails to load) is a warning, never a failed run.
 */
final class RunPlots {
    private static final Logger LOG = LoggerFactory.getLogger(RunPlots.class);

    private RunPlots() {
    }

    static void write(Path runDir) {
        try {
            for (RunFigures figures : ServiceLoader.load(RunFigures.class)) {
                draw(figures, runDir);
            }
        } catch (ServiceConfigurationError | LinkageError e) {
            LOG.warn("could not load a figure drawer for {}: {}", runDir, e.toString());
        }
    }

    private static void draw(RunFigures figures, Path runDir) {
        try {
            figures.draw(runDir);
        } catch (Exception | LinkageError e) {
            LOG.warn("could not draw the figures of {} ({}): {}", runDir, figures.getClass().getName(), e.getMessage());
        }
    }
}
