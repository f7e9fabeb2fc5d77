package dev.gn4j.engine.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs a package client (npm, apt-get, dpkg-deb) as a subprocess. An interface so
 * that tests can stand in for clients and networks they do not have.
 */
@FunctionalInterface
public interface CommandRunner {

    /** The exit status and the (tail of the) combined stdout and stderr. */
    record Result(int exitCode, String output) {
        /** The last non-blank line of the output, which is where clients put their error. */
        public String lastLine() {
            String[] lines = output.strip().split("\\R");
            return lines.length == 0 ? "" : lines[lines.length - 1].strip();
        }
    }

    /**
     * Runs {@code command} in {@code workDir} to completion.
     *
     * @throws IOException when the program cannot be started, e.g. it is not installed
     */
    Result run(List<String> command, Path workDir) throws IOException;
}
