package dev.gn4j.nativecuda;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Builds the kernel lab (kernels/lab/): every kernels/*.cu module compiled unmodified as host
 * C++ through gpu_emulation.h, with a generated lab_MODULE.cpp that registers the module's
 * entry points as {@link Kernel} lists them, linked with kernel_lab.cpp. Object files are
 * cached under target/kernel-lab/ by a hash of their sources and flags, so only a changed
 * module is compiled again.
 */
final class KernelLabBuild {
    static final Path KERNELS = Path.of("..", "kernels");
    static final Path LAB = KERNELS.resolve("lab");

    /** How the lab is compiled. */
    enum Sanitizer {
        /** AddressSanitizer and UndefinedBehaviorSanitizer: any access past an allocation's end fails (CI). */
        ADDRESS("-O1", "-fsanitize=address,undefined", "-fno-sanitize-recover=all", "-fno-omit-frame-pointer"),
        /** ThreadSanitizer, for the parallel mode (kernels/lab/tsan.sh). */
        THREAD("-O1", "-fsanitize=thread"),
        /** No instrumentation: the fastest lab, for a kernel author's quick loop. */
        NONE("-O2");

        private final List<String> flags;

        Sanitizer(String... flags) {
            this.flags = List.of(flags);
        }
    }

    private KernelLabBuild() {
    }

    /** g++ on the PATH (or $CXX), or empty: the lab tests then skip, saying so. */
    static Optional<String> compiler() {
        String cxx = System.getenv().getOrDefault("CXX", "g++");
        try {
            Process p = new ProcessBuilder(cxx, "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0 ? Optional.of(cxx) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** The lab of the repository's kernels. */
    static Path build(Sanitizer sanitizer) {
        return build(sanitizer, KERNELS, Path.of("target", "kernel-lab", sanitizer.name().toLowerCase()));
    }

    /**
     * The lab of the kernel sources in {@code kernelsDir} (a *.cu per {@link KernelModule}
     * and common.cuh; a module whose file is missing is left out), built in {@code outDir}.
     */
    static Path build(Sanitizer sanitizer, Path kernelsDir, Path outDir) {
        String cxx = compiler().orElseThrow(() -> new IllegalStateException("no g++ for the kernel lab"));
        try {
            Files.createDirectories(outDir);
            List<String> flags = new ArrayList<>(List.of("-std=c++17", "-g", "-pthread", "-Wall", "-Wno-unused-function"));
            flags.addAll(sanitizer.flags);
            flags.addAll(List.of("-I" + LAB.toAbsolutePath().normalize(), "-I" + kernelsDir.toAbsolutePath().normalize()));
            List<Path> objects = new ArrayList<>();
            List<List<String>> compiles = new ArrayList<>();
            String labSources = Files.readString(LAB.resolve("gpu_emulation.h")) + Files.readString(LAB.resolve("kernel_lab.h"));
            for (KernelModule m : KernelModule.values()) {
                Path cu = kernelsDir.resolve(m.fileName() + ".cu");
                if (!Files.exists(cu)) {
                    continue;
                }
                String unit = moduleUnit(m);
                String hash = hash(flags + unit + labSources + Files.readString(cu) + Files.readString(kernelsDir.resolve("common.cuh")));
                Path source = outDir.resolve("lab_" + m.fileName() + ".cpp");
                Files.writeString(source, unit, StandardCharsets.UTF_8);
                objects.add(object(outDir, "lab_" + m.fileName(), hash, source, cxx, flags, compiles));
            }
            Path driver = LAB.resolve("kernel_lab.cpp");
            String driverHash = hash(flags + labSources + Files.readString(driver));
            objects.add(object(outDir, "kernel_lab", driverHash, driver, cxx, flags, compiles));
            runAll(compiles, outDir);
            // One executable per set of objects: a lab still running keeps its own file.
            Path exe = outDir.resolve("kernel_lab-" + hash(objects.toString()).substring(0, 16));
            if (Files.exists(exe)) {
                return exe;
            }
            List<String> link = new ArrayList<>(List.of(cxx));
            link.addAll(flags);
            objects.forEach(o -> link.add(o.toAbsolutePath().toString()));
            link.addAll(List.of("-o", exe.toAbsolutePath() + ".tmp"));
            run(link, outDir);
            Files.move(Path.of(exe.toAbsolutePath() + ".tmp"), exe);
            return exe;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The generated translation unit of one module: the .cu file as it is, then its entry table. */
    static String moduleUnit(KernelModule m) {
        StringBuilder entries = new StringBuilder();
        for (Kernel k : Kernel.values()) {
            if (k.module() == m) {
                for (String e : k.entries()) {
                    entries.append(entries.length() == 0 ? "" : ",\n").append("    GN4J_LAB_ENTRY(").append(e).append(')');
                }
            }
        }
        return "// Generated by KernelLabBuild from dev.gn4j.nativecuda.Kernel: kernels/" + m.fileName() + ".cu in the lab.\n"
                + "#include \"gpu_emulation.h\"\n#include \"" + m.fileName() + ".cu\"\n#include \"kernel_lab.h\"\n\n"
                + "static const gn4j_lab::Registrar registrar{\n" + entries + "};\n";
    }

    private static Path object(Path outDir, String name, String hash, Path source, String cxx, List<String> flags,
                               List<List<String>> compiles) {
        Path obj = outDir.resolve(name + "-" + hash.substring(0, 16) + ".o");
        if (!Files.exists(obj)) {
            List<String> cmd = new ArrayList<>(List.of(cxx));
            cmd.addAll(flags);
            cmd.addAll(List.of("-c", source.toAbsolutePath().toString(), "-o", obj.toAbsolutePath() + ".tmp"));
            compiles.add(cmd);
        }
        return obj;
    }

    private static void runAll(List<List<String>> compiles, Path dir) throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors())));
        try {
            List<Future<?>> done = new ArrayList<>();
            for (List<String> cmd : compiles) {
                done.add(pool.submit(() -> {
                    run(cmd, dir);
                    String tmp = cmd.get(cmd.size() - 1);
                    Files.move(Path.of(tmp), Path.of(tmp.substring(0, tmp.length() - 4)));
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        } finally {
            pool.shutdownNow();
        }
    }

    private static void run(List<String> cmd, Path dir) throws IOException {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new IOException("kernel lab build failed: " + String.join(" ", cmd) + "\n" + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static String hash(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
