package dev.gn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Out of memory is exit 6 and one sentence with the sizes: refused before the allocation
 * where gn4j can tell (data files, parameters, the batch-space system), caught at the top
 * where it cannot. Real child JVMs with a small -Xmx, as a user's would be.
 */
class MemoryLimitsTest {
    @TempDir
    static Path dir;
    /** 200,000 rows × 11 columns, about 20 MB: 17.6 MB as doubles. */
    static Path table;

    @BeforeAll
    static void writeTable() throws IOException {
        table = dir.resolve("t20.csv");
        Random r = new Random(3);
        try (Writer w = Files.newBufferedWriter(table)) {
            w.write("x0,x1,x2,x3,x4,x5,x6,x7,x8,x9,y\n");
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < 200_000; i++) {
                line.setLength(0);
                for (int c = 0; c < 11; c++) {
                    line.append(c == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.6f", r.nextDouble()));
                }
                w.write(line.append('\n').toString());
            }
        }
    }

    private static String runChild(String heap, String... args) throws IOException, InterruptedException {
        Process p = CliRunner.child(List.of("-Xmx" + heap), args);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the child did not exit; it printed:\n" + out);
        return p.exitValue() + "\n" + out;
    }

    // Item 5: a file larger than the heap is refused from its first rows, not after minutes of garbage collection.
    @Test
    void aCsvLargerThanTheHeapIsRefusedFromItsFirstRows() throws Exception {
        String r = runChild("32m", "train", "-q", "--data", table.toString(), "--target", "y", "--steps", "1", "--device", "cpu",
                "--out", dir.resolve("refused").toString());
        assertTrue(r.startsWith("6\n"), r);
        assertTrue(r.contains("gn4j: reading " + table) && r.contains("rows of 11 columns") && r.contains("needs about")
                && r.contains("Java heap") && r.contains("GN4J_JAVA_OPTS=-Xmx"), r);
        assertFalse(r.contains("ran out of Java heap at line") || r.contains("OutOfMemoryError") || r.contains("\tat "), r);
        assertFalse(Files.exists(dir.resolve("refused").resolve("metrics.csv")), "nothing was trained");
    }

    // Item 6: the streaming loader holds 8 bytes a cell and the features; the loader of Strings needed over 128 MB here.
    @Test
    void aCsvTrainsInAFewTimesItsSizeAsDoubles() throws Exception {
        String r = runChild("96m", "train", "-q", "--data", table.toString(), "--target", "y", "--steps", "1", "--device", "cpu",
                "--out", dir.resolve("fits").toString());
        assertTrue(r.startsWith("0\n"), r);
        assertTrue(Files.exists(dir.resolve("fits").resolve("summary.json")), r);
    }

    @Test
    void anIdxFileLargerThanTheHeapIsRefusedBeforeItIsRead() throws Exception {
        Path images = dir.resolve("big-images-idx3-ubyte");
        Path labels = dir.resolve("big-labels-idx1-ubyte");
        int n = 60_000;
        // Sparse files: the header, then a length the disk need not hold.
        try (RandomAccessFile f = new RandomAccessFile(images.toFile(), "rw")) {
            f.writeInt(0x00000803);
            f.writeInt(n);
            f.writeInt(28);
            f.writeInt(28);
            f.setLength(16L + (long) n * 28 * 28);
        }
        try (RandomAccessFile f = new RandomAccessFile(labels.toFile(), "rw")) {
            f.writeInt(0x00000801);
            f.writeInt(n);
            f.setLength(8L + n);
        }
        String r = runChild("64m", "train", "-q", "--data", images.toString(), "--target", "label", "--loss", "ce", "--steps", "1", "--device", "cpu",
                "--out", dir.resolve("idx").toString());
        assertTrue(r.startsWith("6\n"), r);
        assertTrue(r.contains("gn4j: reading " + images) && r.contains("44.9 MiB") && r.contains("needs about"), r);
        assertFalse(r.contains("OutOfMemoryError") || r.contains("\tat "), r);
    }

    /** {@code rows} rows of two small integer features and a label of 10 classes, a CSV in the test's folder. */
    private Path tenClasses(String name, int rows) throws IOException {
        StringBuilder sb = new StringBuilder("a,b,label\n");
        for (int i = 0; i < rows; i++) {
            sb.append(i % 7).append(',').append(i % 11).append(',').append(i % 10).append('\n');
        }
        return Files.writeString(dir.resolve(name), sb);
    }

