package dev.gn4j.cli.sweep;

import dev.gn4j.cli.Main;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command that starts gn4j in a fresh JVM: this JVM's own java and class path, so
 * workers run exactly the build the sweep runs (a jar, a bundle, or Maven's test class
 * path alike). Class path entries are made absolute so the command works from any
 * directory, as a Slurm task needs.
 */
final class JavaCommand {
    private JavaCommand() {
    }

    static List<String> gn4j() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> entries = new ArrayList<>();
        for (String e : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!e.isBlank()) {
                entries.add(Path.of(e).toAbsolutePath().normalize().toString());
            }
        }
        return List.of(java, "-cp", String.join(File.pathSeparator, entries), Main.class.getName());
    }

    /** The words as one POSIX shell command line. */
    static String shell(List<String> words) {
        List<String> out = new ArrayList<>();
        for (String w : words) {
            out.add(w.matches("[A-Za-z0-9_./:=@%+,-]+") ? w : "'" + w.replace("'", "'\\''") + "'");
        }
        return String.join(" ", out);
    }

    /** util-linux setsid, to start a worker in its own session; null where there is none (macOS). */
    static Path setsid() {
        List<String> dirs = new ArrayList<>(List.of("/usr/bin", "/bin"));
        String path = System.getenv("PATH");
        if (path != null) {
            dirs.addAll(List.of(path.split(File.pathSeparator)));
        }
        for (String d : dirs) {
            Path p = Path.of(d.isEmpty() ? "." : d, "setsid");
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }
}
