package dev.gn4j.nativecuda;

import java.nio.file.Path;
import java.util.List;

/**
 * What the CUDA library search may ask of the machine. The search itself ({@link CudaLibrarySearch}) is a
 * pure function of these answers, so tests run it over fake folder trees and fake {@code ldconfig -p} output.
 */
public interface NativeLoadingHost {
    /** An environment variable, or null. */
    String env(String name);

    /** A system property, or null. */
    String property(String name);

    /** Whether a regular file (or a link to one) exists there. */
    boolean isFile(Path file);

    /** The sub-directories of a directory, sorted by name; empty when it does not exist. */
    List<Path> subdirectories(Path dir);

    /** The output of {@code ldconfig -p}, or "" when it cannot be run. Called only when the search gets that far. */
    String ldconfigCache();

    /** A shared library's DT_NEEDED entries, or an empty list when it cannot be read. */
    List<String> neededLibraries(Path library);
}
