package dev.gn4j.engine.data;

import dev.gn4j.engine.memory.HeapBudget;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads LIBSVM / SVMlight text: one sample per line, {@code label index:value ...}
 * with 1-based, increasing indices; absent indices are zeros. The features become
 * dense columns "1".."d" (d the largest index seen) and the target is "label":
 * a number for regression, or a class label (integers 0..c−1 or strings, mapped as
 * {@link CsvReader} maps them). A '#' starts a comment; SVMlight's {@code qid:}
 * fields are skipped.
 */
public final class LibsvmReader {
    /** The one target of a LIBSVM file. */
    public static final String TARGET = "label";

    private LibsvmReader() {
    }

    public static Dataset read(Path file, List<String> targets, boolean classification) {
        DataFiles.checkReadable(file);
        checkTargets(file, targets);
        List<String> labels = new ArrayList<>();
        List<Integer> lineNumbers = new ArrayList<>();
        List<int[]> indices = new ArrayList<>();
        List<double[]> values = new ArrayList<>();
        int width = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int lineNo = 0;
            while ((line = in.readLine()) != null) {
                lineNo++;
                int hash = line.indexOf('#');
                String text = (hash >= 0 ? line.substring(0, hash) : line).strip();
                if (text.isEmpty()) {
                    continue;
                }
                String[] tokens = text.split("\\s+");
                String label = tokens[0];
                if (label.indexOf(':') >= 0) {
                    throw new DataException(file + " line " + lineNo + " starts with '" + label
                            + "', not a label; a LIBSVM line is 'label index:value ...'");
                }
                int[] idx = new int[tokens.length - 1];
                double[] val = new double[tokens.length - 1];
                int count = 0, previous = 0;
                for (int t = 1; t < tokens.length; t++) {
                    String token = tokens[t];
                    int colon = token.indexOf(':');
                    if (colon <= 0 || colon == token.length() - 1) {
                        throw new DataException(file + " line " + lineNo + ", field " + (t + 1) + ": '" + token
                                + "' is not index:value");
                    }
                    String key = token.substring(0, colon);
                    if (key.equals("qid")) {
                        continue;
                    }
                    int index = index(key, file, lineNo, t + 1);
                    if (index <= previous) {
                        throw new DataException(file + " line " + lineNo + ": feature index " + index + " follows index "
                                + previous + "; LIBSVM indices must increase along a line");
                    }
                    previous = index;
                    idx[count] = index;
                    val[count] = number(token.substring(colon + 1), file + " line " + lineNo + ", feature " + index);
                    count++;
                }
                width = Math.max(width, previous);
                labels.add(label);
                lineNumbers.add(lineNo);
                indices.add(java.util.Arrays.copyOf(idx, count));
                values.add(java.util.Arrays.copyOf(val, count));
            }
        } catch (CharacterCodingException e) {
            throw new DataException("cannot read '" + file + "' as UTF-8 text: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new DataException("cannot read '" + file + "': " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new DataException("cannot read '" + file + "' as UTF-8 text: " + e.getMessage(), e);
        }
        int n = labels.size();
        if (n == 0) {
            throw new DataException("data file '" + file + "' holds no samples");
        }
        if (width == 0) {
            throw new DataException(file + " has no features: no line has an index:value field");
        }
        if ((long) n * width > DataFiles.MAX_VALUES) {
            throw new DataException(file + " has " + n + " samples with indices up to " + width
                    + "; as a dense table that is more than the " + DataFiles.MAX_VALUES + " values gn4j can hold");
        }
        HeapBudget.require(8L * n * width, String.format(java.util.Locale.ROOT, "laying out %s as a dense table (%,d samples × %,d "
                + "features)", file, n, width), "use a smaller file");
        double[] x = new double[n * width];
        for (int i = 0; i < n; i++) {
            int[] idx = indices.get(i);
            double[] val = values.get(i);
            for (int k = 0; k < idx.length; k++) {
                x[i * width + idx[k] - 1] = val[k];
            }
        }
        List<String> featureNames = new ArrayList<>(width);
        for (int j = 1; j <= width; j++) {
            featureNames.add(Integer.toString(j));
        }
        double[] y;
        List<String> classNames = null;
        if (classification) {
            ClassLabels c = ClassLabels.of(labels, i -> file + " line " + lineNumbers.get(i));
            y = c.indices();
            classNames = c.names();
        } else {
            y = new double[n];
            for (int i = 0; i < n; i++) {
                y[i] = number(labels.get(i), file + " line " + lineNumbers.get(i) + ", label");
            }
        }
        return new Dataset(file.toString(), n, List.copyOf(featureNames), x, List.of(TARGET), y, classNames);
    }

    private static void checkTargets(Path file, List<String> targets) {
        if (!targets.isEmpty() && !(targets.size() == 1 && targets.get(0).trim().equals(TARGET))) {
            throw new DataException("a LIBSVM file has one target, '" + TARGET + "' (its first field); --target named "
                    + String.join(", ", targets) + " for " + file);
        }
    }

    private static int index(String key, Path file, int lineNo, int field) {
        int index;
        try {
            index = Integer.parseInt(key);
        } catch (NumberFormatException e) {
            index = -1;
        }
        if (index <= 0) {
            throw new DataException(file + " line " + lineNo + ", field " + field + ": feature index '" + key
                    + "' is not a positive integer (LIBSVM indices start at 1)");
        }
        return index;
    }

    private static double number(String s, String where) {
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
}
