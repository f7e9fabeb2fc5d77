package dev.gn4j.cli.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ranking and the files built from trial folders, on folders written by hand (no training). */
class LeaderboardTest {
    @TempDir
    Path dir;

    private static Trial trial(int i, double lr) {
        return new Trial(i, TrialId.of(i, 4, Map.of("lr", lr)), Map.of("lr", lr), Map.of("dataset", "iris", "lr", lr, "steps", 3));
    }

    private static SweepPlan plan(String metric, boolean maximize, int n) {
        List<Trial> trials = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            trials.add(trial(i, (i + 1) / 10.0));
        }
        return new SweepPlan("s.yaml", metric, maximize, 0, List.of(), List.of("lr"), Map.of(), List.of(), trials);
    }

    private void summary(SweepPlan plan, int i, String extra, boolean interrupted) throws IOException {
        Path d = TrialFolder.of(dir, plan.trials().get(i)).dir();
        Files.createDirectories(d);
        Files.writeString(d.resolve("summary.json"), "{\"interrupted\": " + interrupted + ", \"steps\": 3, \"wall_seconds\": 1.25"
                + (extra.isEmpty() ? "" : ", " + extra) + "}");
    }

    private void failure(SweepPlan plan, int i, int code, String message) throws IOException {
        Path d = TrialFolder.of(dir, plan.trials().get(i)).dir();
        Files.createDirectories(d);
        new TrialFailure(code, false, "cpu", "java ... train", message).write(d.resolve("error.txt"), List.of("a log line", message));
    }

    /** Eight trials in every state: ties, NaN, a missing metric, a failure, an interruption, one never run. */
    private SweepPlan everyState(boolean maximize) throws IOException {
        SweepPlan plan = plan("final_val_accuracy", maximize, 8);
        summary(plan, 0, "\"final_val_accuracy\": 0.8", false);
        summary(plan, 1, "\"final_val_accuracy\": 0.9", false);
        summary(plan, 2, "\"final_val_accuracy\": 0.9", false);
        summary(plan, 3, "\"final_val_accuracy\": \"NaN\"", false); // as Jackson writes a diverged run's NaN
        failure(plan, 4, 3, "gn4j: data.csv line 7, column x: 'abc' is not a number");
        summary(plan, 6, "\"final_val_accuracy\": 0.99", true);
        Files.writeString(TrialFolder.of(dir, plan.trials().get(6)).dir().resolve("checkpoint.safetensors"), "x");
        summary(plan, 7, "\"final_train_loss\": 0.5", false);
        return plan;
    }

    private static List<Integer> order(Leaderboard b) {
        return b.rows().stream().map(r -> r.trial().index()).toList();
    }

    @Test
    void maximizeRanksHighestFirstWithTiesByIndexThenTheUnranked() throws IOException {
        Leaderboard b = Leaderboard.build(everyState(true), dir);
        assertEquals(List.of(1, 2, 0, 3, 7, 4, 6, 5), order(b));
        assertEquals(List.of(1, 2, 3), b.ranked().stream().map(LeaderboardRow::rank).toList());
        assertEquals(1, b.best().orElseThrow().trial().index());
        assertEquals(List.of(TrialStatus.OK, TrialStatus.OK, TrialStatus.OK, TrialStatus.OK, TrialStatus.OK, TrialStatus.FAILED,
                TrialStatus.INTERRUPTED, TrialStatus.PENDING), b.rows().stream().map(LeaderboardRow::status).toList());
        assertTrue(Double.isNaN(b.rows().get(3).metric()));
        assertNull(b.rows().get(4).metric());
        assertEquals(0, b.exitCode());
        assertNull(b.missingMetric(), "some finished trials have the metric");
    }

    @Test
    void minimizeRanksLowestFirst() throws IOException {
        Leaderboard b = Leaderboard.build(everyState(false), dir);
        assertEquals(List.of(0, 1, 2, 3, 7, 4, 6, 5), order(b));
    }

    @Test
    void csvHasRankTrialMetricSweptOptionsStepsTimeStatusAndTheError() throws IOException {
        List<String> lines = Leaderboard.build(everyState(true), dir).csv().lines().toList();
        assertEquals("rank,trial,final_val_accuracy,lr,steps_run,wall_seconds,status,exit_code,error", lines.get(0));
        assertEquals("1,0001-lr0.2,0.9,0.2,3,1.250,ok,,", lines.get(1));
        assertEquals(",0003-lr0.4,NaN,0.4,3,1.250,ok,,", lines.get(4));
        assertEquals(",0004-lr0.5,,0.5,,,failed,3,\"gn4j: data.csv line 7, column x: 'abc' is not a number\"", lines.get(6));
        assertEquals(",0006-lr0.7,0.99,0.7,3,1.250,interrupted,,", lines.get(7));
        assertEquals(",0005-lr0.6,,0.6,,,pending,,", lines.get(8));
    }

    @Test
    void publishWritesTheLeaderboardAndBestYamlAndPrintsTheTopRows() throws IOException {
        SweepPlan plan = everyState(true);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = SweepResults.publish(plan, dir, 2, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        assertEquals(0, code);
        String printed = out.toString(StandardCharsets.UTF_8);
        List<String> lines = printed.lines().toList();
        assertTrue(lines.get(0).matches("rank +trial +final_val_accuracy +lr +steps run +wall s"), lines.get(0));
        assertTrue(lines.get(1).matches(" +1 +0001-lr0\\.2 +0\\.9 +0\\.2 +3 +1\\.25"), lines.get(1));
        assertTrue(lines.get(2).startsWith("   2  0002-lr0.3"), lines.get(2));
        assertTrue(lines.get(3).startsWith("8 trials: 5 ok (3 ranked by final_val_accuracy, highest first), 1 failed, 1 interrupted, 1 pending"),
                lines.get(3));
        assertTrue(printed.contains("failed: 0004-lr0.5 (exit 3): gn4j: data.csv line 7"), printed);
        assertTrue(Files.readString(dir.resolve("leaderboard.csv")).startsWith("rank,trial,final_val_accuracy"));
        String best = Files.readString(dir.resolve("best.yaml"));
        assertTrue(best.startsWith("# The best trial of the sweep in " + dir + " by final_val_accuracy (highest): 0001-lr0.2"), best);
        assertTrue(best.contains("\nlr: 0.2\n") && best.contains("\ndataset: iris\n"), best);
        assertFalse(Files.exists(dir.resolve("top.png")), "no metrics.csv to draw from");
    }

    @Test
    void aMetricNoFinishedTrialHasIsAUsageErrorAfterTheLeaderboardIsWritten() throws IOException {
        SweepPlan plan = plan("final_val_los", false, 2);
        summary(plan, 0, "\"final_val_loss\": 0.3, \"optimizer\": \"egn\"", false);
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SweepResults.publish(plan, dir, 10, quiet, quiet));
        assertTrue(e.getMessage().startsWith("metric 'final_val_los' is not a number in any finished trial's summary.json "
                + "(numeric keys there: steps, wall_seconds, final_val_loss)"), e.getMessage());
        assertTrue(e.getMessage().endsWith("gn4j sweep leaderboard --out " + dir + " --metric KEY"), e.getMessage());
        assertTrue(Files.exists(dir.resolve("leaderboard.csv")));
    }

    @Test
    void withoutAFinishedTrialTheExitCodeIsTheFailuresSharedCodeElse5() throws IOException {
        SweepPlan plan = plan("final_train_loss", false, 3);
        assertEquals(5, Leaderboard.build(plan, dir).exitCode(), "nothing ran");
        failure(plan, 0, 3, "gn4j: bad data");
        failure(plan, 1, 3, "gn4j: bad data");
        assertEquals(3, Leaderboard.build(plan, dir).exitCode(), "every failure a data error");
        failure(plan, 2, 4, "gn4j: no GPU");
        assertEquals(5, Leaderboard.build(plan, dir).exitCode(), "mixed failures");
        summary(plan, 2, "\"final_train_loss\": 1.5", false);
        assertEquals(0, Leaderboard.build(plan, dir).exitCode(), "one finished trial is a success");
    }
}
