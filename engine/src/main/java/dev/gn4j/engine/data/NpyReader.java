package dev.gn4j.engine.data;

import dev.gn4j.engine.memory.HeapBudget;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a NumPy .npy file (format versions 1, 2 and 3) holding a 2-D array of
 * f4, f8, i1, i2, i4, i8 or u1, little- or big-endian, in C or Fortran order. Its
 * columns are named "0".."d−1"; the targets name columns by those names and every
 * other column is a feature. A classification target holds integers 0..c−1.
 */
public final class NpyReader {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");
    private static final Pattern TYPE = Pattern.compile("([<>|=]?)([fiu])(\\d+)");

    private NpyReader() {
    }

    public static Dataset read(Path file, List<String> targets, boolean classification) {
        DataFiles.checkReadable(file);
        if (targets.isEmpty()) {
            throw new DataException("--target names no column; the columns of an NPY file are named 0..d−1");
        }
        if (classification && targets.size() != 1) {
            throw new DataException("--loss ce takes one target column holding class labels, got " + targets.size()
                    + ": " + String.join(", ", targets));
        }
        Array a = parse(file);
        int n = a.rows, cols = a.cols;
        int[] targetCols = new int[targets.size()];
        LinkedHashSet<Integer> seen = new LinkedHashSet<>();
        for (int t = 0; t < targets.size(); t++) {
            String name = targets.get(t).trim();
            int col = -1;
            if (name.matches("\\d{1,9}")) {
                col = Integer.parseInt(name);
            }
            if (col < 0 || col >= cols || !name.equals(Integer.toString(col))) {
                throw new DataException("target column '" + name + "' is not in " + file + "; its columns are 0.."
                        + (cols - 1));
            }
            if (!seen.add(col)) {
                throw new DataException("--target names column '" + name + "' twice");
            }
            targetCols[t] = col;
        }
        if (seen.size() == cols) {
            throw new DataException(file + " has no feature columns besides the target");
        }
        int d = cols - seen.size();
        List<String> featureNames = new ArrayList<>(d);
        int[] featureCols = new int[d];
        for (int j = 0, f = 0; j < cols; j++) {
            if (!seen.contains(j)) {
                featureCols[f++] = j;
                featureNames.add(Integer.toString(j));
            }
        }
        double[] x = new double[n * d];
        for (int i = 0; i < n; i++) {
            for (int f = 0; f < d; f++) {
                x[i * d + f] = a.get(i, featureCols[f]);
            }
        }
        List<String> targetNames = new ArrayList<>();
        for (int col : targetCols) {
            targetNames.add(Integer.toString(col));
        }
        double[] y;
        List<String> classNames = null;
        if (classification) {
            int col = targetCols[0];
            double[] labels = new double[n];
            for (int i = 0; i < n; i++) {
                labels[i] = a.get(i, col);
            }
            ClassLabels c = ClassLabels.ofIntegers(labels, i -> file + " element [" + i + ", " + col + "]", 2);
            y = c.indices();
            classNames = c.names();
        } else {
            int t = targetCols.length;
            y = new double[n * t];
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < t; k++) {
                    y[i * t + k] = a.get(i, targetCols[k]);
                }
            }
        }
        return new Dataset(file.toString(), n, List.copyOf(featureNames), x, List.copyOf(targetNames), y, classNames);
    }

    /** A parsed array: values as doubles, row-major, all finite. */
    private record Array(int rows, int cols, double[] values) {
        double get(int i, int j) {
            return values[i * cols + j];
        }
    }

    private static Array parse(Path file) {
        byte[] b;
        try {
            if (Files.size(file) > Integer.MAX_VALUE - 64) {
                throw new DataException(file + " is larger than the 2 GiB gn4j reads from one NPY file");
            }
            // The bytes, then their values as doubles (at most 8 for each byte), then the table the values are laid out in.
            HeapBudget.require(HeapBudget.saturatingProduct(Files.size(file), 17), String.format(java.util.Locale.ROOT,
                    "reading %s (%s)", file, HeapBudget.size(Files.size(file))), "use a smaller file");
            b = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new DataException("cannot read '" + file + "': " + e.getMessage(), e);
        }
        for (int k = 0; k < MAGIC.length; k++) {
            if (b.length <= k || b[k] != MAGIC[k]) {
                throw new DataException(file + " is not an NPY file: it does not start with the NPY magic string \\x93NUMPY");
            }
        }
        if (b.length < 10) {
            throw new DataException(file + " is truncated: it ends inside its header (" + b.length + " bytes)");
        }
        int major = b[6] & 0xFF;
        int headerLength;
        int headerStart;
        ByteBuffer le = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        if (major == 1) {
            headerLength = le.getShort(8) & 0xFFFF;
            headerStart = 10;
        } else if (major == 2 || major == 3) {
            if (b.length < 12) {
                throw new DataException(file + " is truncated: it ends inside its header (" + b.length + " bytes)");
            }
            headerLength = le.getInt(8);
            headerStart = 12;
        } else {
            throw new DataException(file + " is NPY format version " + major + "." + (b[7] & 0xFF)
                    + "; gn4j reads versions 1, 2 and 3");
        }
        if (headerLength < 0 || (long) headerStart + headerLength > b.length) {
            throw new DataException(file + " is truncated: its header is " + Integer.toUnsignedString(headerLength)
                    + " bytes but the file holds " + (b.length - headerStart) + " after the preamble");
        }
        String header = new String(b, headerStart, headerLength,
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        String descr = field(DESCR, header, "descr", file);
        boolean fortran = field(FORTRAN, header, "fortran_order", file).equals("True");
        String shapeText = field(SHAPE, header, "shape", file).trim();
        List<Long> shape = new ArrayList<>();
        for (String s : shapeText.split(",")) {
            if (!s.isBlank()) {
                try {
                    shape.add(Long.parseLong(s.trim().replaceAll("[lL]$", "")));
                } catch (NumberFormatException e) {
                    throw new DataException(file + " has a malformed shape (" + shapeText + ") in its header");
                }
            }
        }
        if (shape.size() != 2) {
            throw new DataException(file + " holds a " + shape.size() + "-D array of shape (" + shapeText
                    + "); gn4j reads 2-D arrays (rows × columns)");
        }
        long rows = shape.get(0), cols = shape.get(1);
        if (rows <= 0 || cols <= 0) {
            throw new DataException(file + " holds an empty array of shape (" + rows + ", " + cols + ")");
        }
        if (rows > DataFiles.MAX_VALUES / cols) { // not rows * cols: (2^62 + 1) × 4 would wrap to 4
            throw new DataException(file + " holds " + rows + " × " + cols + " values, more than the "
                    + DataFiles.MAX_VALUES + " gn4j can hold");
        }
        ElementType type = ElementType.of(descr, file);
        int dataStart = headerStart + headerLength;
        long expected = rows * cols * type.size;
        long available = b.length - dataStart;
        if (available < expected) {
            throw new DataException(file + " is truncated: its header declares " + rows + " × " + cols + " values of '"
                    + descr + "' (" + expected + " bytes) but " + available + " bytes follow the header");
        }
        if (available > expected) {
            throw new DataException(file + " has " + (available - expected) + " bytes after the " + rows + " × " + cols
                    + " array its header declares; it is not a well-formed NPY file");
        }
        int n = (int) rows, d = (int) cols;
        ByteBuffer data = ByteBuffer.wrap(b, dataStart, (int) expected).slice().order(type.order);
        double[] values = new double[n * d];
        for (int e = 0; e < n * d; e++) {
            double v = type.read(data, e);
            // C order stores rows one after another, Fortran order columns.
            int i = fortran ? e % n : e / d;
            int j = fortran ? e / n : e % d;
            if (!Double.isFinite(v)) {
                throw new DataException(file + ": element [" + i + ", " + j + "] is " + v + "; gn4j needs finite numbers");
            }
            values[i * d + j] = v;
        }
        return new Array(n, d, values);
    }

    private static String field(Pattern p, String header, String name, Path file) {
        Matcher m = p.matcher(header);
        if (!m.find()) {
            throw new DataException(file + " has no readable '" + name + "' in its header: " + header.strip());
        }
        return m.group(1);
    }

    /** The element types gn4j reads, with their byte order. */
    private record ElementType(char kind, int size, ByteOrder order) {
        static ElementType of(String descr, Path file) {
            Matcher m = TYPE.matcher(descr);
            if (m.matches()) {
                char kind = m.group(2).charAt(0);
                int size = Integer.parseInt(m.group(3));
                boolean ok = switch (kind) {
                    case 'f' -> size == 4 || size == 8;
                    case 'i' -> size == 1 || size == 2 || size == 4 || size == 8;
                    default -> size == 1;
                };
                if (ok) {
                    ByteOrder order = switch (m.group(1)) {
                        case ">" -> ByteOrder.BIG_ENDIAN;
                        case "<", "|" -> ByteOrder.LITTLE_ENDIAN;
                        default -> ByteOrder.nativeOrder(); // '=' or none: the writer's native order, assumed ours
                    };
                    return new ElementType(kind, size, order);
                }
            }
            throw new DataException(file + " holds elements of type '" + descr
                    + "'; gn4j reads f4, f8, i1, i2, i4, i8 and u1 (either byte order)");
        }

        double read(ByteBuffer b, int e) {
            int at = e * size;
            return switch (kind) {
                case 'f' -> size == 4 ? b.getFloat(at) : b.getDouble(at);
                case 'u' -> b.get(at) & 0xFF;
                default -> switch (size) {
                    case 1 -> b.get(at);
                    case 2 -> b.getShort(at);
                    case 4 -> b.getInt(at);
                    default -> (double) b.getLong(at);
                };
            };
        }
    }
}
