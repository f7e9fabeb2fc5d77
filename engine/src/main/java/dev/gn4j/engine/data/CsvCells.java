package dev.gn4j.engine.data;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The cells of a CSV table as they stream past the reader, in primitive storage: a number
 * as its double, a string as its code in the column's dictionary, a missing cell as NaN,
 * in blocks of rows that can be released once read. A table costs 8 bytes a stored cell
 * (a String a cell cost about ten times that), and its columns' facts (how many numbers,
 * the first text, missing and non-finite cell) are known when the last line is read.
 */
final class CsvCells {
    /** How a column's cells are stored. */
    enum Kind {
        /** A number where the cell parses, else a string's code: a feature whose type is not known yet, or a regression target. */
        NUMBER,
        /** Always a string's code (numbers too): a categorical feature of a given encoding. */
        CATEGORY,
        /** Every cell's trimmed text as a code, missing ones included: class labels. */
        LABEL
    }

    /** One stored column: where it is in the header, and what its cells were. */
    static final class Column {
        final int source;
        final Kind kind;
        private final Map<String, Integer> codes = new HashMap<>();
        /** The distinct strings, in order of first appearance; a cell's code indexes them. */
        final List<String> strings = new ArrayList<>();
        long numbers;
        int firstText = -1;
        String firstTextValue;
        int firstMissing = -1;
        String firstMissingValue;
        int firstNonFinite = -1;
        String firstNonFiniteValue;

        Column(int source, Kind kind) {
            this.source = source;
            this.kind = kind;
        }

        private double store(String raw, int row) {
            String v = raw.trim();
            if (kind == Kind.LABEL) {
                return code(v);
            }
            if (CsvReader.isMissing(v)) {
                if (firstMissing < 0) {
                    firstMissing = row;
                    firstMissingValue = v;
                }
                return Double.NaN;
            }
            if (kind == Kind.CATEGORY) {
                return code(v);
            }
            double x = mayParse(v) ? parse(v) : Double.NaN;
            if (Double.isNaN(x) && !isNaNLiteral(v)) {
                if (firstText < 0) {
                    firstText = row;
                    firstTextValue = v;
                }
                return code(v);
            }
            numbers++;
            if (!Double.isFinite(x) && firstNonFinite < 0) {
                firstNonFinite = row;
                firstNonFiniteValue = v;
            }
            return x;
        }

        private int code(String v) {
            Integer c = codes.get(v);
            if (c == null) {
                c = strings.size();
                codes.put(v, c);
                strings.add(v);
            }
            return c;
        }
    }

    private final Column[] columns;
    private final int rowsPerBlock;
    private final List<double[]> blocks = new ArrayList<>();
    private final List<int[]> lineBlocks = new ArrayList<>();
    private int rows;

    CsvCells(List<Column> columns) {
        this.columns = columns.toArray(Column[]::new);
        // Blocks of about 512 KiB: small beside the table, large enough that their count stays small.
        this.rowsPerBlock = Math.max(1, (1 << 16) / Math.max(1, this.columns.length));
    }

    /** Stores one line's fields (already split and counted against the header). */
    void add(String[] fields, int line) {
        int k = columns.length;
        int at = rows % rowsPerBlock;
        if (at == 0) {
            blocks.add(new double[rowsPerBlock * k]);
            lineBlocks.add(new int[rowsPerBlock]);
        }
        double[] block = blocks.get(blocks.size() - 1);
        for (int c = 0; c < k; c++) {
            block[at * k + c] = columns[c].store(fields[columns[c].source], rows);
        }
        lineBlocks.get(lineBlocks.size() - 1)[at] = line;
        rows++;
    }

    int rows() {
        return rows;
    }

    int rowsPerBlock() {
        return rowsPerBlock;
    }

    Column column(int c) {
        return columns[c];
    }

    int columnCount() {
        return columns.length;
    }

    /** Stored column c of row i: a number, a code, or NaN for a missing cell. */
    double get(int row, int c) {
        return blocks.get(row / rowsPerBlock)[(row % rowsPerBlock) * columns.length + c];
    }

    /** The file's line number of each row. */
    int[] lines() {
        int[] out = new int[rows];
        for (int b = 0; b * rowsPerBlock < rows; b++) {
            System.arraycopy(lineBlocks.get(b), 0, out, b * rowsPerBlock, Math.min(rowsPerBlock, rows - b * rowsPerBlock));
        }
        return out;
    }

    /** Frees the cells of the rows before {@code row} (a multiple of the block size): they will not be read again. */
    void releaseBefore(int row) {
        for (int b = 0; b < row / rowsPerBlock; b++) {
            blocks.set(b, null);
        }
    }

    /** The bytes a stored row costs: its cells and its line number. */
    static long bytesPerRow(int storedColumns) {
        return 8L * storedColumns + 4;
    }

    /**
     * Whether Double.parseDouble could accept the cell: its grammar starts with a sign, a
     * digit, a point, "NaN" or "Infinity". Text cells fail here without the cost of an exception.
     */
    private static boolean mayParse(String v) {
        char c = v.isEmpty() ? ' ' : v.charAt(0);
        return c >= '0' && c <= '9' || c == '-' || c == '+' || c == '.' || c == 'N' || c == 'I';
    }

    /** Double.parseDouble's spellings of NaN, which parse as a number (and are then refused as not finite). */
    private static boolean isNaNLiteral(String v) {
        return v.equals("NaN") || v.equals("+NaN") || v.equals("-NaN");
    }

    /** The cell's number, or NaN when it is not one (a NaN literal is told apart by {@link #isNaNLiteral}). */
    private static double parse(String v) {
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
