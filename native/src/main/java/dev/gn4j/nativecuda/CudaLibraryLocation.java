package dev.gn4j.nativecuda;

import java.nio.file.Path;

/**
 * A directory the CUDA library search looks in.
 *
 * @param dir           the directory
 * @param via           why it is searched, as shown by {@code gn4j info}: "GN4J_CUDA_LIB_DIR", "LD_LIBRARY_PATH",
 *                      "ldconfig -p", "system default", "CUDA toolkit", "Python site-packages"
 * @param linkerVisible whether the dynamic linker itself searches it, so a library there needs no preloading
 */
public record CudaLibraryLocation(Path dir, String via, boolean linkerVisible) {
}
