package dev.gn4j.cli.sweep;

import java.util.Locale;

/** Where a trial stands, read from its folder. */
public enum TrialStatus {
    /** summary.json says it ran to the end. */
    OK,
    /** It exited with an error; error.txt holds the exit code and the end of its stderr. */
    FAILED,
    /** Stopped with a checkpoint (Ctrl-C, a scheduler's time limit, a kill): the next run resumes it. */
    INTERRUPTED,
    /** Not run yet, or killed before its first checkpoint: the next run starts it afresh. */
    PENDING;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
