package dev.gn4j.engine.data;

import dev.gn4j.engine.memory.HeapBudget;
import dev.gn4j.engine.model.InputShape;
import dev.gn4j.engine.memory.InsufficientMemory;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads the IDX files of the MNIST family: an images file (unsigned bytes, n × rows ×
 * cols, named like {@code train-images-idx3-ubyte}) and its labels file (n unsigned
 * bytes, {@code train-labels-idx1-ubyte}), found next to it by name; either may be
 * gzip'd. Pixels are scaled to [0, 1] and named "px0".."px{d−1}"; the target is
 * "label", a classification with at least the ten classes "0".."9".
 */
public final class IdxReader {
    /** The one target of an IDX pair. */
    public static final String TARGET = "label";
    /** Every split of an MNIST-family dataset names the same ten classes, even one lacking a digit. */
    static final int MIN_CLASSES = 10;
    private static final int UNSIGNED_BYTE = 0x08;

    private IdxReader() {
    }

    public static Dataset read(Path images, List<String> targets, boolean classification) {
        DataFiles.checkReadable(images);
        if (!targets.isEmpty() && !(targets.size() == 1 && targets.get(0).trim().equals(TARGET))) {
            throw new DataException("an IDX images file has one target, '" + TARGET + "' (its labels file); --target named "
                    + String.join(", ", targets) + " for " + images);
        }
        if (!classification) {
            throw new DataException(images + " holds images with class labels; train on it with --loss ce");
        }
        Path labelsFile = labelsFileFor(images);
        byte[] img = bytes(images);
        byte[] lab = bytes(labelsFile);
        int[] imageDims = header(images, img);
        int[] labelDims = header(labelsFile, lab);
        if (imageDims.length < 2) {
            throw new DataException(images + " holds a " + imageDims.length + "-D array; an IDX images file holds n images (3-D)");
        }
        if (labelDims.length != 1) {
            throw new DataException(labelsFile + " holds a " + labelDims.length + "-D array; an IDX labels file holds n labels (1-D)");
        }
        int n = imageDims[0];
        long pixels = 1;
        for (int k = 1; k < imageDims.length; k++) {
            // The header's sizes are positive ints; their product is checked without being formed, as it can wrap.
            pixels = pixels > DataFiles.MAX_VALUES / imageDims[k] ? DataFiles.MAX_VALUES + 1 : pixels * imageDims[k];
        }
        if (labelDims[0] != n) {
            throw new DataException(images + " holds " + n + " images but " + labelsFile + " holds " + labelDims[0]
                    + " labels; they must be one per image");
        }
        if (pixels > DataFiles.MAX_VALUES / n) {
            throw new DataException(images + " holds " + n + " images of " + pixels + " pixels, more than the "
                    + DataFiles.MAX_VALUES + " values gn4j can hold");
        }
        int d = (int) pixels;
        checkLength(images, img, 4 + 4 * imageDims.length, (long) n * d, n + " images of " + shape(imageDims));
        checkLength(labelsFile, lab, 8, n, n + " labels");
        int imageStart = 4 + 4 * imageDims.length;
        HeapBudget.require(8L * n * d, String.format(Locale.ROOT, "laying out %s (%,d images of %,d pixels) as doubles", images,
                n, d), "use a smaller file");
        double[] x = new double[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = (img[imageStart + i] & 0xFF) / 255.0;
        }
        double[] labels = new double[n];
        for (int i = 0; i < n; i++) {
            labels[i] = lab[8 + i] & 0xFF;
        }
        ClassLabels classes = ClassLabels.ofIntegers(labels, i -> labelsFile + " label " + i, MIN_CLASSES);
        List<String> names = new ArrayList<>(d);
        for (int j = 0; j < d; j++) {
            names.add("px" + j);
        }
        return new Dataset(images.toString(), n, List.copyOf(names), x, List.of(TARGET), classes.indices(), classes.names());
    }

