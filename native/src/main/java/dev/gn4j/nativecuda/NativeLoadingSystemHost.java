package dev.gn4j.nativecuda;

import dev.gn4j.nativelib.ElfFile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** The real machine: environment, file system, {@code ldconfig -p}, and ELF headers read by {@link ElfFile}. */
public final class NativeLoadingSystemHost implements NativeLoadingHost {
    public static final NativeLoadingSystemHost INSTANCE = new NativeLoadingSystemHost();

    private NativeLoadingSystemHost() {
    }

    @Override
    public String env(String name) {
        return System.getenv(name);
    }

    @Override
    public String property(String name) {
        return System.getProperty(name);
    }

    @Override
    public boolean isFile(Path file) {
        return Files.isRegularFile(file);
    }

    @Override
    public List<Path> subdirectories(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).sorted().toList();
        } catch (IOException | SecurityException e) {
            return List.of();
        }
    }

    @Override
    public String ldconfigCache() {
        // ldconfig lives in /sbin on most distributions, which is not on an ordinary user's PATH.
        for (String exe : List.of("/sbin/ldconfig", "/usr/sbin/ldconfig", "ldconfig")) {
            if (exe.startsWith("/") && !Files.isExecutable(Path.of(exe))) {
                continue;
            }
            try {
                Process p = new ProcessBuilder(exe, "-p").redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return out;
                }
                p.destroyForcibly();
            } catch (IOException e) {
                // try the next one
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "";
            }
        }
        return "";
    }

    @Override
    public List<String> neededLibraries(Path library) {
        try {
            return ElfFile.read(library).needed();
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }
}
