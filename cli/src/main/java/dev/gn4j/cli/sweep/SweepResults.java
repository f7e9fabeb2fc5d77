package dev.gn4j.cli.sweep;

import dev.gn4j.engine.io.AtomicFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a sweep leaves besides the trial folders: leaderboard.csv, best.yaml and top.png,
 * and the table printed at the end. Built from the folders alone, by {@code gn4j sweep}
 * when its trials are done and by {@code gn4j sweep leaderboard} at any time.
 */
public final class SweepResults {
    public static final String LEADERBOARD = "leaderboard.csv";
    /** Rows of the printed table. */
    public static final int TABLE_ROWS = 10;
    private static final int FAILURES_LISTED = 5;

    private SweepResults() {
    }

    /**
     * Writes the outputs and prints the table; returns the exit code ({@link Leaderboard#exitCode}).
     *
     * @throws IllegalArgumentException when trials finished but none has the metric (after writing leaderboard.csv, unranked)
     */
    public static int publish(SweepPlan plan, Path sweepDir, int tableRows, PrintStream out, PrintStream err) throws IOException {
        Leaderboard board = Leaderboard.build(plan, sweepDir);
        Path csv = sweepDir.resolve(LEADERBOARD);
        AtomicFiles.writeString(csv, board.csv());
        out.print(board.table(tableRows));
        int listed = 0;
        for (LeaderboardRow r : board.rows()) {
            if (r.failure() != null && listed++ < FAILURES_LISTED) {
                out.println("failed: " + r.trial().id() + " (exit " + r.failure().exitCode() + "): " + r.failure().message()
                        + "; see " + TrialFolder.of(sweepDir, r.trial()).dir().resolve(TrialFolder.ERROR));
            }
        }
        String missing = board.missingMetric();
        if (missing != null) {
            throw new IllegalArgumentException(missing.replace("--out DIR", "--out " + sweepDir));
        }
        Path best = sweepDir.resolve(BestConfig.FILE_NAME);
        Path png = sweepDir.resolve(TopPlot.FILE_NAME);
        if (board.best().isPresent()) {
            BestConfig.write(best, board.best().get(), plan, sweepDir);
            boolean plotted;
            try {
                plotted = TopPlot.write(board, sweepDir, png);
            } catch (IOException e) {
                plotted = false; // a missing font or an unreadable metrics.csv must not cost the leaderboard
                err.println("gn4j sweep: warning: " + png + " not drawn: " + e.getMessage());
            }
            out.println("wrote " + csv + ", " + best + (plotted ? ", " + png : ""));
            out.println("train the best again with: gn4j train --config " + best);
        } else {
            // Nothing ranks (yet): files from an earlier ranking would name a best that is no longer one.
            Files.deleteIfExists(best);
            Files.deleteIfExists(png);
            out.println("wrote " + csv + " (no finished trial to rank yet)");
        }
        return board.exitCode();
    }
}
