package dev.gn4j.engine.data;

/**
 * Per-column affine map v ↦ (v − mean) / scale, fitted on the training split only
 * and saved with the model so evaluation applies the same transform. A constant
 * column keeps scale 1.
 */
public record ColumnScaler(double[] mean, double[] scale) {

    public static ColumnScaler identity(int columns) {
        double[] one = new double[columns];
        java.util.Arrays.fill(one, 1);
        return new ColumnScaler(new double[columns], one);
    }

    /** Mean and population standard deviation of each column of a row-major n × cols table. */
    public static ColumnScaler fit(double[] table, int rows, int columns) {
        double[] mean = new double[columns];
        double[] scale = new double[columns];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < columns; j++) {
                mean[j] += table[i * columns + j] / rows;
            }
        }
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < columns; j++) {
                double dv = table[i * columns + j] - mean[j];
                scale[j] += dv * dv / rows;
            }
        }
        for (int j = 0; j < columns; j++) {
            double sd = Double.isFinite(scale[j]) ? Math.sqrt(scale[j]) : scaledDeviation(table, rows, columns, j, mean[j]);
            scale[j] = sd > 1e-12 * Math.max(1, Math.abs(mean[j])) ? sd : 1;
        }
        return new ColumnScaler(mean, scale);
    }

    /**
     * The standard deviation of a column whose squared deviations overflow (values beyond
     * about 1e154): computed on the column divided by its largest magnitude, then scaled back.
     * Only such columns take this path, so every other column's statistics stay as they were.
     */
    private static double scaledDeviation(double[] table, int rows, int columns, int j, double mean) {
        double max = 0;
        for (int i = 0; i < rows; i++) {
            max = Math.max(max, Math.abs(table[i * columns + j] - mean));
        }
        double s = 0;
        for (int i = 0; i < rows; i++) {
            double dv = (table[i * columns + j] - mean) / max;
            s += dv * dv / rows;
        }
        return max * Math.sqrt(s);
    }

    /** Transforms a row-major table where it lies: a table the size of the data needs no second copy. */
    public void applyInPlace(double[] table) {
        int columns = mean.length;
        for (int i = 0; i < table.length; i++) {
            int j = i % columns;
            table[i] = (table[i] - mean[j]) / scale[j];
        }
    }

    /** A transformed copy of a row-major table. */
    public double[] apply(double[] table) {
        int columns = mean.length;
        double[] out = new double[table.length];
        for (int i = 0; i < table.length; i++) {
            int j = i % columns;
            out[i] = (table[i] - mean[j]) / scale[j];
        }
        return out;
    }
}
