package dev.gn4j.engine.train;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The commit gn4j was built from, if the build recorded it (for run provenance). */
final class GitCommit {
    private GitCommit() {
    }

    static String describe() {
        try (InputStream in = GitCommit.class.getResourceAsStream("/dev/gn4j/build.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("git.commit.id.full", "unknown") + (Boolean.parseBoolean(p.getProperty("git.dirty")) ? " (modified)" : "");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
