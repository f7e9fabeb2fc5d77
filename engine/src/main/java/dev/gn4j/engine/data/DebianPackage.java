package dev.gn4j.engine.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A Debian package, downloaded with {@code apt-get download NAME} (no root needed,
 * nothing installed) and unpacked with {@code dpkg-deb -x}. {@code folder} is where
 * the dataset files lie in the package, e.g. "usr/share/datasets/fashion-mnist/".
 */
public record DebianPackage(String name, String folder) implements PackageSource {

    @Override
    public String describe() {
        return "the Debian package " + name;
    }

    @Override
    public List<String> downloadCommand() {
        return List.of("apt-get", "download", name);
    }

    @Override
    public String pathInPackage(String fileName) {
        return folder + fileName;
    }

    @Override
    public void unpack(Path downloadDir, List<String> fileNames, Path into, CommandRunner runner) throws IOException {
        Path deb = debFile(downloadDir);
        Path tree = downloadDir.resolve("unpacked");
        Files.createDirectories(tree);
        CommandRunner.Result r = runner.run(List.of("dpkg-deb", "-x", deb.toString(), tree.toString()), downloadDir);
        if (r.exitCode() != 0) {
            throw new IOException("dpkg-deb -x " + deb.getFileName() + " exited with status " + r.exitCode() + ": "
                    + r.lastLine());
        }
        Files.createDirectories(into);
        List<String> missing = new ArrayList<>();
        for (String f : fileNames) {
            Path p = tree.resolve(pathInPackage(f));
            if (Files.isRegularFile(p)) {
                Files.move(p, into.resolve(f), StandardCopyOption.REPLACE_EXISTING);
            } else {
                missing.add(pathInPackage(f));
            }
        }
        if (!missing.isEmpty()) {
            throw new DataException(describe() + " (" + deb.getFileName() + ") does not contain " + String.join(", ", missing));
        }
    }

    @Override
    public String byHand(List<String> fileNames, Path folder) {
        return "run `apt-get download " + name + "` and `dpkg-deb -x " + name + "_*.deb pkg`, then copy "
                + String.join(", ", fileNames.stream().map(f -> "pkg/" + pathInPackage(f)).toList()) + " into " + folder;
    }

    private Path debFile(Path dir) throws IOException {
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, name + "_*.deb")) {
            s.forEach(found::add);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        if (found.size() != 1) {
            throw new DataException("apt-get download " + name + " left " + found.size() + " .deb files in " + dir
                    + ", expected one");
        }
        return found.get(0);
    }
}
