package dev.gn4j.cli.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.gn4j.engine.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A trial's folder, DIR/trials/&lt;id&gt;: a gn4j train run folder plus the sweep's own
 * files: trial.json (the options), stdout.log and stderr.log (the worker's output) and,
 * after a failure, error.txt. The trial's state is read from these files alone, so a
 * sweep can be resumed, and its leaderboard built, by any process on any machine that
 * sees the folder.
 */
public record TrialFolder(Path dir) {
    static final String TRIAL_JSON = "trial.json";
    static final String ERROR = "error.txt";
    static final String STDOUT = "stdout.log";
    static final String STDERR = "stderr.log";
    static final String SUMMARY = "summary.json";
    static final String CHECKPOINT = "checkpoint.safetensors";
    static final String METRICS = "metrics.csv";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public static TrialFolder of(Path sweepDir, Trial trial) {
        return new TrialFolder(sweepDir.resolve("trials").resolve(trial.id()));
    }

    /** The summary.json, or null when there is none (or it cannot be read: a run writes it atomically, so that means none). */
    public JsonNode summary() {
        Path f = dir.resolve(SUMMARY);
        if (!Files.isRegularFile(f)) {
            return null;
        }
        try {
            return JSON.readTree(f.toFile());
        } catch (IOException e) {
            return null;
        }
    }

    /** Finished: a summary.json with "interrupted": false. Such a trial is never run again. */
    public boolean finished() {
        JsonNode s = summary();
        return s != null && s.has("interrupted") && !s.get("interrupted").asBoolean();
    }

    public boolean hasCheckpoint() {
        return Files.isRegularFile(dir.resolve(CHECKPOINT));
    }

    public TrialFailure failure() {
        return TrialFailure.read(dir.resolve(ERROR));
    }

    public TrialStatus status() {
        if (finished()) {
            return TrialStatus.OK; // even with an error.txt: a worker that failed after its summary (see TrialLauncher)
        }
        if (Files.isRegularFile(dir.resolve(ERROR))) {
            return TrialStatus.FAILED;
        }
        return hasCheckpoint() ? TrialStatus.INTERRUPTED : TrialStatus.PENDING;
    }

    /**
     * Whether the next run continues from the checkpoint: yes when there is one, unless
     * the last attempt already was a resume and failed (a checkpoint that cannot be
     * resumed, e.g. one written after the last step, would otherwise fail forever).
     */
    public boolean resumable() {
        if (!hasCheckpoint()) {
            return false;
        }
        TrialFailure f = failure();
        return f == null || !f.resumed();
    }

    /** Empties the folder (a failed or half-started attempt) and writes trial.json. */
    public void prepareFresh(Trial trial) throws IOException {
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    if (!p.equals(dir)) {
                        Files.delete(p);
                    }
                }
            }
        }
        Files.createDirectories(dir);
        writeOptions(trial);
    }

    /** Before a resume: the trial's options again (unchanged) and no stale error.txt. */
    public void prepareResume(Trial trial) throws IOException {
        Files.deleteIfExists(dir.resolve(ERROR));
        writeOptions(trial);
    }

    private void writeOptions(Trial trial) throws IOException {
        AtomicFiles.writeString(dir.resolve(TRIAL_JSON), JSON.writeValueAsString(trial.options()) + "\n");
    }

    /** The last {@code n} lines of stderr.log. */
    public List<String> stderrTail(int n) {
        try {
            List<String> lines = Files.readAllLines(dir.resolve(STDERR));
            return lines.subList(Math.max(0, lines.size() - n), lines.size());
        } catch (IOException e) {
            return List.of();
        }
    }
}
