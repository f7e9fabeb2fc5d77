package dev.gn4j.shimgen;

import java.util.List;

/**
 * The symbols some libraries import from one versioned dependency.
 *
 * @param soname      the dependency as named in .gnu.version_r, e.g. libcublas.so.12
 * @param versionNode the version node the imports are bound to (for CUDA libraries, the soname again)
 * @param symbols     the imported names, sorted, without duplicates
 * @param importers   the sonames of the libraries that import them, sorted
 */
public record ImportedLibrary(String soname, String versionNode, List<String> symbols, List<String> importers) {
    public ImportedLibrary {
        symbols = List.copyOf(symbols);
        importers = List.copyOf(importers);
    }
}
