package dev.gn4j.engine.data;

import java.util.List;

/**
 * A table in host memory, row-major: features (n × d) and targets (n × c values
 * for regression, or n class indices for classification with their names).
 * {@code lines}, where the table came from a text file, holds each row's line number
 * there (blank lines are skipped, so row i is not always line i + 2); null otherwise.
 * {@code encoding}, for a CSV table, says how its columns became the features (null otherwise).
 */
public record Dataset(String source, int rows, List<String> featureNames, double[] features, List<String> targetNames,
                      double[] targets, List<String> classNames, int[] lines, TableEncoding encoding) {

    public Dataset(String source, int rows, List<String> featureNames, double[] features, List<String> targetNames,
                   double[] targets, List<String> classNames) {
        this(source, rows, featureNames, features, targetNames, targets, classNames, null, null);
    }

    /** Row i as messages name it: "FILE line N" where the file has lines, else "FILE row i+1". */
    public String where(int row) {
        return lines != null ? source + " line " + lines[row] : source + " row " + (row + 1);
    }

    public int featureCount() {
        return featureNames.size();
    }

    /** Values per target row: the number of regression targets, or 1 (the class index). */
    public int targetWidth() {
        return classNames == null ? targetNames.size() : 1;
    }

    public boolean isClassification() {
        return classNames != null;
    }

    /** Outputs the network needs: regression targets, or classes. */
    public int outputs() {
        return classNames == null ? targetNames.size() : classNames.size();
    }

    public double feature(int row, int col) {
        return features[row * featureCount() + col];
    }

    /** The rows at these indices, in order, as a new dataset. */
    public Dataset subset(int[] indices, String label) {
        int d = featureCount(), t = targetWidth();
        double[] f = new double[indices.length * d];
        double[] y = new double[indices.length * t];
        int[] l = lines == null ? null : new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            if (l != null) {
                l[i] = lines[indices[i]];
            }
            System.arraycopy(features, indices[i] * d, f, i * d, d);
            System.arraycopy(targets, indices[i] * t, y, i * t, t);
        }
        return new Dataset(source + " (" + label + ")", indices.length, featureNames, f, targetNames, y, classNames, l, encoding);
    }
}
