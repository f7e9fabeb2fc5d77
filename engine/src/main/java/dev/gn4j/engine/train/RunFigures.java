package dev.gn4j.engine.train;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Draws the figures of a finished run (loss.png, say) into its folder. The engine draws nothing itself: it
 * calls every provider that {@link java.util.ServiceLoader} finds (gn4j-report is one, listed in its
 * META-INF/services), so a classpath without one trains just the same and leaves no picture.
 */
public interface RunFigures {
    /**
     * Called once the run's last metrics.csv row and summary.json are written.
     *
     * @throws IOException if a figure cannot be drawn or written; the run still counts as finished
     */
    void draw(Path runDir) throws IOException;
}
