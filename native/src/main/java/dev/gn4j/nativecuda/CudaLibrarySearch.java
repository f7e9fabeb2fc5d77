package dev.gn4j.nativecuda;

import dev.gn4j.nativelib.ShimContract;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Decides where gn4j's cuBLAS and cuSOLVER come from, as a pure function of a {@link NativeLoadingHost}.
 *
 * <p>Search order, first hit wins: the explicit directory ({@code -Dgn4j.cuda.lib.dir}, then
 * {@code $GN4J_CUDA_LIB_DIR}; each may be a ':'-list and may name a toolkit root, whose lib64/, lib/ and
 * targets/x86_64-linux/lib/ are searched too), the {@code LD_LIBRARY_PATH} entries, the directories of
 * {@code ldconfig -p}'s x86-64 entries, the system library directories, /usr/local/cuda and
 * /usr/local/cuda-* (newest first), then Python site-packages {@code nvidia/*}{@code /lib} (pip's
 * nvidia-cublas-cu12 layout and the CUDA 13 wheels' {@code nvidia/cu13/lib}).
 *
 * <p>The first location holding libcublas.so.12 or libcublas.so.13 decides (12 if it holds both): 12 on
 * the linker's own path needs nothing, 12 elsewhere is preloaded, 13 is preloaded and shimmed. The other
 * libraries of that generation, and their CUDA-family DT_NEEDED entries, are looked up beside the library
 * that needs them first, then in search order; they are loaded dependencies first.
 */
public final class CudaLibrarySearch {
    public static final String LIB_DIR_ENV = ShimContract.LIB_DIR_ENV;
    public static final String LIB_DIR_PROPERTY = "gn4j.cuda.lib.dir";

    static final String VIA_LD_LIBRARY_PATH = "LD_LIBRARY_PATH";
    static final String VIA_LDCONFIG = "ldconfig -p";
    static final String VIA_SYSTEM = "system default";
    static final String VIA_TOOLKIT = "CUDA toolkit";
    static final String VIA_SITE_PACKAGES = "Python site-packages";

    private static final List<String> CUDA12_REQUIRED = List.of("libcublasLt.so.12", "libcublas.so.12", "libcusolver.so.11");
    private static final List<String> CUDA12_OPTIONAL = List.of("libcusolverMg.so.11");
    private static final List<String> CUDA13_REQUIRED = List.of("libcublasLt.so.13", "libcublas.so.13", "libcusolver.so.12");
    private static final List<String> CUDA13_OPTIONAL = List.of("libcusolverMg.so.12");
    private static final List<String> SYSTEM_DIRS = List.of(
            "/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib64", "/usr/lib64");
    private static final Pattern PYTHON_DIR = Pattern.compile("python3(\\.\\d+)?");
    private static final Pattern CUDA_DIR = Pattern.compile("cuda-(\\d+)(?:\\.(\\d+))?.*");

    private CudaLibrarySearch() {
    }

    public static CudaLibraryPlan plan(NativeLoadingHost host) {
        List<CudaLibraryLocation> locations = locations(host);
        String explicitNote = explicitNote(host, locations);
        for (CudaLibraryLocation loc : locations) {
            if (host.isFile(loc.dir().resolve("libcublas.so.12"))) {
                if (loc.linkerVisible()) {
                    String warning = find(host, locations, "libcusolver.so.11", null)
                            .filter(f -> locationOf(locations, f).map(CudaLibraryLocation::linkerVisible).orElse(false))
                            .isPresent() ? "" : "; libcusolver.so.11 is not on that path, so cuSOLVER will not load";
                    return new CudaLibraryPlan(CudaLibraryPlan.Kind.CUDA12_SYSTEM, List.of(), List.of(), locations,
                            explicitNote + "CUDA 12: libcublas.so.12 is on the dynamic linker's path (" + loc.via() + ": "
                                    + loc.dir() + "); JCuda loads it as built" + warning);
                }
                return preload(host, locations, loc, CudaLibraryPlan.Kind.CUDA12_PRELOAD, CUDA12_REQUIRED, CUDA12_OPTIONAL,
                        explicitNote, "CUDA 12 libraries from " + loc.dir() + " (" + loc.via() + ")",
                        ", off the dynamic linker's path: preloaded by path");
            }
            if (host.isFile(loc.dir().resolve("libcublas.so.13"))) {
                return preload(host, locations, loc, CudaLibraryPlan.Kind.CUDA13_SHIMS, CUDA13_REQUIRED, CUDA13_OPTIONAL,
                        explicitNote, "CUDA 13 libraries from " + loc.dir() + " (" + loc.via() + ")",
                        "; JCuda 12.6 reaches them through gn4j's CUDA 13 shims");
            }
        }
        String places = locations.stream().map(CudaLibraryLocation::via).distinct().collect(Collectors.joining(", "));
        return new CudaLibraryPlan(CudaLibraryPlan.Kind.NOT_FOUND, List.of(), List.of(), locations,
                explicitNote + "no libcublas.so.12 or libcublas.so.13 in " + locations.size() + " directories searched ("
                        + (places.isEmpty() ? "none" : places) + "); install the CUDA libraries or set " + LIB_DIR_ENV
                        + " to the directory that holds them");
    }

    /** Every directory searched, in order, without duplicates. */
    public static List<CudaLibraryLocation> locations(NativeLoadingHost host) {
        Map<Path, CudaLibraryLocation> out = new LinkedHashMap<>();
        explicit(host.property(LIB_DIR_PROPERTY), "-D" + LIB_DIR_PROPERTY, out);
        explicit(host.env(LIB_DIR_ENV), LIB_DIR_ENV, out);
        for (String dir : split(host.env("LD_LIBRARY_PATH"))) {
            add(out, Path.of(dir), VIA_LD_LIBRARY_PATH, true);
        }
        for (Path dir : ldconfigDirectories(host.ldconfigCache())) {
            add(out, dir, VIA_LDCONFIG, true);
        }
        for (String dir : SYSTEM_DIRS) {
            add(out, Path.of(dir), VIA_SYSTEM, true);
        }
        List<Path> toolkits = new ArrayList<>();
        toolkits.add(Path.of("/usr/local/cuda"));
        host.subdirectories(Path.of("/usr/local")).stream()
                .filter(d -> CUDA_DIR.matcher(d.getFileName().toString()).matches())
                .sorted(CudaLibrarySearch::newestFirst)
                .forEach(toolkits::add);
        for (Path root : toolkits) {
            add(out, root.resolve("lib64"), VIA_TOOLKIT, false);
            add(out, root.resolve("targets/x86_64-linux/lib"), VIA_TOOLKIT, false);
        }
        for (Path site : sitePackages(host)) {
            for (Path pkg : host.subdirectories(site.resolve("nvidia"))) {
                add(out, pkg.resolve("lib"), VIA_SITE_PACKAGES, false);
            }
        }
        return List.copyOf(out.values());
    }

    /** The directories of the x86-64 entries of {@code ldconfig -p} output, in order of appearance. */
    public static List<Path> ldconfigDirectories(String ldconfigOutput) {
        Set<Path> dirs = new LinkedHashSet<>();
        if (ldconfigOutput == null) {
            return List.of();
        }
        for (String line : ldconfigOutput.split("\n")) {
            int arrow = line.indexOf("=>");
            if (arrow < 0 || !line.substring(0, arrow).contains("x86-64")) {
                continue;
            }
            Path lib = Path.of(line.substring(arrow + 2).strip());
            if (lib.getParent() != null) {
                dirs.add(lib.getParent());
            }
        }
        return List.copyOf(dirs);
    }

    /** Whether the loader should look for {@code soname} itself rather than leave it to the dynamic linker. */
    static boolean isCudaToolkitLibrary(String soname) {
        // libcuda.so.1 is the driver's and must come from the driver install; libnvidia-* likewise.
        return soname.startsWith("libcu") && !soname.startsWith("libcuda.")
                || soname.startsWith("libnv") && !soname.startsWith("libnvidia");
    }

    private static CudaLibraryPlan preload(NativeLoadingHost host, List<CudaLibraryLocation> locations,
                                           CudaLibraryLocation deciding, CudaLibraryPlan.Kind kind,
                                           List<String> required, List<String> optional, String note, String found,
                                           String how) {
        List<CudaLibraryFile> order = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        List<String> leftToLinker = new ArrayList<>();
        for (String soname : required) {
            Optional<CudaLibraryFile> f = find(host, locations, soname, deciding.dir());
            if (f.isEmpty()) {
                return new CudaLibraryPlan(CudaLibraryPlan.Kind.NOT_FOUND, List.of(), List.of(), locations,
                        note + found + ", but no " + soname + " anywhere in the search path; set " + LIB_DIR_ENV
                                + " to the directory that holds it");
            }
            addWithDependencies(host, locations, f.get(), order, seen, leftToLinker);
        }
        for (String soname : optional) {
            find(host, locations, soname, deciding.dir())
                    .ifPresent(f -> addWithDependencies(host, locations, f, order, seen, leftToLinker));
        }
        return new CudaLibraryPlan(kind, order, leftToLinker, locations, note + found + how);
    }

    private static void addWithDependencies(NativeLoadingHost host, List<CudaLibraryLocation> locations,
                                            CudaLibraryFile lib, List<CudaLibraryFile> order, Set<String> seen,
                                            List<String> leftToLinker) {
        if (!seen.add(lib.soname())) {
            return;
        }
        for (String dep : host.neededLibraries(lib.path())) {
            if (!isCudaToolkitLibrary(dep) || seen.contains(dep)) {
                continue;
            }
            Optional<CudaLibraryFile> found = find(host, locations, dep, lib.path().getParent());
            if (found.isPresent()) {
                addWithDependencies(host, locations, found.get(), order, seen, leftToLinker);
            } else if (!leftToLinker.contains(dep)) {
                leftToLinker.add(dep);
            }
        }
        order.add(lib);
    }

    /** {@code soname} beside {@code preferredDir} if there (sonames repeat across generations), else in search order. */
    private static Optional<CudaLibraryFile> find(NativeLoadingHost host, List<CudaLibraryLocation> locations,
                                                  String soname, Path preferredDir) {
        if (preferredDir != null && host.isFile(preferredDir.resolve(soname))) {
            String via = locations.stream().filter(l -> l.dir().equals(preferredDir)).map(CudaLibraryLocation::via)
                    .findFirst().orElse("beside its dependent");
            return Optional.of(new CudaLibraryFile(soname, preferredDir.resolve(soname), via));
        }
        for (CudaLibraryLocation loc : locations) {
            Path p = loc.dir().resolve(soname);
            if (host.isFile(p)) {
                return Optional.of(new CudaLibraryFile(soname, p, loc.via()));
            }
        }
        return Optional.empty();
    }

    private static Optional<CudaLibraryLocation> locationOf(List<CudaLibraryLocation> locations, CudaLibraryFile f) {
        return locations.stream().filter(l -> l.dir().equals(f.path().getParent())).findFirst();
    }

    private static String explicitNote(NativeLoadingHost host, List<CudaLibraryLocation> locations) {
        List<CudaLibraryLocation> explicit = locations.stream()
                .filter(l -> l.via().equals(LIB_DIR_ENV) || l.via().startsWith("-D")).toList();
        if (explicit.isEmpty()) {
            return "";
        }
        boolean any = explicit.stream().anyMatch(l -> host.isFile(l.dir().resolve("libcublas.so.12"))
                || host.isFile(l.dir().resolve("libcublas.so.13")));
        return any ? "" : explicit.get(0).via() + " names no directory holding libcublas.so.12 or libcublas.so.13; ";
    }

    private static void explicit(String value, String via, Map<Path, CudaLibraryLocation> out) {
        for (String dir : split(value)) {
            Path root = Path.of(dir);
            add(out, root, via, false);
            add(out, root.resolve("lib64"), via, false);
            add(out, root.resolve("lib"), via, false);
            add(out, root.resolve("targets/x86_64-linux/lib"), via, false);
        }
    }

    private static List<Path> sitePackages(NativeLoadingHost host) {
        List<Path> sites = new ArrayList<>();
        for (String entry : split(host.env("PYTHONPATH"))) {
            sites.add(Path.of(entry));
        }
        List<Path> prefixes = new ArrayList<>();
        for (String var : List.of("VIRTUAL_ENV", "CONDA_PREFIX")) {
            String v = host.env(var);
            if (v != null && !v.isBlank()) {
                prefixes.add(Path.of(v));
            }
        }
        String home = host.env("HOME");
        if (home != null && !home.isBlank()) {
            prefixes.add(Path.of(home, ".local"));
        }
        prefixes.addAll(List.of(Path.of("/usr/local"), Path.of("/usr"), Path.of("/opt/conda")));
        for (Path prefix : prefixes) {
            for (Path py : host.subdirectories(prefix.resolve("lib"))) {
                if (PYTHON_DIR.matcher(py.getFileName().toString()).matches()) {
                    sites.add(py.resolve("site-packages"));
                    sites.add(py.resolve("dist-packages"));
                }
            }
        }
        return sites;
    }

    private static List<String> split(String pathList) {
        List<String> out = new ArrayList<>();
        if (pathList != null) {
            for (String s : pathList.split(":")) {
                if (!s.isBlank()) {
                    out.add(s.strip());
                }
            }
        }
        return out;
    }

    private static void add(Map<Path, CudaLibraryLocation> out, Path dir, String via, boolean linkerVisible) {
        out.putIfAbsent(dir.normalize(), new CudaLibraryLocation(dir.normalize(), via, linkerVisible));
    }

    private static int newestFirst(Path a, Path b) {
        return Comparator.<int[]>comparingInt(v -> v[0]).thenComparingInt(v -> v[1])
                .compare(version(b), version(a));
    }

    private static int[] version(Path cudaDir) {
        Matcher m = CUDA_DIR.matcher(cudaDir.getFileName().toString());
        if (!m.matches()) {
            return new int[] {-1, -1};
        }
        return new int[] {Integer.parseInt(m.group(1)), m.group(2) == null ? 0 : Integer.parseInt(m.group(2))};
    }
}
