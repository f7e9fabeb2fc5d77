package dev.gn4j.cli.sweep;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.gn4j.engine.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;

/**
 * DIR/best.yaml: the best trial's options as a {@code gn4j train --config} file, under a
 * comment saying where they come from. The options are the trial's own (seed and device
 * included), doubles in their shortest exact form, so training with the file repeats the
 * trial (exactly, on the CPU in float64).
 */
final class BestConfig {
    static final String FILE_NAME = "best.yaml";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    private BestConfig() {
    }

    static void write(Path file, LeaderboardRow best, SweepPlan plan, Path sweepDir) throws IOException {
        String header = "# The best trial of the sweep in " + sweepDir + " by " + plan.metric() + " ("
                + (plan.maximize() ? "highest" : "lowest") + "): " + best.trial().id() + ", " + plan.metric() + " = "
                + best.metric() + ".\n"
                + "# Its run folder: " + TrialFolder.of(sweepDir, best.trial()).dir() + "\n"
                + "# Train it again with: gn4j train --config " + file + " --out DIR\n";
        AtomicFiles.writeString(file, header + YAML.writeValueAsString(best.trial().options()));
    }
}
