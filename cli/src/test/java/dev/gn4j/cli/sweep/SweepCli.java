package dev.gn4j.cli.sweep;

import dev.gn4j.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Runs the CLI in-process with captured stdout and stderr, and writes sweep files for the tests. */
record SweepCli(int code, String out, String err) {
    /** The bundled diabetes data (442 rows), absolute so that sweep files work from any folder. */
    static final Path DIABETES = Path.of("../datasets/diabetes.csv").toAbsolutePath().normalize();

    static synchronized SweepCli run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = Main.run(args);
            return new SweepCli(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    /** Writes text to dir/name and returns the path; {@code DIABETES} in the text becomes the data file's path. */
    static Path file(Path dir, String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text.replace("DIABETES", DIABETES.toString()));
        return f;
    }

    @Override
    public String toString() {
        return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}