    @Test
    void aBatchSpaceSystemLargerThanMemoryIsExitSixWithTheSizes() throws Exception {
        Path classes = tenClasses("classes.csv", 6000);
        // Batch 5000 of 10 classes: m = 5000 · 9 rows, a Gram of 45,000² doubles, when Cholesky is asked for.
        CliRunner r = CliRunner.fails(6, "train", "--data", classes.toString(), "--target", "label", "--loss", "ce", "--batch", "5000",
                "--steps", "1", "--device", "cpu", "--solver", "cholesky", "--out", dir.resolve("gram").toString());
        assertTrue(r.err().contains("batch-space system of 45,000 rows") && r.err().contains("--batch")
                && r.err().contains("--solver cg"), r.err());
    }

    @Test
    void aParameterSpaceSystemLargerThanMemoryIsExitSixNamingIt() throws Exception {
        Path classes = tenClasses("few.csv", 200);
        // 4000 hidden units: P = 52,010, and UᵀU alone is 52,010² doubles (21.6 GB).
        CliRunner r = CliRunner.fails(6, "train", "--data", classes.toString(), "--target", "label", "--loss", "ce", "--batch", "100",
                "--model", "4000-tanh", "--steps", "1", "--device", "cpu", "--solver", "param", "--out", dir.resolve("p").toString());
        assertTrue(r.err().contains("parameter-space system") && r.err().contains("52,010²") && r.err().contains("--solver cg"),
                r.err());
    }

    @Test
    void theSameSystemRunsWhenAutoSolvesItInParameterSpaceOrByConjugateGradients() throws Exception {
        Path classes = tenClasses("classes.csv", 6000);
        // The default 64-tanh has P = 842, far below m = 45,000: the P × P system is the cheaper direct way,
        // tried after conjugate gradients' budget.
        Path small = dir.resolve("param");
        CliRunner r = CliRunner.run("train", "-q", "--data", classes.toString(), "--target", "label", "--loss", "ce", "--batch", "5000",
                "--steps", "1", "--device", "cpu", "--out", small.toString());
        assertEquals(0, r.code(), r.err());
        com.fasterxml.jackson.databind.JsonNode o = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(small.resolve("config.json").toFile()).get("optimizer");
        assertEquals("auto", o.get("solver_requested").asText());
        assertEquals("cg", o.get("solver").asText(), o.toString());
        assertTrue(o.get("solver_reason").asText().contains("then that way") && o.get("solver_reason").asText().contains("P × P"),
                o.toString());
        // 2000 hidden units: P = 26,010, too many for the P × P way to pay, and K does not fit: conjugate gradients.
        Path wide = dir.resolve("cg");
        CliRunner w = CliRunner.run("train", "-q", "--data", classes.toString(), "--target", "label", "--loss", "ce", "--batch", "5000",
                "--model", "2000-tanh", "--steps", "1", "--device", "cpu", "--out", wide.toString());
        assertEquals(0, w.code(), w.err());
        o = new com.fasterxml.jackson.databind.ObjectMapper().readTree(wide.resolve("config.json").toFile()).get("optimizer");
        assertEquals("cg", o.get("solver").asText(), o.toString());
        assertTrue(o.get("solver_reason").asText().contains("45,000"), o.toString());
        List<String> metrics = Files.readAllLines(wide.resolve("metrics.csv"));
        assertTrue(metrics.get(0).endsWith(",cg_iterations,cg_residual"), metrics.get(0));
        String[] last = metrics.get(metrics.size() - 1).split(",");
        assertTrue(Integer.parseInt(last[last.length - 2]) > 0, metrics.get(metrics.size() - 1));
    }

    /** A command that runs out of memory where no check foresaw it. */
    @CommandLine.Command(name = "exhaust")
    static final class Exhaust implements Runnable {
        @Override
        public void run() {
            throw new OutOfMemoryError("Java heap space");
        }
    }

    @Test
    void anOutOfMemoryErrorNoCheckForesawIsOneSentenceAndExitSix() {
        CliRunner r = CliRunner.runWith(new Exhaust(), "exhaust");
        String e = r.err();
        int code = r.code();
        assertEquals(Main.RESOURCES, code, e);
        assertEquals(1, e.strip().lines().count(), e);
        assertTrue(e.startsWith("gn4j: out of memory (Java heap space)") && e.contains("GN4J_JAVA_OPTS=-Xmx"), e);
    }
}
