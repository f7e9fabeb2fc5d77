package dev.gn4j.nativecuda;

import java.nio.file.Path;

/** A CUDA library the search found: its soname, its file, and the location that led there. */
public record CudaLibraryFile(String soname, Path path, String via) {
}
