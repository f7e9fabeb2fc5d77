package dev.gn4j.engine.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;

/**
 * Reads a CSV file with a header row. The target columns are named; every other
 * column is a numeric feature. Classification targets are integer labels 0..c−1
 * or strings (mapped in sorted order). Every error names the file, line and column.
 * A name ending in .gz (data.csv.gz) is read through gzip.
 */
public final class CsvReader {
    private CsvReader() {
    }

    public static Dataset read(Path file, List<String> targets, boolean classification) {
        checkTargets(targets, classification);
        return parse(file, targets, classification);
    }

    /** Every column as a feature, no target: a table to predict on. */
    public static Dataset readFeatures(Path file) {
        return parse(file, List.of(), false);
    }

    /** The column names of the header row. */
    public static List<String> header(Path file) {
        checkFile(file);
        try (InputStream in = open(file);
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()))) {
            String line = r.readLine();
            while (line != null && line.isBlank()) {
                line = r.readLine();
            }
            if (line == null) {
                throw new DataException("data file '" + file + "' is empty");
            }
            List<String> header = List.of(split(line.startsWith("\uFEFF") ? line.substring(1) : line, file.toString(), 1));
            checkHeader(header, file.toString());
            return header;
        } catch (IOException e) {
            throw new DataException("cannot read '" + file + "': " + e.getMessage(), e);
        }
    }

    /**
     * Column names must be present and distinct: every reader (train, eval, predict) finds a
     * column by its name, and a repeated name would be read as its first column everywhere
     * but in training.
     */
    private static void checkHeader(List<String> header, String source) {
        Map<String, Integer> first = new HashMap<>();
        for (int j = 0; j < header.size(); j++) {
            String h = header.get(j).trim();
            if (h.isEmpty()) {
                throw new DataException(source + " line 1: the header has an empty column name (column " + (j + 1) + ")");
            }
            Integer before = first.putIfAbsent(h, j);
            if (before != null) {
                throw new DataException(source + " line 1: the header names column '" + h + "' twice (columns " + (before + 1)
                        + " and " + (j + 1) + "); give every column its own name");
            }
        }
    }

    private static void checkFile(Path file) {
        if (!Files.exists(file)) {
            throw new DataException("data file '" + file + "' does not exist");
        }
        if (Files.isDirectory(file)) {
            throw new DataException("data file '" + file + "' is a directory, not a CSV file");
        }
    }

    private static Dataset parse(Path file, List<String> targets, boolean classification) {
        checkFile(file);
        try (InputStream in = open(file)) {
            return parse(file.toString(), in, targets, classification);
        } catch (IOException e) {
            throw new DataException("cannot read '" + file + "': " + e.getMessage(), e);
        }
    }

    /**
     * Reads CSV text from a stream; {@code source} names it in messages and in the dataset
     * (the built-in datasets are read this way from the jar).
     */
    public static Dataset read(String source, InputStream stream, List<String> targets, boolean classification) {
        checkTargets(targets, classification);
        return parse(source, stream, targets, classification);
    }

    private static Dataset parse(String source, InputStream stream, List<String> targets, boolean classification) {
        List<String[]> rows = new ArrayList<>();
        List<Integer> lines = new ArrayList<>(); // blank lines are skipped, so row i is not always line i+2
        List<String> header;
        // A strict decoder, so bytes that are not UTF-8 are an error rather than silently replaced.
        try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8.newDecoder()))) {
            String line = in.readLine();
            while (line != null && line.isBlank()) {
                line = in.readLine();
            }
            if (line == null) {
                throw new DataException("data file '" + source + "' is empty");
            }
            if (line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            header = List.of(split(line, source, 1));
            checkHeader(header, source);
            int lineNo = 1;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String[] fields = split(line, source, lineNo);
                if (fields.length != header.size()) {
                    throw new DataException(source + " line " + lineNo + " has " + fields.length + " fields; the header has "
                            + header.size());
                }
                rows.add(fields);
                lines.add(lineNo);
            }
        } catch (IOException e) {
            throw new DataException("cannot read '" + source + "': " + e.getMessage(), e);
        } catch (java.io.UncheckedIOException e) {
            throw new DataException("cannot read '" + source + "' as UTF-8 text: " + e.getMessage(), e);
        }
        return build(source, header, rows, lines, targets, classification);
    }

    /** The file's bytes, decompressed when its name ends in .gz. */
    private static InputStream open(Path file) throws IOException {
        InputStream raw = Files.newInputStream(file);
        if (!file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".gz")) {
            return raw;
        }
        try {
            return new GZIPInputStream(raw, 1 << 16);
        } catch (IOException e) {
            raw.close();
            throw new DataException(file + " is named .gz but is not a gzip file: " + e.getMessage(), e);
        }
    }

    private static void checkTargets(List<String> targets, boolean classification) {
        if (targets.isEmpty()) {
            throw new DataException("--target names no column");
        }
        if (classification && targets.size() != 1) {
            throw new DataException("--loss ce takes one target column holding class labels, got " + targets.size()
                    + ": " + String.join(", ", targets));
        }
    }

    private static Dataset build(String file, List<String> header, List<String[]> rows, List<Integer> lines,
                                 List<String> targets, boolean classification) {
        if (rows.isEmpty()) {
            throw new DataException("data file '" + file + "' has a header but no data rows");
        }
        int[] targetIdx = new int[targets.size()];
        LinkedHashSet<String> seen = new LinkedHashSet<>();
        for (int t = 0; t < targets.size(); t++) {
            String name = targets.get(t).trim();
            if (!seen.add(name)) {
                throw new DataException("--target names column '" + name + "' twice");
            }
            targetIdx[t] = header.indexOf(name);
            if (targetIdx[t] < 0) {
                throw new DataException("target column '" + name + "' is not in " + file + "; its columns are: "
                        + String.join(", ", header));
            }
        }
        List<String> featureNames = new ArrayList<>();
        List<Integer> featureIdx = new ArrayList<>();
        for (int j = 0; j < header.size(); j++) {
            if (!seen.contains(header.get(j))) {
                featureNames.add(header.get(j));
                featureIdx.add(j);
            }
        }
        if (featureNames.isEmpty()) {
            throw new DataException(file + " has no feature columns besides the target");
        }
        int n = rows.size(), d = featureNames.size();
        double[] x = new double[n * d];
        int t = targets.size();
        double[] y = new double[classification ? n : n * t];
        // Where each column goes: feature j (j ≥ 0), regression target k (−1 − k), or the class labels (read below).
        int[] slot = new int[header.size()];
        Arrays.fill(slot, Integer.MIN_VALUE);
        for (int j = 0; j < d; j++) {
            slot[featureIdx.get(j)] = j;
        }
        for (int k = 0; k < t && !classification; k++) {
            slot[targetIdx[k]] = -1 - k;
        }
        // Line by line, every column of a line before the next line: the first bad value reported is the first in the file.
        for (int i = 0; i < n; i++) {
            String[] r = rows.get(i);
            for (int col = 0; col < slot.length; col++) {
                if (slot[col] == Integer.MIN_VALUE) {
                    continue;
                }
                double v = number(r[col], file, lines.get(i), col, header.get(col));
                if (slot[col] >= 0) {
                    x[i * d + slot[col]] = v;
                } else {
                    y[i * t - 1 - slot[col]] = v;
                }
            }
        }
        List<String> classNames = null;
        if (classification) {
            int col = targetIdx[0];
            List<String> labels = new ArrayList<>(n);
            for (String[] r : rows) {
                labels.add(r[col].trim());
            }
            ClassLabels mapped = ClassLabels.of(labels,
                    i -> file + " line " + lines.get(i) + ", column " + (col + 1) + " ('" + header.get(col) + "')");
            y = mapped.indices();
            classNames = mapped.names();
        }
        return new Dataset(file, n, List.copyOf(featureNames), x, targets.stream().map(String::trim).toList(), y,
                classNames == null ? null : List.copyOf(classNames), lines.stream().mapToInt(Integer::intValue).toArray());
    }

    private static double number(String field, String file, int line, int col, String name) {
        String s = field.trim();
        String where = file + " line " + line + ", column " + (col + 1) + " ('" + name + "')";
        if (s.isEmpty()) {
            throw new DataException(where + " is empty; fill or drop missing values first");
        }
        double v;
        try {
            v = Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new DataException(where + ": '" + s + "' is not a number");
        }
        if (!Double.isFinite(v)) {
            throw new DataException(where + ": " + s + " is not a finite number");
        }
        return v;
    }

    /** Splits one line on commas, honouring double quotes ("" inside quotes is a quote). */
    static String[] split(String line, String file, int lineNo) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        cur.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cur.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(ch);
            }
        }
        if (quoted) {
            throw new DataException(file + " line " + lineNo + " has an unterminated quoted field");
        }
        out.add(cur.toString());
        return out.toArray(String[]::new);
    }
}
