package dev.gn4j.shimgen;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gn4j.nativelib.ElfFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Test helpers: gcc (tests that need it are skipped by assumption without it), and running programs.
 * Public, and shipped in this module's test jar, because gn4j-native's tests of the packaged shims build
 * stand-in CUDA 13 libraries the same way.
 */
public final class NativeToolchain {
    /** A stand-in libcublas.so.13: a few functions with recognisable answers, under its own version node. */
    public static final String STAND_IN_CUBLAS = """
            int cublasCreate_v2(void **handle) { *handle = (void *) 0x1234; return 0; }
            int cublasGetVersion_v2(void *handle, int *version) { *version = handle == (void *) 0x1234 ? 130100 : -1; return 0; }
            /* cublasSgemm_v2 takes 14 arguments: 6 in registers, 8 on the stack, all of which must arrive. */
            long cublasSgemm_v2(long a, long b, long c, long d, long e, long f, long g, long h, long i, long j, long k,
                                long l, long m, long n) {
                return a + 2 * b + 3 * c + 4 * d + 5 * e + 6 * f + 7 * g + 8 * h + 9 * i + 10 * j + 11 * k + 12 * l
                       + 13 * m + 14 * n;
            }
            float cublasSdot(int n, const float *x, int incx, const float *y, int incy) { return 2.5f * n; }
            """;

    private static Optional<ShimCompiler> compiler;

    private NativeToolchain() {
    }

    /** The shim compiler, or a skipped test when there is no gcc (or this is not Linux x86-64). */
    public static synchronized ShimCompiler assumeGcc() {
        if (compiler == null) {
            compiler = ShimCompiler.find();
        }
        assumeTrue(compiler.isPresent(), "needs gcc on Linux x86-64");
        return compiler.get();
    }

    /** Compiles C source text with extra gcc arguments (output, -shared, libraries...) in {@code dir}. */
    public static void gcc(Path dir, String fileName, String source, String... args) throws IOException {
        Files.writeString(dir.resolve(fileName), source, StandardCharsets.UTF_8);
        List<String> cmd = new ArrayList<>(List.of(assumeGcc().command(), "-O1", "-fPIC", fileName));
        cmd.addAll(List.of(args));
        ShimCompiler.run(cmd, dir);
    }

    /** The outcome of a program run. */
    public record Result(int exit, String stdout, String stderr) {
        public String all() {
            return stdout + stderr;
        }
    }

    public static Result run(Path dir, Map<String, String> env, List<String> envRemoved, String... cmd) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        envRemoved.forEach(pb.environment()::remove);
        pb.environment().putAll(env);
        Path out = Files.createTempFile(dir, "stdout", ".txt");
        Path err = Files.createTempFile(dir, "stderr", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        try {
            if (!p.waitFor(3, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IOException("timed out: " + String.join(" ", cmd));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    /** The JCuda natives on the test class path (test dependencies here, runtime ones of gn4j-native), or a skipped test. */
    public static Map<String, ElfFile> assumeJcudaNatives() throws IOException {
        Map<String, ElfFile> natives = JcudaNatives.find(JcudaNatives.entries(System.getProperty("java.class.path")));
        assumeTrue(!natives.isEmpty(), "needs the JCuda natives jars on the test class path");
        return natives;
    }

    /** The natives as files in {@code dir}/lib/, for programs that dlopen them. */
    static Map<String, Path> extractJcudaNatives(Path dir) throws IOException {
        Map<String, Path> out = new java.util.TreeMap<>();
        for (Path entry : JcudaNatives.entries(System.getProperty("java.class.path"))) {
            if (!Files.isRegularFile(entry) || !entry.toString().endsWith(".jar")) {
                continue;
            }
            try (var zip = new java.util.zip.ZipFile(entry.toFile())) {
                for (var z : zip.stream().toList()) {
                    if (JcudaNatives.SHIMMED.matcher(z.getName()).matches()) {
                        Path f = dir.resolve(z.getName());
                        Files.createDirectories(f.getParent());
                        try (var in = zip.getInputStream(z)) {
                            Files.copy(in, f, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                        }
                        out.put(z.getName(), f);
                    }
                }
            }
        }
        return out;
    }
}
