package dev.gn4j.nativecuda;

import java.util.List;

/**
 * What the CUDA library search decided.
 *
 * @param kind         which case applies
 * @param load         libraries to System.load, dependencies first (empty unless preloading is needed)
 * @param leftToLinker CUDA-family DT_NEEDED entries of those libraries that the search did not find, left to
 *                     the dynamic linker (listed so a failing load can be explained)
 * @param searched     every location in search order
 * @param reason       one sentence for {@code gn4j info}: what was found where, or why nothing was
 */
public record CudaLibraryPlan(Kind kind, List<CudaLibraryFile> load, List<String> leftToLinker,
                              List<CudaLibraryLocation> searched, String reason) {
    public CudaLibraryPlan {
        load = List.copyOf(load);
        leftToLinker = List.copyOf(leftToLinker);
        searched = List.copyOf(searched);
    }

    public enum Kind {
        /** Not Linux x86-64: JCuda's linux natives and the shims do not apply. */
        NOT_APPLICABLE,
        /** libcublas.so.12 is on the dynamic linker's path: JCuda loads as built, nothing to do. */
        CUDA12_SYSTEM,
        /** CUDA 12 libraries found off the linker's path: System.load them so JCuda's DT_NEEDED resolve. */
        CUDA12_PRELOAD,
        /** Only CUDA 13: System.load its libraries, then the shims that impersonate the CUDA 12 sonames. */
        CUDA13_SHIMS,
        /** No usable cuBLAS/cuSOLVER: the reason says where the search looked. */
        NOT_FOUND
    }
}
