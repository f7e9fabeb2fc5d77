package dev.gn4j.cli.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunGroupTest {
    @TempDir
    Path dir;

    private Path run(String rel) throws IOException {
        Path p = dir.resolve(rel);
        Files.createDirectories(p);
        Files.writeString(p.resolve("metrics.csv"), "step,train_loss\n0,1\n");
        return p;
    }

    @Test
    void globsFoldersAndSweepOutputsFindRunFolders() throws IOException {
        Path a1 = run("out/egn-seed1");
        Path a2 = run("out/egn-seed2");
        run("out/sgd-seed1");
        Files.createDirectories(dir.resolve("out/egn-notarun"));
        Path t1 = run("sweep/trials/0000-lr0.1-seed1");
        Path t2 = run("sweep/trials/0001-lr1-seed1");

        RunGroup g = RunGroup.parse("EGN=out/egn-seed*", dir);
        assertEquals("EGN", g.label());
        assertEquals(List.of(a1, a2), g.runs());
        assertEquals(List.of(t1, t2), RunGroup.parse("tuning=sweep", dir).runs(), "a sweep's trials");
        assertEquals(List.of(a1, a2, t1), RunGroup.parse("mixed = out/egn-seed?, sweep/trials/0000*", dir).runs());
        assertEquals(List.of(a1), RunGroup.parse("one=out/egn-seed1", dir).runs());
    }

    @Test
    void badSpecsSayWhatIsWrong() throws IOException {
        run("out/a");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RunGroup.parse("out/a", dir));
        assertTrue(e.getMessage().contains("LABEL=PATTERN"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RunGroup.parse("X=out/zz*", dir));
        assertTrue(e.getMessage().contains("matches no run folder"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RunGroup.single(dir.resolve("out")));
    }
}