    /**
     * The image one row of an IDX images file is, from its header alone: n × H × W is 1 × H × W
     * (the MNIST family's grayscale). Other ranks say nothing a reader can trust about channels
     * (n × H × W × C and n × C × H × W are both in use), so they give null and need --input-shape.
     */
    public static InputShape imageShape(Path images) {
        DataFiles.checkReadable(images);
        try (InputStream raw = Files.newInputStream(images);
                java.io.BufferedInputStream in = new java.io.BufferedInputStream(raw, 4096)) {
            in.mark(2);
            boolean gzip = in.read() == 0x1F && in.read() == 0x8B;
            in.reset();
            InputStream body = gzip ? new GZIPInputStream(in, 4096) : in;
            byte[] head = body.readNBytes(4);
            int dims = head.length == 4 ? head[3] & 0xFF : 0;
            byte[] all = java.util.Arrays.copyOf(head, 4 + 4 * dims);
            int got = body.readNBytes(all, 4, 4 * dims);
            int[] shape = header(images, java.util.Arrays.copyOf(all, 4 + got));
            return shape.length == 3 ? new InputShape(1, shape[1], shape[2]) : null;
        } catch (EOFException | ZipException e) {
            throw new DataException(images + " is a truncated or damaged gzip file (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new DataException("cannot read '" + images + "': " + e.getMessage(), e);
        }
    }

    /**
     * The labels file of an images file: "images" → "labels" and "idx3" → "idx1" in the
     * name, gzip'd or not ({@code train-images-idx3-ubyte.gz} ↔ {@code train-labels-idx1-ubyte[.gz]}).
     */
    public static Path labelsFileFor(Path images) {
        String name = images.getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        int at = lower.indexOf("images");
        int idx3 = lower.indexOf("idx3");
        if (at < 0 || idx3 < 0) {
            throw new DataException(images + " is not named like an IDX images file (train-images-idx3-ubyte); "
                    + "gn4j finds the labels file by that name");
        }
        String base = name.substring(0, at) + "labels" + name.substring(at + 6, idx3) + "idx1" + name.substring(idx3 + 4);
        String plain = base.toLowerCase(Locale.ROOT).endsWith(".gz") ? base.substring(0, base.length() - 3) : base;
        List<Path> candidates = List.of(images.resolveSibling(base),
                images.resolveSibling(base.equals(plain) ? plain + ".gz" : plain));
        for (Path p : candidates) {
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new DataException("the labels file of " + images + " is missing: looked for " + candidates.get(0) + " and "
                + candidates.get(1));
    }

    /** The whole file, decompressed when it starts with gzip's magic bytes. */
    private static byte[] bytes(Path file) {
        try {
            long content = DataFiles.contentSize(file);
            // The file's bytes, its decompressed bytes, and the doubles its pixels become.
            HeapBudget.require(HeapBudget.saturatingSum(Files.size(file), HeapBudget.saturatingProduct(content, 9)),
                    String.format(Locale.ROOT, "reading %s (%s%s)", file, HeapBudget.size(Files.size(file)),
                            content == Files.size(file) ? "" : ", " + HeapBudget.size(content) + " decompressed"), "use a smaller file");
            byte[] raw = Files.readAllBytes(file);
            if (raw.length >= 2 && (raw[0] & 0xFF) == 0x1F && (raw[1] & 0xFF) == 0x8B) {
                try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw), 1 << 16)) {
                    return in.readAllBytes();
                } catch (EOFException | ZipException e) {
                    throw new DataException(file + " is a truncated or damaged gzip file (" + e.getMessage() + ")", e);
                }
            }
            return raw;
        } catch (OutOfMemoryError e) {
            throw new InsufficientMemory("reading " + file + " ran out of Java heap: use a smaller file, or " + HeapBudget.MORE_HEAP, e);
        } catch (IOException e) {
            throw new DataException("cannot read '" + file + "': " + e.getMessage(), e);
        }
    }

    /** The dimensions in the header of an unsigned-byte IDX file. */
    private static int[] header(Path file, byte[] b) {
        if (b.length < 4 || b[0] != 0 || b[1] != 0) {
            throw new DataException(file + " is not an IDX file: it does not start with the IDX magic number (two zero bytes, "
                    + "the type, the number of dimensions)");
        }
        int type = b[2] & 0xFF;
        int dims = b[3] & 0xFF;
        if (type != UNSIGNED_BYTE) {
            throw new DataException(file + " holds IDX type 0x" + String.format(Locale.ROOT, "%02X", type)
                    + "; gn4j reads unsigned-byte (0x08) IDX files");
        }
        if (dims == 0) {
            throw new DataException(file + " declares a 0-dimensional IDX array");
        }
        if (b.length < 4 + 4 * dims) {
            throw new DataException(file + " is truncated: it ends inside its header (" + b.length + " bytes)");
        }
        int[] shape = new int[dims];
        for (int k = 0; k < dims; k++) {
            int at = 4 + 4 * k;
            shape[k] = ((b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
            if (shape[k] <= 0) {
                throw new DataException(file + " declares dimension " + k + " of size " + Integer.toUnsignedString(shape[k])
                        + "; sizes must be positive");
            }
        }
        return shape;
    }

    private static void checkLength(Path file, byte[] b, int headerBytes, long dataBytes, String what) {
        long expected = headerBytes + dataBytes;
        if (b.length < expected) {
            throw new DataException(file + " is truncated: its header promises " + what + " (" + expected
                    + " bytes in all) but it holds " + b.length + " bytes");
        }
        if (b.length > expected) {
            throw new DataException(file + " has " + (b.length - expected) + " bytes after the " + what
                    + " its header declares; it is not a well-formed IDX file");
        }
    }

    private static String shape(int[] dims) {
        StringBuilder s = new StringBuilder();
        for (int k = 1; k < dims.length; k++) {
            s.append(k > 1 ? "×" : "").append(dims[k]);
        }
        return s.toString();
    }
}
