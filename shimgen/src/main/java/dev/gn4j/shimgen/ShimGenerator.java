package dev.gn4j.shimgen;

import dev.gn4j.nativelib.ElfFile;
import dev.gn4j.nativelib.ShimIndex;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Build step of gn4j-native (Maven profile {@code cuda13-shims}, phase process-classes): reads the JCuda
 * natives on the class path, writes each shim's sources, and builds them with gcc into the resource folder
 * {@value ShimIndex#RESOURCE_DIR} with the index {@value ShimIndex#FILE_NAME}. gn4j-native names this module
 * only as the exec plugin's dependency, so none of it reaches gn4j-native's jar or a user's class path.
 *
 * <pre>ShimGenerator --out DIR --sources DIR [--classpath PATH]</pre>
 *
 * Without JCuda natives on the class path, without gcc, or off Linux x86-64 it says so and exits 0, leaving
 * no index: the jar then runs on CUDA 12 hosts only, and the loader reports that.
 */
public final class ShimGenerator {
    private ShimGenerator() {
    }

    public static void main(String[] args) throws IOException {
        Path out = null;
        Path sources = null;
        String classPath = System.getProperty("java.class.path");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out" -> out = Path.of(args[++i]);
                case "--sources" -> sources = Path.of(args[++i]);
                case "--classpath" -> classPath = args[++i];
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + "; usage: ShimGenerator --out DIR --sources DIR [--classpath PATH]");
            }
        }
        if (out == null || sources == null) {
            throw new IllegalArgumentException("usage: ShimGenerator --out DIR --sources DIR [--classpath PATH]");
        }
        generate(JcudaNatives.entries(classPath), out, sources, ShimCompiler.find(), System.out);
    }

    /** Returns the index written, or empty when nothing was built (the reason is printed). */
    public static Optional<ShimIndex> generate(List<Path> classPath, Path out, Path sourceDir,
                                               Optional<ShimCompiler> compiler, PrintStream log) throws IOException {
        Map<String, ElfFile> natives = JcudaNatives.find(classPath);
        if (natives.isEmpty()) {
            log.println("gn4j shims: no JCuda natives (lib/libJCublas2-*, libJCublas-*, libJCusolver-*) on the class path;"
                    + " CUDA 13 shims not built");
            return Optional.empty();
        }
        List<ShimSpec> specs = SymbolImports.shimSpecs(natives.values());
        List<ShimSources> all = new ArrayList<>();
        for (ShimSpec spec : specs) {
            ShimSources src = ShimEmitter.emit(spec);
            src.writeTo(sourceDir);
            all.add(src);
            log.println("gn4j shims: " + spec.soname() + " -> " + spec.target().newSoname() + ": "
                    + spec.symbols().size() + " symbols from " + String.join(", ", spec.imports().importers()));
        }
        if (compiler.isEmpty()) {
            log.println("gn4j shims: no C compiler (gcc, or $CC) on Linux x86-64; sources are in " + sourceDir
                    + " but the CUDA 13 shims were not built: this jar will need CUDA 12 libraries");
            return Optional.empty();
        }
        List<ShimIndex.Entry> entries = specs.stream()
                .map(s -> new ShimIndex.Entry(s.soname(), s.target().newSoname(), s.symbols().size())).toList();
        ShimIndex index = new ShimIndex(hash(all), entries);
        Path indexFile = out.resolve(ShimIndex.FILE_NAME);
        if (upToDate(indexFile, index, out)) {
            log.println("gn4j shims: up to date in " + out);
            return Optional.of(index);
        }
        Files.createDirectories(out);
        deleteStale(out, entries);
        for (ShimSources src : all) {
            Path so = compiler.get().build(src, sourceDir, out);
            log.println("gn4j shims: built " + so + " (" + Files.size(so) + " bytes)");
        }
        Files.writeString(indexFile, index.format(), StandardCharsets.UTF_8);
        return Optional.of(index);
    }

    private static boolean upToDate(Path indexFile, ShimIndex index, Path out) throws IOException {
        if (!Files.isRegularFile(indexFile)) {
            return false;
        }
        ShimIndex old = ShimIndex.parse(Files.readString(indexFile, StandardCharsets.UTF_8));
        return old.equals(index) && index.entries().stream().allMatch(e -> Files.isRegularFile(out.resolve(e.soname())));
    }

    private static void deleteStale(Path out, List<ShimIndex.Entry> keep) throws IOException {
        try (Stream<Path> files = Files.list(out)) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                boolean shimFile = name.startsWith("lib") && name.contains(".so.");
                if (name.equals(ShimIndex.FILE_NAME)
                        || shimFile && keep.stream().noneMatch(e -> e.soname().equals(name))) {
                    Files.delete(f);
                }
            }
        }
    }

    private static String hash(List<ShimSources> all) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(ShimCompiler.recipe().getBytes(StandardCharsets.UTF_8));
            for (ShimSources s : all) {
                for (String part : List.of(s.soname(), s.assembly(), s.versionScript(), s.constructor())) {
                    d.update(part.getBytes(StandardCharsets.UTF_8));
                    d.update((byte) 0);
                }
            }
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
