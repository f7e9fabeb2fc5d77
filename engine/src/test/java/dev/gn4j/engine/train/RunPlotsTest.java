package dev.gn4j.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine draws through whatever RunFigures providers the classpath has, and survives their failures. */
class RunPlotsTest {
    @TempDir
    Path dir;

    /** A provider that always fails. */
    public static final class Failing implements RunFigures {
        @Override
        public void draw(Path runDir) throws IOException {
            throw new IOException("no fonts here");
        }
    }

    /** A provider that leaves a file behind. */
    public static final class Marking implements RunFigures {
        @Override
        public void draw(Path runDir) throws IOException {
            Files.writeString(runDir.resolve("drawn.txt"), "yes");
        }
    }

    @Test
    void withoutAProviderARunGetsNoPicture() throws IOException {
        Path run = Files.createDirectories(dir.resolve("run"));
        Files.writeString(run.resolve("metrics.csv"), "step,train_loss\n0,1.0\n");
        RunPlots.write(run);
        try (Stream<Path> files = Files.list(run)) {
            assertEquals(1, files.count(), "the engine alone draws nothing (gn4j-report is not on its classpath)");
        }
    }

    @Test
    void everyProviderIsCalledAndAFailingOneIsOnlyAWarning() throws IOException {
        Path services = Files.createDirectories(dir.resolve("cp/META-INF/services"));
        Files.writeString(services.resolve(RunFigures.class.getName()), Failing.class.getName() + "\n" + Marking.class.getName() + "\n");
        Path run = Files.createDirectories(dir.resolve("run"));
        Thread thread = Thread.currentThread();
        ClassLoader old = thread.getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.resolve("cp").toUri().toURL()}, old)) {
            thread.setContextClassLoader(loader);
            RunPlots.write(run);
        } finally {
            thread.setContextClassLoader(old);
        }
        assertTrue(Files.exists(run.resolve("drawn.txt")), "the provider after the failing one still drew");
    }
}
