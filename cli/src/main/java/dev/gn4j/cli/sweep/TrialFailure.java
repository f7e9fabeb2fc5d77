package dev.gn4j.cli.sweep;

import dev.gn4j.engine.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A failed attempt at a trial, as recorded in its error.txt: a few "key: value" lines
 * (exit code, whether it was a resume, the device, the command) and then the end of its
 * stderr, for a person to read.
 *
 * @param message the line that says what went wrong: the last "gn4j: ..." line of stderr, else its last line
 */
public record TrialFailure(int exitCode, boolean resumed, String device, String command, String message) {
    static final int TAIL_LINES = 20;

    /** From the worker's stderr: the error line gn4j printed, or the last thing printed at all. */
    /** The worker's own error sentence, or, for a worker killed by a signal, which one (its last log line says nothing). */
    static String messageOf(int exitCode, List<String> stderrTail) {
        String own = messageOf(stderrTail);
        if (exitCode > 128 && exitCode <= 128 + 64 && (own.isEmpty() || !own.startsWith("gn4j:"))) {
            String name = switch (exitCode - 128) {
                case 9 -> "SIGKILL (often the kernel's out-of-memory killer, or a scheduler's time limit)";
                case 15 -> "SIGTERM";
                case 6 -> "SIGABRT (the JVM crashed; see hs_err_pid*.log)";
                case 11 -> "SIGSEGV (the JVM crashed; see hs_err_pid*.log)";
                default -> "signal " + (exitCode - 128);
            };
            return "the worker was killed by " + name + ", exit " + exitCode;
        }
        return own;
    }

    static String messageOf(List<String> stderrTail) {
        String last = "";
        String gn4j = null;
        for (String line : stderrTail) {
            if (!line.isBlank()) {
                last = line.strip();
                if (last.startsWith("gn4j:")) {
                    gn4j = last;
                }
            }
        }
        return gn4j != null ? gn4j : last;
    }

    void write(Path file, List<String> stderrTail) throws IOException {
        StringBuilder sb = new StringBuilder();
        sb.append("exit code: ").append(exitCode).append('\n');
        sb.append("action: ").append(resumed ? "resume" : "train").append('\n');
        sb.append("device: ").append(device).append('\n');
        sb.append("command: ").append(command).append('\n');
        sb.append("error: ").append(message).append('\n');
        sb.append('\n').append("last ").append(stderrTail.size()).append(" lines of stderr.log:\n");
        stderrTail.forEach(l -> sb.append(l).append('\n'));
        AtomicFiles.writeString(file, sb.toString());
    }

    /** The record in error.txt, or null when there is none. */
    static TrialFailure read(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        int code = -1;
        boolean resumed = false;
        String device = "";
        String command = "";
        String message = "";
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.isEmpty()) {
                    break; // the header ends at the first blank line; the stderr tail follows
                }
                int colon = line.indexOf(": ");
                if (colon < 0) {
                    continue;
                }
                String value = line.substring(colon + 2);
                switch (line.substring(0, colon)) {
                    case "exit code" -> code = parseInt(value);
                    case "action" -> resumed = value.equals("resume");
                    case "device" -> device = value;
                    case "command" -> command = value;
                    case "error" -> message = value;
                    default -> {
                    }
                }
            }
        } catch (IOException e) {
            message = "error.txt cannot be read: " + e.getMessage();
        }
        return new TrialFailure(code, resumed, device, command, message);
    }

    private static int parseInt(String s) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
