package dev.gn4j.shimgen;

import dev.gn4j.nativelib.ShimContract;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Builds a shim's sources into a shared object with the system C compiler.
 *
 * <p>No CUDA headers or libraries are involved: the trampolines need no prototypes, and the constructor
 * only uses dlopen/dlsym. The flags keep the result loadable on old glibc (no stack protector or fortify
 * wrappers that would pull newer symbol versions) and fail the link on anything left undefined.
 */
public final class ShimCompiler {
    /** The compiler flags of every shim. */
    public static final List<String> FLAGS = List.of("-shared", "-fPIC", "-O2", "-Wall",
            "-fno-stack-protector", "-U_FORTIFY_SOURCE", "-s", "-Wl,-z,noexecstack", "-Wl,-z,defs");
    /**
     * libdl.so.2 by file name: on glibc >= 2.34 plain -ldl finds only the empty libdl.a and records no
     * DT_NEEDED, yet hosts with glibc < 2.34 define dlopen@GLIBC_2.2.5 in libdl.so.2 alone. Plain -ldl is
     * the fallback for toolchains without that file.
     */
    private static final List<String> LIBDL = List.of("-Wl,--no-as-needed", "-l:libdl.so.2");
    private static final List<String> LIBDL_FALLBACK = List.of("-Wl,--no-as-needed", "-ldl");

    private final String compiler;

    private ShimCompiler(String compiler) {
        this.compiler = compiler;
    }

    /**
     * The compiler named by $CC, else gcc, when it runs; empty otherwise (or off Linux x86-64, where the
     * assembly does not apply).
     */
    public static Optional<ShimCompiler> find() {
        if (!ShimContract.isLinuxX8664()) {
            return Optional.empty();
        }
        String cc = System.getenv("CC");
        String candidate = cc == null || cc.isBlank() ? "gcc" : cc.trim();
        try {
            Process p = new ProcessBuilder(candidate, "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0) {
                return Optional.of(new ShimCompiler(candidate));
            }
            p.destroyForcibly();
        } catch (IOException e) {
            // not installed
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Optional.empty();
    }

    /** Everything about how a shim is compiled, for the generator's up-to-date hash. */
    public static String recipe() {
        return String.join(" ", FLAGS) + " | " + String.join(" ", LIBDL) + " | " + String.join(" ", LIBDL_FALLBACK);
    }

    public String command() {
        return compiler;
    }

    /** Writes the sources to {@code sourceDir} and links {@code outputDir/<soname>}; returns that file. */
    public Path build(ShimSources sources, Path sourceDir, Path outputDir) throws IOException {
        sources.writeTo(sourceDir);
        Files.createDirectories(outputDir);
        Path output = outputDir.resolve(sources.soname());
        List<String> cmd = new ArrayList<>(List.of(compiler));
        cmd.addAll(FLAGS);
        cmd.addAll(List.of("-Wl,-soname," + sources.soname(),
                "-Wl,--version-script=" + sources.versionScriptFile(sourceDir),
                "-o", output.toString(),
                sources.assemblyFile(sourceDir).toString(), sources.constructorFile(sourceDir).toString()));
        List<String> withLibdl = new ArrayList<>(cmd);
        withLibdl.addAll(LIBDL);
        try {
            run(withLibdl, sourceDir);
        } catch (IOException first) {
            List<String> plain = new ArrayList<>(cmd);
            plain.addAll(LIBDL_FALLBACK);
            try {
                run(plain, sourceDir);
            } catch (IOException second) {
                first.addSuppressed(second);
                throw first;
            }
        }
        return output;
    }

    /** Runs a compiler command line, failing with its output when it does not exit 0. */
    public static String run(List<String> cmd, Path workDir) throws IOException {
        Process p = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IOException("timed out: " + String.join(" ", cmd));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", cmd), e);
        }
        if (p.exitValue() != 0) {
            throw new IOException("exit " + p.exitValue() + ": " + String.join(" ", cmd) + "\n" + out);
        }
        return out;
    }
}
