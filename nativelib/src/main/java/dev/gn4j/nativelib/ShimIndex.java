package dev.gn4j.nativelib;

import java.util.ArrayList;
import java.util.List;

/**
 * The list of shims packaged in gn4j-native, {@code dev/gn4j/shims/linux-x86_64/shims.list}: one line per
 * shim, {@code <old soname> <new soname> <symbol count>}, in load order, after a {@code # sources} line
 * holding the hash of the generated sources (so an unchanged build skips the compiler).
 *
 * <p>The Java loader reads it rather than guessing file names: a build made without gcc has no index,
 * and the loader can say exactly that. gn4j-shimgen writes it and gn4j-native reads it, so the format
 * lives here, in the one module both depend on.
 */
public record ShimIndex(String sourcesHash, List<Entry> entries) {
    public static final String RESOURCE_DIR = "dev/gn4j/shims/linux-x86_64/";
    public static final String FILE_NAME = "shims.list";

    public ShimIndex {
        entries = List.copyOf(entries);
    }

    /** One packaged shim. */
    public record Entry(String soname, String target, int symbols) {
    }

    public String format() {
        StringBuilder s = new StringBuilder("# sources ").append(sourcesHash).append('\n');
        for (Entry e : entries) {
            s.append(e.soname()).append(' ').append(e.target()).append(' ').append(e.symbols()).append('\n');
        }
        return s.toString();
    }

    public static ShimIndex parse(String text) {
        String hash = "";
        List<Entry> entries = new ArrayList<>();
        for (String line : text.split("\n")) {
            String l = line.strip();
            if (l.startsWith("# sources ")) {
                hash = l.substring("# sources ".length()).strip();
            } else if (!l.isEmpty() && !l.startsWith("#")) {
                String[] f = l.split("\\s+");
                if (f.length != 3) {
                    throw new IllegalArgumentException("bad shim index line: " + l);
                }
                entries.add(new Entry(f[0], f[1], Integer.parseInt(f[2])));
            }
        }
        return new ShimIndex(hash, entries);
    }
}
