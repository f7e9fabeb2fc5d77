package dev.gn4j.cli.compare;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * A labelled set of run folders that are one method's repeats (seeds), drawn as one line with a band.
 * Written on the command line as {@code LABEL=PATTERN[,PATTERN...]}: each pattern is a run folder, a glob
 * over run folders ({@code runs/egn-seed*}), or a folder of run folders such as a sweep's output (its
 * trials/ are searched).
 */
public record RunGroup(String label, List<Path> runs) {
    public static final String METRICS = "metrics.csv";

    public RunGroup {
        runs = List.copyOf(runs);
    }

    /** Parses {@code LABEL=PATTERN[,PATTERN...]} and finds its runs relative to base. */
    public static RunGroup parse(String spec, Path base) {
        int eq = spec.indexOf('=');
        if (eq <= 0 || eq == spec.length() - 1) {
            throw new IllegalArgumentException("--group wants LABEL=PATTERN[,PATTERN...], got '" + spec + "'");
        }
        String label = spec.substring(0, eq).strip();
        TreeSet<Path> runs = new TreeSet<>();
        for (String pattern : spec.substring(eq + 1).split(",")) {
            List<Path> found = find(pattern.strip(), base);
            if (found.isEmpty()) {
                throw new IllegalArgumentException("group " + label + ": '" + pattern.strip()
                        + "' matches no run folder (a folder with " + METRICS + ")");
            }
            runs.addAll(found);
        }
        return new RunGroup(label, new ArrayList<>(runs));
    }

    /** One group per run folder, labelled with the folder's name. */
    public static RunGroup single(Path run) {
        if (!isRun(run)) {
            throw new IllegalArgumentException(run + " is not a run folder (no " + METRICS + ")");
        }
        return new RunGroup(run.getFileName().toString(), List.of(run));
    }

    static List<Path> find(String pattern, Path base) {
        if (!hasWildcard(pattern)) {
            Path p = base.resolve(pattern).normalize();
            return isRun(p) ? List.of(p) : runsBelow(p);
        }
        // Walk from the longest wildcard-free prefix, as deep as the pattern has name elements.
        String[] parts = pattern.split("/", -1);
        int fixed = 0;
        while (fixed < parts.length && !hasWildcard(parts[fixed])) {
            fixed++;
        }
        Path root = base.resolve(String.join("/", List.of(parts).subList(0, fixed))).normalize();
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + escapeGlob(root.toString())
                + "/" + String.join("/", List.of(parts).subList(fixed, parts.length)));
        int depth = parts.length - fixed;
        List<Path> out = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root, depth)) {
            walk.filter(p -> matcher.matches(p) && Files.isDirectory(p)).sorted().forEach(p -> {
                if (isRun(p)) {
                    out.add(p);
                } else {
                    out.addAll(runsBelow(p));
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** The run folders directly in dir, or in dir/trials (a sweep's output). */
    private static List<Path> runsBelow(Path dir) {
        Path trials = dir.resolve("trials");
        Path where = Files.isDirectory(trials) ? trials : dir;
        if (!Files.isDirectory(where)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(where)) {
            return s.filter(RunGroup::isRun).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean isRun(Path p) {
        return Files.isRegularFile(p.resolve(METRICS));
    }

    private static boolean hasWildcard(String s) {
        return s.contains("*") || s.contains("?") || s.contains("[") || s.contains("{");
    }

    private static String escapeGlob(String s) {
        return s.replaceAll("([*?\\[\\]{}\\\\])", "\\\\$1");
    }
}
