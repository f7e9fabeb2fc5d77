package dev.gn4j.shimgen;

import dev.gn4j.nativelib.ElfFile;
import dev.gn4j.nativelib.ElfSymbol;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Groups the versioned imports of several libraries by the library they come from.
 *
 * <p>Only versioned imports can be attributed: ELF records which library a symbol comes from solely through
 * its version-needed entry. JCuda's natives import every CUDA function with a version (e.g.
 * {@code cublasSgemm_v2@libcublas.so.12}); the unversioned leftovers are weak toolchain hooks
 * ({@code __gmon_start__}, {@code _ITM_*}) that no shim needs.
 */
public final class SymbolImports {
    private SymbolImports() {
    }

    /** Every versioned dependency of {@code libraries}, sorted by soname. */
    public static List<ImportedLibrary> collect(Collection<ElfFile> libraries) {
        Map<String, Set<String>> symbols = new TreeMap<>();
        Map<String, Set<String>> nodes = new TreeMap<>();
        Map<String, Set<String>> importers = new TreeMap<>();
        for (ElfFile library : libraries) {
            String importer = library.soname() == null ? "?" : library.soname();
            for (ElfSymbol s : library.imports()) {
                if (s.versionFile() == null) {
                    continue;
                }
                symbols.computeIfAbsent(s.versionFile(), k -> new TreeSet<>()).add(s.name());
                nodes.computeIfAbsent(s.versionFile(), k -> new TreeSet<>()).add(s.version());
                importers.computeIfAbsent(s.versionFile(), k -> new TreeSet<>()).add(importer);
            }
        }
        List<ImportedLibrary> out = new ArrayList<>();
        for (var e : symbols.entrySet()) {
            Set<String> versionNodes = nodes.get(e.getKey());
            // Several nodes per library (glibc's GLIBC_2.x) would need .symver aliases per node; the CUDA
            // libraries have one, and a shim for the others is never generated, so keep the first for them.
            out.add(new ImportedLibrary(e.getKey(), versionNodes.iterator().next(), new ArrayList<>(e.getValue()),
                    new ArrayList<>(importers.get(e.getKey()))));
            if (versionNodes.size() > 1 && ShimTarget.forOldSoname(e.getKey()).isPresent()) {
                throw new IllegalArgumentException(e.getKey() + " is imported under several version nodes "
                        + versionNodes + "; a shim with one node cannot satisfy them");
            }
        }
        return out;
    }

    /** The imports that a CUDA 13 shim must provide: those from libraries {@link ShimTarget} knows. */
    public static List<ShimSpec> shimSpecs(Collection<ElfFile> libraries) {
        List<ShimSpec> specs = new ArrayList<>();
        for (ImportedLibrary lib : collect(libraries)) {
            ShimTarget.forOldSoname(lib.soname()).ifPresent(target -> specs.add(new ShimSpec(target, lib)));
        }
        return specs;
    }
}
