package dev.gn4j.engine.train;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/** metrics.csv: a header, then one row per logged step, flushed as it is written so a crash loses nothing logged. */
final class MetricsLog implements AutoCloseable {
    private final BufferedWriter out;
    private final int columns;

    private final Path file;

    private MetricsLog(BufferedWriter out, int columns, Path file) {
        this.out = out;
        this.columns = columns;
        this.file = file;
    }

    static MetricsLog create(Path file, List<String> header) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        MetricsLog log = new MetricsLog(w, header.size(), file);
        w.write(String.join(",", header));
        w.newLine();
        w.flush();
        return log;
    }

    /**
     * Reopens a run's metrics.csv to continue after {@code step}: rows logged after
     * the checkpoint (work a crash threw away) are dropped, so the file reads as if
     * the run had never stopped.
     */
    static MetricsLog resume(Path file, List<String> header, long step) throws IOException {
        if (!Files.exists(file)) {
            return create(file, header);
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).equals(String.join(",", header))) {
            throw new IllegalArgumentException("cannot resume: " + file + " has other columns than this run would write "
                    + "(was it started with other options?)");
        }
        List<String> kept = new ArrayList<>();
        kept.add(lines.get(0));
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            int comma = line.indexOf(',');
            long rowStep;
            try {
                rowStep = comma > 0 ? Long.parseLong(line.substring(0, comma)) : -1;
            } catch (NumberFormatException e) {
                throw new dev.gn4j.engine.data.DataException("cannot resume: " + file + " line " + (i + 1) + " starts with '"
                        + line.substring(0, comma) + "', not a step number; the run's metrics.csv was edited or damaged "
                        + "(restore it, or delete that line)");
            }
            if (rowStep >= 0 && rowStep <= step) {
                kept.add(line);
            }
        }
        dev.gn4j.engine.io.AtomicFiles.writeString(file, String.join("\n", kept) + "\n");
        BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        return new MetricsLog(w, header.size(), file);
    }

    void row(List<Object> values) throws IOException {
        if (values.size() != columns) {
            throw new IllegalArgumentException("metrics row has " + values.size() + " values for " + columns + " columns");
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            Object v = values.get(i);
            if (v instanceof Double d) {
                if (!d.isNaN()) {
                    sb.append(d); // shortest text that reads back to the same double
                }
            } else {
                sb.append(v);
            }
        }
        try {
            out.write(sb.toString());
            out.newLine();
            out.flush();
        } catch (IOException e) {
            throw new IOException("cannot write '" + file + "': " + dev.gn4j.engine.io.AtomicFiles.reason(e), e);
        }
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
