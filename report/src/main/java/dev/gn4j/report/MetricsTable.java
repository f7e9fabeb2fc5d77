package dev.gn4j.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A gn4j metrics.csv read back for plotting: a header row, then one row per logged step. An empty cell means
 * "not recorded at this step" (validation loss, say, logged only every few steps); a cell reading NaN or
 * Infinity is a value that was recorded and cannot be drawn.
 */
public final class MetricsTable {
    private final Path file;
    private final List<String> columns;
    private final List<String[]> rows;

    private MetricsTable(Path file, List<String> columns, List<String[]> rows) {
        this.file = file;
        this.columns = List.copyOf(columns);
        this.rows = rows;
    }

    /**
     * Reads the file. A last line without its line break is left out: training appends to metrics.csv while
     * it runs, and a plot drawn meanwhile may find half a row there.
     *
     * @throws IOException if the file cannot be read or has no header row
     */
    public static MetricsTable read(Path csv) throws IOException {
        String text = Files.readString(csv, StandardCharsets.UTF_8);
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        lines.remove(lines.size() - 1); // "" after the final line break, or the unfinished last line
        if (lines.isEmpty() || lines.get(0).isBlank()) {
            throw new IOException(csv + ": no header row");
        }
        List<String> header = Arrays.asList(cells(lines.get(0)));
        List<String[]> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (!line.isBlank()) {
                rows.add(cells(line));
            }
        }
        return new MetricsTable(csv, header, rows);
    }

    public List<String> columns() {
        return columns;
    }

    public boolean has(String column) {
        return columns.contains(column);
    }

    public int rowCount() {
        return rows.size();
    }

    /**
     * The rows where both columns were recorded, as a series named name: an empty cell in either column drops
     * the row, so a quantity logged every tenth step is drawn as one connected line.
     *
     * @throws IOException if either column is missing, or a recorded cell is not a number (naming line and column)
     */
    public Series series(String name, String xColumn, String yColumn) throws IOException {
        int xi = index(xColumn);
        int yi = index(yColumn);
        double[] x = new double[rows.size()];
        double[] y = new double[rows.size()];
        int n = 0;
        for (int r = 0; r < rows.size(); r++) {
            String[] row = rows.get(r);
            String xs = cell(row, xi);
            String ys = cell(row, yi);
            if (!xs.isEmpty() && !ys.isEmpty()) {
                x[n] = number(xs, r, xColumn);
                y[n] = number(ys, r, yColumn);
                n++;
            }
        }
        return new Series(name, Arrays.copyOf(x, n), Arrays.copyOf(y, n));
    }

    private int index(String column) throws IOException {
        int i = columns.indexOf(column);
        if (i < 0) {
            throw new IOException(file + ": no column '" + column + "' (columns: " + String.join(", ", columns) + ")");
        }
        return i;
    }

    private double number(String cell, int row, String column) throws IOException {
        try {
            return Double.parseDouble(cell);
        } catch (NumberFormatException e) {
            throw new IOException(file + " line " + (row + 2) + ", column " + column + ": '" + cell + "' is not a number");
        }
    }

    /** gn4j writes plain cells (numbers, integers, empty), never quoted ones, so a split on commas is exact. */
    private static String[] cells(String line) {
        String[] cells = line.split(",", -1);
        for (int i = 0; i < cells.length; i++) {
            cells[i] = cells[i].strip();
        }
        return cells;
    }

    private static String cell(String[] row, int i) {
        return i < row.length ? row[i] : "";
    }
}
