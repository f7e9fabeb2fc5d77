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
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;

/**
 * Reads a CSV file with a header row. The target columns are named; every other
 * column is a feature: numeric, or strings one-hot encoded ({@link TableEncoding},
 * fitted on the training file and reused for others). Classification targets are
 * integer labels 0..c−1 or strings (mapped in sorted order). The delimiter, missing
 * cells and unseen categories follow {@link CsvOptions}. Every error names the file,
 * line and column. A name ending in .gz (data.csv.gz) is read through gzip.
 */
public final class CsvReader {
    private CsvReader() {
    }

    public static Dataset read(Path file, List<String> targets, boolean classification) {
        return read(file, targets, classification, CsvOptions.DEFAULT);
    }

    public static Dataset read(Path file, List<String> targets, boolean classification, CsvOptions options) {
        checkTargets(targets, classification);
        return parse(file, targets, classification, options);
    }

    /** Every column as a feature, no target: a table to predict on. */
    public static Dataset readFeatures(Path file, CsvOptions options) {
        return parse(file, List.of(), false, options);
    }

    /** The column names of the header row. */
    public static List<String> header(Path file) {
        return header(file, CsvOptions.DEFAULT);
    }

    /** The column names of the header row. */
    public static List<String> header(Path file, CsvOptions options) {
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
            String first = line.startsWith("\uFEFF") ? line.substring(1) : line;
            List<String> header = List.of(split(first, file.toString(), 1, delimiter(first, options)));
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

    private static Dataset parse(Path file, List<String> targets, boolean classification, CsvOptions options) {
        checkFile(file);
        try (InputStream in = open(file)) {
            return parse(file.toString(), in, targets, classification, options);
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
        return parse(source, stream, targets, classification, CsvOptions.DEFAULT);
    }

    private static Dataset parse(String source, InputStream stream, List<String> targets, boolean classification,
                                 CsvOptions options) {
        List<String[]> rows = new ArrayList<>();
        List<Integer> lines = new ArrayList<>(); // blank lines are skipped, so row i is not always line i+2
        List<String> header;
        char delimiter;
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
            delimiter = delimiter(line, options);
            header = List.of(split(line, source, 1, delimiter));
            checkHeader(header, source);
            int lineNo = 1;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String[] fields = split(line, source, lineNo, delimiter);
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
        return build(source, header, rows, lines, targets, classification, options);
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
                                 List<String> targets, boolean classification, CsvOptions options) {
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
        List<Integer> featureCols = new ArrayList<>();
        for (int j = 0; j < header.size(); j++) {
            if (!seen.contains(header.get(j).trim())) {
                featureCols.add(j);
            }
        }
        if (featureCols.isEmpty()) {
            throw new DataException(file + " has no feature columns besides the target");
        }
        int n = rows.size();
        TableEncoding encoding = options.encoding() != null ? options.encoding()
                : fit(file, header, rows, lines, featureCols, options.missing());
        int[] source = new int[encoding.columns().size()];
        for (int c = 0; c < source.length; c++) {
            String name = encoding.columns().get(c).name();
            source[c] = -1;
            for (int j = 0; j < header.size() && source[c] < 0; j++) {
                source[c] = header.get(j).trim().equals(name) ? j : -1;
            }
            if (source[c] < 0 || seen.contains(name)) {
                throw new DataException(file + " has no column '" + name + "', which the model was trained on; its columns are: "
                        + String.join(", ", header));
            }
        }
        List<String> featureNames = encoding.featureNames();
        int d = featureNames.size();
        double[] x = new double[n * d];
        int t = targets.size();
        double[] y = new double[classification ? n : n * t];
        int unseen = 0;
        // Line by line, every column of a line before the next line: the first bad value reported is the first in the file.
        for (int i = 0; i < n; i++) {
            String[] r = rows.get(i);
            int at = 0;
            for (int c = 0; c < source.length; c++) {
                int col = source[c];
                TableEncoding.Column enc = encoding.columns().get(c);
                if (enc instanceof TableEncoding.Categorical k) {
                    String v = r[col].trim();
                    int index = Collections.binarySearch(k.categories(), v);
                    if (index >= 0) {
                        x[i * d + at + index] = 1;
                    } else if (isMissing(v)) {
                        if (!k.missingAsZeros()) {
                            throw new DataException(where(file, lines.get(i), col, header.get(col)) + " is missing; fill or drop "
                                    + "missing values first, or pass --missing mean|median|zero");
                        }
                    } else if (options.unseenAsZeros()) {
                        unseen++;
                    } else {
                        throw new DataException(where(file, lines.get(i), col, header.get(col)) + ": category '" + v
                                + "' was not in the training rows (" + String.join(", ", k.categories())
                                + "); pass --unseen-category zeros to encode it as none of them");
                    }
                    at += k.categories().size();
                } else {
                    double fill = ((TableEncoding.Numeric) enc).fill();
                    x[i * d + at] = !Double.isNaN(fill) && isMissing(r[col].trim()) ? fill : number(r[col], file, lines.get(i), col, header.get(col));
                    at++;
                }
            }
            for (int k = 0; k < t && !classification; k++) {
                int col = targetIdx[k];
                y[i * t + k] = number(r[col], file, lines.get(i), col, header.get(col));
            }
        }
        if (unseen > 0) {
            org.slf4j.LoggerFactory.getLogger(CsvReader.class).warn("{}: {} cells hold a category the training rows did not; "
                    + "encoded as none of the known categories (--unseen-category zeros)", file, unseen);
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
        return new Dataset(file, n, featureNames, x, targets.stream().map(String::trim).toList(), y,
                classNames == null ? null : List.copyOf(classNames), lines.stream().mapToInt(Integer::intValue).toArray(), encoding);
    }

    private static String where(String file, int line, int col, String name) {
        return file + " line " + line + ", column " + (col + 1) + " ('" + name + "')";
    }

    /** Empty, NA, N/A or ?: how tables commonly write a missing value. */
    static boolean isMissing(String cell) {
        return cell.isEmpty() || cell.equalsIgnoreCase("NA") || cell.equalsIgnoreCase("N/A") || cell.equals("?");
    }

    /**
     * The encoding of the training rows: a column is numeric when every present cell is a
     * number, categorical when none is (its distinct strings, sorted); a column that mixes the two
     * is numeric, so its odd cell is an error (a typo in a numeric column must not become a category).
     */
    private static TableEncoding fit(String file, List<String> header, List<String[]> rows, List<Integer> lines,
                                     List<Integer> featureCols, CsvOptions.Missing missing) {
        List<TableEncoding.Column> columns = new ArrayList<>();
        for (int col : featureCols) {
            int numbers = 0;
            int firstText = -1;
            int firstMissing = -1;
            for (int i = 0; i < rows.size(); i++) {
                String v = rows.get(i)[col].trim();
                if (isMissing(v)) {
                    firstMissing = firstMissing < 0 ? i : firstMissing;
                } else if (parses(v)) {
                    numbers++;
                } else if (firstText < 0) {
                    firstText = i;
                }
            }
            String name = header.get(col).trim();
            // A column that mixes numbers and text stays numeric: reading it reports its first odd cell, in line order.
            if (firstText >= 0 && numbers == 0) {
                java.util.TreeSet<String> categories = new java.util.TreeSet<>();
                for (String[] r : rows) {
                    if (!isMissing(r[col].trim())) {
                        categories.add(r[col].trim());
                    }
                }
                columns.add(new TableEncoding.Categorical(name, List.copyOf(categories), missing != CsvOptions.Missing.REFUSE));
            } else if (firstMissing >= 0 && missing != CsvOptions.Missing.REFUSE) {
                columns.add(new TableEncoding.Numeric(name, fillValue(rows, col, missing, file, header)));
            } else {
                columns.add(new TableEncoding.Numeric(name, Double.NaN));
            }
        }
        return new TableEncoding(columns);
    }

    private static boolean parses(String v) {
        try {
            Double.parseDouble(v);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** The mean, median or zero of the column's present values. */
    private static double fillValue(List<String[]> rows, int col, CsvOptions.Missing missing, String file, List<String> header) {
        if (missing == CsvOptions.Missing.ZERO) {
            return 0;
        }
        double[] present = rows.stream().map(r -> r[col].trim()).filter(v -> !isMissing(v)).mapToDouble(Double::parseDouble)
                .filter(Double::isFinite).sorted().toArray();
        if (present.length == 0) {
            throw new DataException(file + ": column '" + header.get(col) + "' has no values to take a " + missing.name().toLowerCase()
                    + " from; drop the column");
        }
        if (missing == CsvOptions.Missing.MEDIAN) {
            int m = present.length / 2;
            return present.length % 2 == 1 ? present[m] : (present[m - 1] + present[m]) / 2;
        }
        double sum = 0;
        for (double v : present) {
            sum += v / present.length;
        }
        return sum;
    }

    private static double number(String field, String file, int line, int col, String name) {
        String s = field.trim();
        String where = where(file, line, col, name);
        if (isMissing(s)) {
            throw new DataException(where + (s.isEmpty() ? " is empty" : " is missing ('" + s + "')")
                    + "; fill or drop missing values first, or pass --missing mean|median|zero");
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

    /** The given delimiter, or the one of comma, tab and semicolon that splits the header into the most fields. */
    static char delimiter(String headerLine, CsvOptions options) {
        if (options.delimiter() != 0) {
            return options.delimiter();
        }
        char best = ',';
        int most = 0;
        for (char c : new char[] {',', '\t', ';'}) {
            int fields = split(headerLine, "header", 1, c).length;
            if (fields > most) {
                most = fields;
                best = c;
            }
        }
        return best;
    }

    /** Splits one line on the delimiter, honouring double quotes ("" inside quotes is a quote). */
    static String[] split(String line, String file, int lineNo, char delimiter) {
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
            } else if (ch == delimiter) {
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
