package dev.gn4j.cli.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real sweep, run once for the class: four 2-step trials on two worker processes, two
 * of them with an impossible --model so that they fail when they run. The tests read
 * what it left, and the last one reruns it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SweepRunTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir; // static: filled in before @BeforeAll

    private Path out;
    private SweepCli run;
    private SweepPlan plan;

    @BeforeAll
    void runTheSweep() throws Exception {
        Path f = SweepCli.file(dir, "s.yaml", """
                base: {data: DIABETES, target: progression, standardize: all, optimizer: egn, steps: 2, dtype: f64, device: cpu}
                grid: {model: [4-tanh, 4-bogus]}
                random: {lambda: {log-uniform: [0.01, 10]}}
                trials: 2
                metric: final_train_loss
                """);
        out = dir.resolve("sweep");
        run = SweepCli.run("sweep", "--config", f.toString(), "--out", out.toString(), "--workers", "2");
        plan = SweepPlan.read(out.resolve("sweep.json"));
    }

    private Path trialDir(int i) {
        return TrialFolder.of(out, plan.trials().get(i)).dir();
    }

    private double finalLoss(Path runDir) throws Exception {
        return JSON.readTree(runDir.resolve("summary.json").toFile()).get("final_train_loss").asDouble();
    }

    @Test
    @Order(1)
    void everyTrialIsARunFolderAndTheFailuresDoNotStopTheSweep() throws Exception {
        assertEquals(0, run.code(), run.toString());
        assertTrue(run.out().startsWith("sweep: 4 trials, 2 workers -> " + out), run.out());
        for (int k = 1; k <= 4; k++) {
            assertTrue(run.out().contains("[" + k + "/4] "), "a progress line per trial: " + run.out());
        }
        assertTrue(run.out().contains("ETA "), run.out());
        for (int i = 0; i < 2; i++) {
            Path t = trialDir(i);
            for (String file : List.of("trial.json", "config.json", "metrics.csv", "summary.json", "model.safetensors", "loss.png",
                    "stdout.log", "stderr.log")) {
                assertTrue(Files.isRegularFile(t.resolve(file)), t.resolve(file) + " exists");
            }
            // trial.json holds the trial's options, and the run recorded exactly them.
            var options = JSON.readTree(t.resolve("config.json").toFile()).get("options");
            assertEquals(plan.trials().get(i).options().get("lambda"), options.get("lambda").asDouble());
            assertEquals("4-tanh", options.get("model").asText());
        }
        assertTrue(plan.trials().get(2).id().startsWith("0002-model_4-bogus-lambda"), plan.trials().get(2).id());
    }

    @Test
    @Order(2)
    void aFailedTrialIsRecordedWithItsExitCodeAndTheEndOfItsStderr() throws Exception {
        for (int i = 2; i < 4; i++) {
            String error = Files.readString(trialDir(i).resolve("error.txt"));
            assertTrue(error.startsWith("exit code: 2\naction: train\n"), error);
            assertTrue(error.contains("error: gn4j: --model: unknown activation 'bogus'"), error);
            assertTrue(error.contains("last ") && error.contains(" lines of stderr.log:"), error);
        }
        assertTrue(run.out().contains("failed (exit 2): gn4j: --model: unknown activation 'bogus'"), run.out());
        assertTrue(run.out().contains("failed: " + plan.trials().get(2).id() + " (exit 2)"), run.out());
    }

    @Test
    @Order(3)
    void theLeaderboardRanksTheFinishedTrialsByTheMetric() throws Exception {
        List<String> lines = Files.readAllLines(out.resolve("leaderboard.csv"));
        assertEquals("rank,trial,final_train_loss,model,lambda,steps_run,wall_seconds,status,exit_code,error", lines.get(0));
        assertEquals(5, lines.size());
        double l0 = finalLoss(trialDir(0));
        double l1 = finalLoss(trialDir(1));
        int best = l0 <= l1 ? 0 : 1;
        String[] first = lines.get(1).split(",");
        String[] second = lines.get(2).split(",");
        assertEquals(List.of("1", plan.trials().get(best).id(), Double.toString(Math.min(l0, l1))), List.of(first).subList(0, 3));
        assertEquals(List.of("2", plan.trials().get(1 - best).id(), Double.toString(Math.max(l0, l1))), List.of(second).subList(0, 3));
        assertEquals(List.of("4-tanh", "2", "ok"), List.of(first[3], first[5], first[7]));
        assertTrue(lines.get(3).startsWith(",0002-model_4-bogus") && lines.get(3).contains(",failed,2,\"gn4j: --model: unknown activation 'bogus'"),
                lines.get(3));
        assertTrue(run.out().contains("4 trials: 2 ok (2 ranked by final_train_loss, lowest first), 2 failed, 0 interrupted, 0 pending"),
                run.out());
        assertTrue(run.out().lines().anyMatch(l -> l.matches(" +1 +" + plan.trials().get(best).id() + " .*")), run.out());
        BufferedImage png = ImageIO.read(out.resolve("top.png").toFile());
        assertNotNull(png);
        assertEquals(900, png.getWidth());
    }

    @Test
    @Order(4)
    void bestYamlTrainsTheBestTrialAgainToTheSameLoss() throws Exception {
        double l0 = finalLoss(trialDir(0));
        double l1 = finalLoss(trialDir(1));
        Path again = dir.resolve("again");
        SweepCli r = SweepCli.run("train", "-q", "--config", out.resolve("best.yaml").toString(), "--out", again.toString());
        assertEquals(0, r.code(), r.toString());
        assertEquals(Math.min(l0, l1), finalLoss(again), 0.0, "float64 on the CPU: the same loss to the last bit");
    }

    @Test
    @Order(5)
    void leaderboardCanRankTheOtherWayAfterwards() throws Exception {
        SweepCli r = SweepCli.run("sweep", "leaderboard", "--out", out.toString(), "--maximize");
        assertEquals(0, r.code(), r.toString());
        double l0 = finalLoss(trialDir(0));
        double l1 = finalLoss(trialDir(1));
        int worst = l0 > l1 ? 0 : 1;
        assertTrue(Files.readAllLines(out.resolve("leaderboard.csv")).get(1).startsWith("1," + plan.trials().get(worst).id() + ","));
        assertTrue(r.out().contains("ranked by final_train_loss, highest first"), r.out());
        assertEquals(0, SweepCli.run("sweep", "leaderboard", "--out", out.toString()).code(), "and back, as the sweep file says");
        SweepCli bad = SweepCli.run("sweep", "leaderboard", "--out", out.toString(), "--metric", "final_val_loss");
        assertEquals(2, bad.code(), bad.toString());
        assertTrue(bad.err().contains("metric 'final_val_loss' is not a number in any finished trial's summary.json"), bad.err());
    }

    @Test
    @Order(6)
    void aRerunSkipsFinishedTrialsAndRetriesTheFailedOnes() throws Exception {
        Map<Path, FileTime> before = new HashMap<>();
        for (int i = 0; i < 2; i++) {
            for (String f : List.of("summary.json", "stdout.log", "stderr.log", "trial.json")) {
                before.put(trialDir(i).resolve(f), Files.getLastModifiedTime(trialDir(i).resolve(f)));
            }
        }
        Thread.sleep(20); // so that a rewrite would show in the modification times
        SweepCli again = SweepCli.run("sweep", "--config", dir.resolve("s.yaml").toString(), "--out", out.toString(), "--workers", "2");
        assertEquals(0, again.code(), again.toString());
        assertTrue(again.out().startsWith("sweep: 4 trials (2 finished earlier, skipped), 2 workers"), again.out());
        for (Map.Entry<Path, FileTime> e : before.entrySet()) {
            assertEquals(e.getValue(), Files.getLastModifiedTime(e.getKey()), "untouched: " + e.getKey());
        }
        assertTrue(again.out().contains("[3/4] ") && again.out().contains("[4/4] ") && !again.out().contains("[1/4] "), again.out());
        assertTrue(Files.readString(trialDir(2).resolve("error.txt")).startsWith("exit code: 2\naction: train\n"));
    }
}
