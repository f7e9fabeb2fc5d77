package dev.gn4j.shimgen;

import dev.gn4j.nativelib.ElfFile;
import dev.gn4j.nativelib.ElfFormatException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Finds the JCuda native libraries whose CUDA imports need shims, inside the natives jars (or unpacked
 * directories) of a class path: {@code lib/libJCublas2-*-linux-x86_64.so}, {@code lib/libJCublas-*} and
 * {@code lib/libJCusolver-*} (which also imports libcusolverMg).
 *
 * <p>The driver and runtime natives (libJCudaDriver, libJCudaRuntime) are left out on purpose: they link
 * libcuda.so.1, which the 580+ driver still provides, and a static CUDA runtime.
 */
public final class JcudaNatives {
    /** The natives that import versioned cuBLAS/cuSOLVER symbols. */
    public static final Pattern SHIMMED = Pattern.compile("lib/libJ(Cublas2|Cublas|Cusolver)-[^/]+-linux-x86_64\\.so");

    private JcudaNatives() {
    }

    /** The class path entries of {@code classPath} (as in java.class.path). */
    public static List<Path> entries(String classPath) {
        List<Path> out = new ArrayList<>();
        for (String e : classPath.split(File.pathSeparator)) {
            if (!e.isBlank()) {
                out.add(Path.of(e));
            }
        }
        return out;
    }

    /** Entry name (e.g. {@code lib/libJCublas2-12.6.0-linux-x86_64.so}) to its parsed ELF, sorted by name. */
    public static Map<String, ElfFile> find(List<Path> classPath) throws IOException {
        Map<String, ElfFile> found = new TreeMap<>();
        for (Path entry : classPath) {
            if (Files.isDirectory(entry)) {
                Path lib = entry.resolve("lib");
                if (Files.isDirectory(lib)) {
                    try (Stream<Path> files = Files.list(lib)) {
                        for (Path f : files.sorted().toList()) {
                            String name = "lib/" + f.getFileName();
                            if (SHIMMED.matcher(name).matches()) {
                                found.putIfAbsent(name, ElfFile.read(f));
                            }
                        }
                    }
                }
            } else if (Files.isRegularFile(entry) && entry.toString().endsWith(".jar")) {
                try (ZipFile zip = new ZipFile(entry.toFile())) {
                    for (ZipEntry z : zip.stream().toList()) {
                        if (SHIMMED.matcher(z.getName()).matches() && !found.containsKey(z.getName())) {
                            try (var in = zip.getInputStream(z)) {
                                found.put(z.getName(), ElfFile.parse(in.readAllBytes()));
                            } catch (ElfFormatException e) {
                                throw new ElfFormatException(entry + "!" + z.getName() + ": " + e.getMessage());
                            }
                        }
                    }
                }
            }
        }
        return found;
    }
}
