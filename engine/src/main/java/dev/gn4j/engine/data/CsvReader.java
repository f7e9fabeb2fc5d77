package dev.gn4j.engine.data;

import dev.gn4j.engine.memory.HeapBudget;
import dev.gn4j.engine.memory.InsufficientMemory;
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
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;

/**
 * Reads a CSV file with a header row. The target columns are named; every other
 * column is a feature: numeric, or strings one-hot encoded ({@link TableEncoding},
 * fitted on the training file and reused for others). Classification targets are
 * integer labels 0..c−1 or strings (mapped in sorted order). The delimiter, missing
 * cells and unseen categories follow {@link CsvOptions}. Every error names the file,
 * line and column. A name ending in .gz (data.csv.gz) is read through gzip. Records come
 * from {@link CsvRecords} (RFC 4180 quoting) and go straight into {@link CsvCells}.
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
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()));
             CsvRecords records = CsvRecords.open(r, file.toString(), options.delimiter())) {
            String[] head = records.header();
            if (head == null) {
                throw new DataException("data file '" + file + "' is empty");
            }
            List<String> header = List.of(head);
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
            return parse(file.toString(), in, DataFiles.contentSize(file), targets, classification, options);
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
        return parse(source, stream, 0, targets, classification, CsvOptions.DEFAULT);
    }

    /**
     * One streaming pass: each line is split and its cells stored as numbers or codes
     * ({@link CsvCells}) at once, so no line outlives its parse. {@code textSize}, the bytes of
     * text when known (else 0), lets the first block of rows project the table's size and
     * refuse a file the heap cannot hold before it is read.
     */
    private static Dataset parse(String source, InputStream stream, long textSize, List<String> targets, boolean classification,
                                 CsvOptions options) {
        int lineNo = 1;
        int rows = 0;
        // A strict decoder, so bytes that are not UTF-8 are an error rather than silently replaced.
        try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8.newDecoder()), 1 << 16);
             CsvRecords records = CsvRecords.open(in, source, options.delimiter())) {
            String[] head = records.header();
            if (head == null) {
                throw new DataException("data file '" + source + "' is empty");
            }
            List<String> header = List.of(head);
            checkHeader(header, source);
            Layout layout = Layout.of(source, header, targets, classification, options.encoding());
            CsvCells cells = new CsvCells(layout.stored());
            long chars = 0;
            String[] fields;
            while ((fields = records.next()) != null) {
                lineNo = records.line();
                if (fields.length != header.size()) {
                    throw new DataException(source + " line " + lineNo + " has " + fields.length + " fields; the header has "
                            + header.size());
                }
                for (String f : fields) {
                    chars += f.length() + 1;
                }
                cells.add(fields, lineNo);
                rows++;
                if (rows == cells.rowsPerBlock() && textSize > 0) {
                    requireRoom(source, textSize, chars, cells, layout);
                }
            }
            return build(source, header, layout, cells, classification, options);
        } catch (IOException e) {
            throw new DataException("cannot read '" + source + "': " + e.getMessage(), e);
        } catch (java.io.UncheckedIOException e) {
            throw new DataException("cannot read '" + source + "' as UTF-8 text: " + e.getMessage(), e);
        } catch (OutOfMemoryError e) {
            // What the projection did not foresee (a file whose later lines are wider, gzip of unknown size).
            throw new InsufficientMemory(String.format(Locale.ROOT, "reading %s ran out of Java heap at line %,d (%,d rows read): "
                    + "use a smaller file, or %s", source, lineNo, rows, HeapBudget.MORE_HEAP), e);
        }
    }

    /**
     * The table's size projected from its first rows: the rows the rest of the text holds at
     * their width, stored (8 bytes a cell) and then laid out as features (8 bytes more each).
     */
    private static void requireRoom(String source, long textSize, long chars, CsvCells cells, Layout layout) {
        long projectedRows = (long) Math.ceil((double) textSize * cells.rows() / Math.max(1, chars));
        long perRow = CsvCells.bytesPerRow(cells.columnCount()) + 8L * cells.columnCount();
        HeapBudget.require(HeapBudget.saturatingProduct(projectedRows, perRow), String.format(Locale.ROOT,
                "reading %s (%s of text, about %,d rows of %d columns)", source, HeapBudget.size(textSize), projectedRows,
                layout.stored().size()), "use a smaller file");
    }

    /** The file's bytes, decompressed when its name ends in .gz. */
    private static InputStream open(Path file) throws IOException {
        InputStream raw = Files.newInputStream(file);
        if (!file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz")) {
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

    /**
     * Which header columns are read, and how: the targets, and the features (every other
     * column, or a given encoding's columns). Known from the header alone, so a misnamed
     * target is refused before the rows are read.
     *
     * @param targetColumns   the stored index of each target
     * @param featureColumns  the stored index of each feature column, in header order (or the encoding's)
     */
    private record Layout(List<CsvCells.Column> stored, int[] targetColumns, int[] featureColumns) {

        static Layout of(String file, List<String> header, List<String> targets, boolean classification,
                         TableEncoding encoding) {
            List<CsvCells.Column> stored = new ArrayList<>();
            LinkedHashSet<String> seen = new LinkedHashSet<>();
            int[] targetHeader = new int[targets.size()];
            for (int t = 0; t < targets.size(); t++) {
                String name = targets.get(t).trim();
                if (!seen.add(name)) {
                    throw new DataException("--target names column '" + name + "' twice");
                }
                targetHeader[t] = header.indexOf(name);
                if (targetHeader[t] < 0) {
                    throw new DataException("target column '" + name + "' is not in " + file + "; its columns are: "
                            + String.join(", ", header));
                }
            }
            List<Integer> featureHeader = new ArrayList<>();
            for (int j = 0; j < header.size(); j++) {
                if (!seen.contains(header.get(j).trim())) {
                    featureHeader.add(j);
                }
            }
            if (featureHeader.isEmpty()) {
                throw new DataException(file + " has no feature columns besides the target");
            }
            int[] features;
            if (encoding == null) {
                features = new int[featureHeader.size()];
                for (int f = 0; f < features.length; f++) {
                    features[f] = stored.size();
                    stored.add(new CsvCells.Column(featureHeader.get(f), CsvCells.Kind.NUMBER));
                }
            } else {
                features = new int[encoding.columns().size()];
                for (int c = 0; c < features.length; c++) {
                    TableEncoding.Column enc = encoding.columns().get(c);
                    int source = -1;
                    for (int j = 0; j < header.size() && source < 0; j++) {
                        source = header.get(j).trim().equals(enc.name()) ? j : -1;
                    }
                    if (source < 0 || seen.contains(enc.name())) {
                        throw new DataException(file + " has no column '" + enc.name() + "', which the model was trained on; "
                                + "its columns are: " + String.join(", ", header));
                    }
                    features[c] = stored.size();
                    stored.add(new CsvCells.Column(source, enc instanceof TableEncoding.Categorical
                            ? CsvCells.Kind.CATEGORY : CsvCells.Kind.NUMBER));
                }
            }
            int[] targetColumns = new int[targets.size()];
            for (int t = 0; t < targetColumns.length; t++) {
                targetColumns[t] = stored.size();
                stored.add(new CsvCells.Column(targetHeader[t], classification ? CsvCells.Kind.LABEL : CsvCells.Kind.NUMBER));
            }
            return new Layout(stored, targetColumns, features);
        }
    }

    private static Dataset build(String file, List<String> header, Layout layout, CsvCells cells, boolean classification,
                                 CsvOptions options) {
        int n = cells.rows();
        if (n == 0) {
            throw new DataException("data file '" + file + "' has a header but no data rows");
        }
        TableEncoding encoding = options.encoding() != null ? options.encoding()
                : fit(file, header, cells, layout.featureColumns(), options.missing());
        // Each categorical column's codes (the dictionary of this file) as indices into the encoding's sorted categories.
        int[][] categoryIndex = new int[encoding.columns().size()][];
        for (int c = 0; c < categoryIndex.length; c++) {
            if (encoding.columns().get(c) instanceof TableEncoding.Categorical k) {
                List<String> strings = cells.column(layout.featureColumns()[c]).strings;
                categoryIndex[c] = new int[strings.size()];
                for (int code = 0; code < strings.size(); code++) {
                    categoryIndex[c][code] = Math.max(-1, Collections.binarySearch(k.categories(), strings.get(code)));
                }
            }
        }
        List<String> featureNames = encoding.featureNames();
        int d = featureNames.size();
        int t = layout.targetColumns().length;
        if ((long) n * d > DataFiles.MAX_VALUES || (long) n * t > DataFiles.MAX_VALUES) {
            throw new DataException(String.format(Locale.ROOT, "%s holds %,d rows of %,d features, more than the %,d values gn4j "
                    + "can hold in one table", file, n, d, DataFiles.MAX_VALUES));
        }
        HeapBudget.require(8L * n * (d + t), String.format(Locale.ROOT, "laying out %s (%,d rows of %,d features)", file, n, d),
                "use a smaller file");
        double[] x = new double[n * d];
        double[] y = new double[classification ? n : n * t];
        int[] labelCodes = classification ? new int[n] : null;
        int[] lines = cells.lines();
        int unseen = 0;
        // Line by line, every column of a line before the next line: the first bad value reported is the first in the file.
        for (int i = 0; i < n; i++) {
            if (i % cells.rowsPerBlock() == 0) {
                cells.releaseBefore(i);
            }
            int at = 0;
            for (int c = 0; c < categoryIndex.length; c++) {
                int s = layout.featureColumns()[c];
                CsvCells.Column col = cells.column(s);
                double v = cells.get(i, s);
                TableEncoding.Column enc = encoding.columns().get(c);
                if (enc instanceof TableEncoding.Categorical k) {
                    if (!Double.isNaN(v) && categoryIndex[c][(int) v] >= 0) {
                        x[i * d + at + categoryIndex[c][(int) v]] = 1;
                    } else if (Double.isNaN(v)) {
                        if (!k.missingAsZeros()) {
                            throw new DataException(where(file, lines[i], col.source, header.get(col.source)) + " is missing; "
                                    + "fill or drop missing values first, or pass --missing mean|median|zero");
                        }
                    } else if (options.unseenAsZeros()) {
                        unseen++;
                    } else {
                        throw new DataException(where(file, lines[i], col.source, header.get(col.source)) + ": category '"
                                + col.strings.get((int) v) + "' was not in the training rows (" + String.join(", ", k.categories())
                                + "); pass --unseen-category zeros to encode it as none of them");
                    }
                    at += k.categories().size();
                } else {
                    x[i * d + at] = number(col, i, v, ((TableEncoding.Numeric) enc).fill(), file, lines[i], header);
                    at++;
                }
            }
            for (int k = 0; k < t; k++) {
                int s = layout.targetColumns()[k];
                if (classification) {
                    labelCodes[i] = (int) cells.get(i, s);
                } else {
                    y[i * t + k] = number(cells.column(s), i, cells.get(i, s), Double.NaN, file, lines[i], header);
                }
            }
        }
        if (unseen > 0) {
            org.slf4j.LoggerFactory.getLogger(CsvReader.class).warn("{}: {} cells hold a category the training rows did not; "
                    + "encoded as none of the known categories (--unseen-category zeros)", file, unseen);
        }
        List<String> classNames = null;
        if (classification) {
            CsvCells.Column col = cells.column(layout.targetColumns()[0]);
            List<String> labels = new java.util.AbstractList<>() {
                @Override
                public String get(int i) {
                    return col.strings.get(labelCodes[i]);
                }

                @Override
                public int size() {
                    return labelCodes.length;
                }
            };
            ClassLabels mapped = ClassLabels.of(labels,
                    i -> file + " line " + lines[i] + ", column " + (col.source + 1) + " ('" + header.get(col.source) + "')");
            y = mapped.indices();
            classNames = mapped.names();
        }
        List<String> targetNames = new ArrayList<>();
        for (int s : layout.targetColumns()) {
            targetNames.add(header.get(cells.column(s).source).trim());
        }
        return new Dataset(file, n, featureNames, x, List.copyOf(targetNames), y,
                classNames == null ? null : List.copyOf(classNames), lines, encoding);
    }

    /**
     * A numeric cell of row {@code row}: its number, the fill of a missing cell, or the error
     * the cell is. A column's facts say which rows are not numbers: its first text cell and
     * first non-finite one (the first error is thrown, so later ones are never reached).
     */
    private static double number(CsvCells.Column col, int row, double v, double fill, String file, int line,
                                 List<String> header) {
        String where = where(file, line, col.source, header.get(col.source));
        if (row == col.firstText) {
            throw new DataException(where + ": '" + col.firstTextValue + "' is not a number");
        }
        if (row == col.firstNonFinite) {
            throw new DataException(where + ": " + col.firstNonFiniteValue + " is not a finite number");
        }
        if (!Double.isNaN(v)) {
            return v;
        }
        if (!Double.isNaN(fill)) {
            return fill;
        }
        // A missing cell without a fill is an error at once, so it is the column's first missing cell.
        String s = col.firstMissingValue;
        throw new DataException(where + (s.isEmpty() ? " is empty" : " is missing ('" + s + "')")
                + "; fill or drop missing values first, or pass --missing mean|median|zero");
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
    private static TableEncoding fit(String file, List<String> header, CsvCells cells, int[] featureColumns,
                                     CsvOptions.Missing missing) {
        List<TableEncoding.Column> columns = new ArrayList<>();
        for (int s : featureColumns) {
            CsvCells.Column col = cells.column(s);
            String name = header.get(col.source).trim();
            // A column that mixes numbers and text stays numeric: reading it reports its first odd cell, in line order.
            if (col.firstText >= 0 && col.numbers == 0) {
                columns.add(new TableEncoding.Categorical(name, List.copyOf(new TreeSet<>(col.strings)),
                        missing != CsvOptions.Missing.REFUSE));
            } else if (col.firstMissing >= 0 && missing != CsvOptions.Missing.REFUSE) {
                // A mixed column is an error at its first text cell, so its fill is never used: none is computed.
                double fill = col.firstText >= 0 ? 0 : fillValue(cells, s, missing, file, header.get(col.source));
                columns.add(new TableEncoding.Numeric(name, fill));
            } else {
                columns.add(new TableEncoding.Numeric(name, Double.NaN));
            }
        }
        return new TableEncoding(columns);
    }

    /** The mean, median or zero of the column's present finite values. */
    private static double fillValue(CsvCells cells, int s, CsvOptions.Missing missing, String file, String name) {
        if (missing == CsvOptions.Missing.ZERO) {
            return 0;
        }
        double[] present = new double[cells.rows()];
        int count = 0;
        for (int i = 0; i < cells.rows(); i++) {
            double v = cells.get(i, s);
            if (Double.isFinite(v)) {
                present[count++] = v;
            }
        }
        if (count == 0) {
            throw new DataException(file + ": column '" + name + "' has no values to take a " + missing.name().toLowerCase(Locale.ROOT)
                    + " from; drop the column");
        }
        present = Arrays.copyOf(present, count);
        Arrays.sort(present);
        if (missing == CsvOptions.Missing.MEDIAN) {
            int m = present.length / 2;
            return present.length % 2 == 1 ? present[m] : (present[m - 1] + present[m]) / 2;
        }
        // Summed in sorted order, so the fill does not depend on the order of the rows.
        double sum = 0;
        for (double v : present) {
            sum += v / present.length;
        }
        return sum;
    }
}
