package dev.gn4j.engine.train;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** metrics.csv: a header, then one row per logged step, flushed as it is written so a crash loses nothing logged. */
final class MetricsLog implements AutoCloseable {
    private final BufferedWriter out;
    private final int columns;

    MetricsLog(Path file, List<String> header) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        columns = header.size();
        out.write(String.join(",", header));
        out.newLine();
        out.flush();
    }

    void row(Object... values) throws IOException {
        if (values.length != columns) {
            throw new IllegalArgumentException("metrics row has " + values.length + " values for " + columns + " columns");
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            Object v = values[i];
            if (v instanceof Double d) {
                if (!d.isNaN()) {
                    sb.append(d); // shortest text that reads back to the same double
                }
            } else {
                sb.append(v);
            }
        }
        out.write(sb.toString());
        out.newLine();
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
