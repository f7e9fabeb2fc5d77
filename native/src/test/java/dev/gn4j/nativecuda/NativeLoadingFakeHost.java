package dev.gn4j.nativecuda;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** A machine made of a set of file paths, environment variables and an ldconfig text: for the search tests. */
final class NativeLoadingFakeHost implements NativeLoadingHost {
    private final Set<Path> files = new TreeSet<>();
    private final Map<String, String> env = new HashMap<>();
    private final Map<String, String> properties = new HashMap<>();
    private final Map<Path, List<String>> needed = new HashMap<>();
    private String ldconfig = "";
    int ldconfigCalls;

    NativeLoadingFakeHost file(String... paths) {
        for (String p : paths) {
            files.add(Path.of(p));
        }
        return this;
    }

    /** A library file and its DT_NEEDED entries. */
    NativeLoadingFakeHost library(String path, String... dependencies) {
        files.add(Path.of(path));
        needed.put(Path.of(path), List.of(dependencies));
        return this;
    }

    NativeLoadingFakeHost env(String name, String value) {
        env.put(name, value);
        return this;
    }

    NativeLoadingFakeHost property(String name, String value) {
        properties.put(name, value);
        return this;
    }

    /** ldconfig -p lines for these files (x86-64). */
    NativeLoadingFakeHost ldconfig(String... paths) {
        StringBuilder s = new StringBuilder(paths.length + " libs found in cache `/etc/ld.so.cache'\n");
        for (String p : paths) {
            s.append('\t').append(Path.of(p).getFileName()).append(" (libc6,x86-64) => ").append(p).append('\n');
            files.add(Path.of(p));
        }
        ldconfig = s.toString();
        return this;
    }

    NativeLoadingFakeHost ldconfigText(String text) {
        ldconfig = text;
        return this;
    }

    @Override
    public String env(String name) {
        return env.get(name);
    }

    @Override
    public String property(String name) {
        return properties.get(name);
    }

    @Override
    public boolean isFile(Path file) {
        return files.contains(file);
    }

    @Override
    public List<Path> subdirectories(Path dir) {
        Set<Path> out = new TreeSet<>();
        for (Path f : files) {
            for (Path p = f.getParent(); p != null; p = p.getParent()) {
                if (dir.equals(p.getParent())) {
                    out.add(p);
                }
            }
        }
        return new ArrayList<>(out);
    }

    @Override
    public String ldconfigCache() {
        ldconfigCalls++;
        return ldconfig;
    }

    @Override
    public List<String> neededLibraries(Path library) {
        return needed.getOrDefault(library, List.of());
    }
}
