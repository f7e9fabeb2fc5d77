package dev.gn4j.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressTest {
    @Test
    void barRedrawsOneLineWithTheWatchedValuesAndEndsIt() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        long[] now = {0};
        ProgressBar bar = new ProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8), () -> now[0]);
        bar.update(50, 200, 1.25, 0.5, 0.4321, 0.75, 1.0, 10.0);
        now[0] += 50_000_000L;
        bar.update(51, 200, 1.26, 0.5, 0.43, 0.75, 1.0, 10.1); // 50 ms later: not redrawn
        bar.update(200, 200, 5.0, 0.1, 0.0123, 0.5, 0.8, 40.0); // the last step always is
        bar.finish();
        String s = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(2, s.chars().filter(ch -> ch == '\r').count(), s);
        assertTrue(s.contains("[######..................]  25% step 50/200  ep 1.25  loss 0.4321  λ 0.750  α 1.00  5.0 it/s  ETA 0:30"), s);
        assertTrue(s.contains("100% step 200/200") && s.contains("ETA 0:00"), s);
        assertTrue(s.endsWith("\n"), "finish ends the line");
    }

    @Test
    void firstOrderRunsShowNoLambdaAndDurationsFormat() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressBar bar = new ProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        bar.update(1, 10, 0.1, 2.0, Double.NaN, Double.NaN, 0.01, 1.0);
        String s = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(!s.contains("λ") && s.contains("loss 2.000"), s);
        assertEquals("1:01:05", LogProgress.duration(3665));
        assertEquals("2:05", LogProgress.duration(125));
        assertEquals("?", LogProgress.duration(Double.NaN));
    }

    @Test
    void aStoppedRunDoesNotDrawTheBarAgainAfterTheStopMessage(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        TrainConfig.Builder cfg = new TrainConfig.Builder();
        cfg.dataset = "diabetes";
        cfg.model = "4-tanh";
        cfg.steps = 20;
        cfg.device = "cpu";
        cfg.out = dir.resolve("run");
        int[] polls = {0};
        java.util.function.BooleanSupplier stopRequested = () -> ++polls[0] >= 3; // Ctrl-C during step 3
        java.util.List<Long> drawn = new java.util.ArrayList<>();
        int[] finished = {0};
        Progress progress = new Progress() {
            @Override
            public void update(long step, long steps, double epoch, double batchLoss, double trainLoss, double lambda,
                               double stepSize, double elapsedSeconds) {
                drawn.add(step);
            }

            @Override
            public void finish() {
                finished[0]++;
            }
        };
        TrainResult r = new Trainer(cfg.build(), new RunHooks(progress, stopRequested, () -> { })).run();
        assertTrue(r.interrupted());
        assertEquals(3, r.steps());
        assertEquals(java.util.List.of(1L, 2L), drawn, "no redraw of the step that saw the stop request");
        assertEquals(1, finished[0]);
    }
}
