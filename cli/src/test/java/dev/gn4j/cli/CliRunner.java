package dev.gn4j.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs the CLI in-process and captures its exit code, stdout and stderr. */
record CliRunner(int code, String out, String err) {
    /** gn4j in a child JVM on the test class path (real signals, real exits), its output merged into stdout. */
    static Process child(String... args) throws java.io.IOException {
        return child(java.util.List.of(), args);
    }

    /** As {@link #child(String...)}, with options for the child's JVM (-Xmx64m). */
    static Process child(java.util.List<String> jvmOptions, String... args) throws java.io.IOException {
        java.util.List<String> cmd = new java.util.ArrayList<>();
        cmd.add(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.addAll(java.util.List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(java.util.List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }

    /** Reads the child's output until a line contains {@code marker}; what it printed so far, or a failure saying it. */
    static String waitForLine(Process p, String marker, long seconds) throws java.io.IOException {
        java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(),
                java.nio.charset.StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(seconds);
        StringBuilder seen = new StringBuilder();
        String line;
        while (System.nanoTime() < deadline && (line = in.readLine()) != null) {
            seen.append(line).append('\n');
            if (line.contains(marker)) {
                return seen.toString();
            }
        }
        throw new AssertionError("no '" + marker + "' from the child; it printed:\n" + seen);
    }

    /** Runs a command line that must fail with {@code code}: one "gn4j: " sentence on stderr, no stack trace. */
    static CliRunner fails(int code, String... args) {
        CliRunner r = run(args);
        org.junit.jupiter.api.Assertions.assertEquals(code, r.code(), "exit code; stderr: " + r.err());
        org.junit.jupiter.api.Assertions.assertTrue(r.err().startsWith("gn4j: "), r.err());
        org.junit.jupiter.api.Assertions.assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
        return r;
    }

    static CliRunner run(String... args) {
        return run(Main::commandLine, args);
    }

    /** Runs {@code args} on gn4j's command line with a test's own subcommand added (one that fails in a chosen way). */
    static CliRunner runWith(Object subcommand, String... args) {
        return run(() -> Main.commandLine().addSubcommand(subcommand), args);
    }

    /** The command line is made once the streams are captured: picocli takes System.out and System.err when it is made. */
    private static synchronized CliRunner run(java.util.function.Supplier<picocli.CommandLine> commandLine, String... args) {
        PrintStream oldOut = System.out, oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = Main.execute(commandLine.get(), args);
            return new CliRunner(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }
}
