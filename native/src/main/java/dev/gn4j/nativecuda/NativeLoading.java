package dev.gn4j.nativecuda;

import dev.gn4j.nativelib.ShimContract;
import dev.gn4j.nativelib.ShimIndex;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Makes JCuda 12.6's cuBLAS and cuSOLVER natives loadable on CUDA 12 and CUDA 13 hosts. The CUDA backend
 * calls {@link #prepare()} before any JCublas2 or JCusolver class initializes; {@code gn4j info} prints
 * {@link #report()}.
 *
 * <p>On a CUDA 13 host it System.loads the CUDA 13 libraries by path (dependencies first), then the shims
 * packaged in gn4j-native, whose sonames are the CUDA 12 ones. When JCuda later loads libJCublas2, the
 * dynamic linker finds a loaded object with soname libcublas.so.12 and the version node it requires, and
 * binds to the shim's trampolines; the shim's constructor has already dlopened libcublas.so.13 by soname,
 * which returns the object loaded here. Nothing throws for "not found": the report carries the reason.
 */
public final class NativeLoading {
    private static NativeLoadingReport last;

    private NativeLoading() {
    }

    /** Runs the search and loads what it found, once per class loader; later calls return the first report. */
    public static synchronized NativeLoadingReport prepare() {
        if (last == null) {
            ClassLoader cl = NativeLoading.class.getClassLoader();
            last = prepare(NativeLoadingSystemHost.INSTANCE, p -> System.load(p.toString()), cl::getResourceAsStream);
        }
        return last;
    }

    /** The lines of the last {@link #prepare()}, or one line saying it has not run. */
    public static synchronized List<String> report() {
        return last == null ? List.of("CUDA libraries: not searched yet (the CUDA backend has not been started)")
                : last.lines();
    }

    /**
     * The testable core: search with {@code host}, load with {@code systemLoad}, read shim resources with
     * {@code resources} (null for a missing one).
     */
    static NativeLoadingReport prepare(NativeLoadingHost host, Consumer<Path> systemLoad,
                                       Function<String, InputStream> resources) {
        if (!ShimContract.isLinuxX8664()) {
            return new NativeLoadingReport(CudaLibraryPlan.Kind.NOT_APPLICABLE, false,
                    List.of("CUDA libraries: not searched: JCuda's natives here are for Linux x86-64 and this is "
                            + System.getProperty("os.name") + " " + System.getProperty("os.arch")));
        }
        CudaLibraryPlan plan = CudaLibrarySearch.plan(host);
        List<String> lines = new ArrayList<>();
        lines.add("CUDA libraries: " + plan.reason());
        switch (plan.kind()) {
            case CUDA12_SYSTEM:
                return new NativeLoadingReport(plan.kind(), true, lines);
            case NOT_FOUND:
            case NOT_APPLICABLE:
                return new NativeLoadingReport(plan.kind(), false, lines);
            default:
                break;
        }
        for (CudaLibraryFile f : plan.load()) {
            try {
                systemLoad.accept(f.path());
                lines.add("  loaded " + f.path() + " (" + f.via() + ")");
            } catch (UnsatisfiedLinkError | SecurityException e) {
                lines.add("  could not load " + f.path() + ": " + e.getMessage());
                return failed(plan, lines);
            }
        }
        if (!plan.leftToLinker().isEmpty()) {
            lines.add("  left to the dynamic linker: " + String.join(", ", plan.leftToLinker()));
        }
        if (plan.kind() == CudaLibraryPlan.Kind.CUDA13_SHIMS && !loadShims(plan, systemLoad, resources, lines)) {
            return failed(plan, lines);
        }
        return new NativeLoadingReport(plan.kind(), true, lines);
    }

    private static boolean loadShims(CudaLibraryPlan plan, Consumer<Path> systemLoad,
                                     Function<String, InputStream> resources, List<String> lines) {
        ShimIndex index;
        try (InputStream in = resources.apply(ShimIndex.RESOURCE_DIR + ShimIndex.FILE_NAME)) {
            if (in == null) {
                lines.add("  this gn4j build has no CUDA 13 shims (gcc was not available when gn4j-native was built);"
                        + " install CUDA 12's cuBLAS/cuSOLVER, or rebuild gn4j with gcc present");
                return false;
            }
            index = ShimIndex.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            lines.add("  could not read the shim index: " + e.getMessage());
            return false;
        }
        Set<String> loaded = plan.load().stream().map(CudaLibraryFile::soname).collect(Collectors.toSet());
        Path dir = null;
        try {
            dir = Files.createTempDirectory("gn4j-shims-");
            for (ShimIndex.Entry e : index.entries()) {
                Path file = dir.resolve(e.soname());
                try (InputStream in = resources.apply(ShimIndex.RESOURCE_DIR + e.soname())) {
                    if (in == null) {
                        lines.add("  shim " + e.soname() + " is listed but missing from the jar");
                        return false;
                    }
                    Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
                }
                try {
                    systemLoad.accept(file);
                } catch (UnsatisfiedLinkError ex) {
                    lines.add("  could not load shim " + e.soname() + ": " + ex.getMessage());
                    return false;
                }
                lines.add("  shim " + e.soname() + " -> " + e.target() + " (" + e.symbols() + " symbols)"
                        + (loaded.contains(e.target()) ? "" : "; " + e.target() + " not found, so its functions return NOT_SUPPORTED"));
            }
            return true;
        } catch (IOException e) {
            lines.add("  could not extract the shims: " + e.getMessage());
            return false;
        } finally {
            deleteQuietly(dir);
        }
    }

    /** A loaded library stays mapped after its file is deleted, so nothing is left in the temp folder. */
    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
        } catch (IOException | UncheckedIOException e) {
            dir.toFile().deleteOnExit();
        }
    }

    private static NativeLoadingReport failed(CudaLibraryPlan plan, List<String> lines) {
        return new NativeLoadingReport(plan.kind(), false, lines);
    }
}
