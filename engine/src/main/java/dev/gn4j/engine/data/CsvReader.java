package dev.gn4j.engine.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Reads a CSV file with a header row. The target columns are named; every other
 * column is a numeric feature. Classification targets are integer labels 0..c−1
 * or strings (mapped in sorted order). Every error names the file, line and column.
 */
public final class CsvReader {
    private CsvReader() {
    }

    public static Dataset read(Path file, List<String> targets, boolean classification) {
        if (!Files.exists(file)) {
            throw new DataException("data file '" + file + "' does not exist");
        }
        if (Files.isDirectory(file)) {
            throw new DataException("data file '" + file + "' is a directory, not a CSV file");
        }
        if (targets.isEmpty()) {
            throw new DataException("--target names no column");
        }
        if (classification && targets.size() != 1) {
            throw new DataException("--loss ce takes one target column holding class labels, got " + targets.size()
                    + ": " + String.join(", ", targets));
        }
        List<String[]> rows = new ArrayList<>();
        List<Integer> lines = new ArrayList<>(); // blank lines are skipped, so row i is not always line i+2
        List<String> header;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line = in.readLine();
            while (line != null && line.isBlank()) {
                line = in.readLine();
            }
            if (line == null) {
                throw new DataException("data file '" + file + "' is empty");
            }
            if (line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            header = List.of(split(line, file, 1));
            for (String h : header) {
                if (h.isBlank()) {
                    throw new DataException(file + " line 1: the header has an empty column name");
                }
            }
            int lineNo = 1;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String[] fields = split(line, file, lineNo);
                if (fields.length != header.size()) {
                    throw new DataException(file + " line " + lineNo + " has " + fields.length + " fields; the header has "
                            + header.size());
                }
                rows.add(fields);
                lines.add(lineNo);
            }
        } catch (IOException e) {
            throw new DataException("cannot read '" + file + "': " + e.getMessage(), e);
        } catch (java.io.UncheckedIOException e) {
            throw new DataException("cannot read '" + file + "' as UTF-8 text: " + e.getMessage(), e);
        }
        return build(file, header, rows, lines, targets, classification);
    }

    private static Dataset build(Path file, List<String> header, List<String[]> rows, List<Integer> lines,
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
        for (int i = 0; i < n; i++) {
            String[] r = rows.get(i);
            for (int j = 0; j < d; j++) {
                int col = featureIdx.get(j);
                x[i * d + j] = number(r[col], file, lines.get(i), col, header.get(col));
            }
        }
        List<String> classNames = null;
        double[] y;
        if (classification) {
            int col = targetIdx[0];
            y = new double[n];
            boolean integers = true;
            for (String[] r : rows) {
                integers &= r[col].trim().matches("\\d+");
            }
            if (integers) {
                int max = 0;
                for (int i = 0; i < n; i++) {
                    y[i] = Integer.parseInt(rows.get(i)[col].trim());
                    max = Math.max(max, (int) y[i]);
                }
                if (max > 100_000) {
                    throw new DataException(file + " column " + (col + 1) + " ('" + header.get(col) + "'): class label "
                            + max + " is too large; labels are 0..c−1");
                }
                classNames = new ArrayList<>();
                for (int k = 0; k <= max; k++) {
                    classNames.add(Integer.toString(k));
                }
            } else {
                TreeSet<String> names = new TreeSet<>();
                for (String[] r : rows) {
                    names.add(r[col].trim());
                }
                classNames = new ArrayList<>(names);
                Map<String, Integer> index = new HashMap<>();
                for (int k = 0; k < classNames.size(); k++) {
                    index.put(classNames.get(k), k);
                }
                for (int i = 0; i < n; i++) {
                    y[i] = index.get(rows.get(i)[col].trim());
                }
            }
            if (classNames.size() < 2) {
                throw new DataException(file + " column '" + header.get(col) + "' holds a single class; ce needs at least two");
            }
        } else {
            int t = targets.size();
            y = new double[n * t];
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < t; k++) {
                    int col = targetIdx[k];
                    y[i * t + k] = number(rows.get(i)[col], file, lines.get(i), col, header.get(col));
                }
            }
        }
        return new Dataset(file.toString(), n, List.copyOf(featureNames), x, targets.stream().map(String::trim).toList(), y,
                classNames == null ? null : List.copyOf(classNames));
    }

    private static double number(String field, Path file, int line, int col, String name) {
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
    static String[] split(String line, Path file, int lineNo) {
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
