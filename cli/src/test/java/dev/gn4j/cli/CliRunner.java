package dev.gn4j.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs the CLI in-process and captures its exit code, stdout and stderr. */
record CliRunner(int code, String out, String err) {
    /** Runs a command line that must fail with {@code code}: one "gn4j: " sentence on stderr, no stack trace. */
    static CliRunner fails(int code, String... args) {
        CliRunner r = run(args);
        org.junit.jupiter.api.Assertions.assertEquals(code, r.code(), "exit code; stderr: " + r.err());
        org.junit.jupiter.api.Assertions.assertTrue(r.err().startsWith("gn4j: "), r.err());
        org.junit.jupiter.api.Assertions.assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
        return r;
    }

    static synchronized CliRunner run(String... args) {
        PrintStream oldOut = System.out, oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = Main.run(args);
            return new CliRunner(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }
}
