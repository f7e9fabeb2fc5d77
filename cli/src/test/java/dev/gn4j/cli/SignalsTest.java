package dev.gn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGHUP and SIGTERM as a scheduler or a closed terminal sends them (issue 14, items 3 and 4),
 * with real processes: during training the step finishes and is saved, with exit 128 + the
 * signal's number; before training (a blocked read of the data) the process ends at once.
 */
class SignalsTest {
    @TempDir
    Path dir;

    private static Process train(String... args) throws Exception {
        String[] all = new String[args.length + 1];
        all[0] = "train";
        System.arraycopy(args, 0, all, 1, args.length);
        return CliRunner.child(all);
    }

    private static void signal(Process p, String name) throws Exception {
        new ProcessBuilder("kill", "-" + name, Long.toString(p.pid())).start().waitFor();
    }

    /**
     * Whether this process ignores SIGHUP (started under nohup, say): its children inherit that, and a
     * run under nohup is meant to outlive a hangup. Linux's /proc/self/status SigIgn, bit 0.
     */
    private static boolean hangupIgnored() throws Exception {
        Path status = Path.of("/proc/self/status");
        if (!java.nio.file.Files.exists(status)) {
            return false;
        }
        for (String line : java.nio.file.Files.readAllLines(status)) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseUnsignedLong(line.substring(7).strip(), 16) & 1) != 0;
            }
        }
        return false;
    }

    @Test
    void sighupDuringTrainingSavesTheStepAndExits129() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeFalse(hangupIgnored(),
                "SIGHUP is ignored here (nohup?), and the child would inherit that");
        Path out = dir.resolve("hup");
        Process p = train("--data", TrainCommandTest.DIABETES.toString(), "--target", "progression", "--model", "8-tanh",
                "--optimizer", "egn", "--batch", "32", "--steps", "1000000", "--log-every", "1", "--device", "cpu",
                "--out", out.toString());
        try {
            CliRunner.waitForLine(p, "training ", 60);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline && (!Files.exists(out.resolve("metrics.csv"))
                    || Files.readAllLines(out.resolve("metrics.csv")).size() < 3)) {
                Thread.sleep(20); // a step logged: the step loop runs, so the signal means "save and stop"
            }
            signal(p, "HUP");
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the run stopped");
            assertEquals(129, p.exitValue());
        } finally {
            p.destroyForcibly();
        }
        long steps = new ObjectMapper().readTree(out.resolve("summary.json").toFile()).get("steps").asLong();
        assertTrue(steps > 0 && Files.exists(out.resolve("checkpoint.safetensors")), "saved at step " + steps);
        CliRunner r = CliRunner.run("train", "-q", "--resume", out.toString(), "--steps", Long.toString(steps + 2));
        assertEquals(0, r.code(), r.err());
    }

    @Test
    void sigtermWhileTheDataIsStillLoadingEndsTheProcessAtOnce() throws Exception {
        Path fifo = dir.resolve("pipe.csv");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        Process p = train("--data", fifo.toString(), "--target", "y", "--device", "cpu", "--out", dir.resolve("fifo").toString());
        try {
            Thread.sleep(3000); // the JVM is up and blocked opening the pipe, which no one writes
            long sent = System.nanoTime();
            signal(p, "TERM");
            assertTrue(p.waitFor(20, TimeUnit.SECONDS), "SIGTERM during loading was not honoured");
            assertEquals(143, p.exitValue());
            assertTrue(System.nanoTime() - sent < TimeUnit.SECONDS.toNanos(20));
            String printed = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(printed.contains("before training began"), printed);
        } finally {
            p.destroyForcibly();
        }
    }
}
