package dev.gn4j.engine.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {
    @TempDir
    Path dir;

    /** Three 2×2 images and their labels, as the MNIST files lay them out. */
    static byte[] images(int n, int rows, int cols, byte[] pixels) {
        ByteBuffer b = ByteBuffer.allocate(16 + pixels.length).putInt(0x00000803).putInt(n).putInt(rows).putInt(cols);
        return b.put(pixels).array();
    }

    static byte[] labels(byte... labels) {
        return ByteBuffer.allocate(8 + labels.length).putInt(0x00000801).putInt(labels.length).put(labels).array();
    }

    static byte[] gzip(byte[] b) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(b);
        }
        return out.toByteArray();
    }

    static final byte[] PIXELS = {0, (byte) 255, 51, 102, 1, 2, 3, 4, (byte) 128, 0, 0, 0};

    @Test
    void readsImagesAndTheirLabelsFoundByName() throws IOException {
        Path img = write("train-images-idx3-ubyte", images(3, 2, 2, PIXELS));
        write("train-labels-idx1-ubyte", labels((byte) 7, (byte) 0, (byte) 3));
        Dataset d = IdxReader.read(img, List.of(), true);
        assertEquals(3, d.rows());
        assertEquals(List.of("px0", "px1", "px2", "px3"), d.featureNames());
        assertEquals(List.of("label"), d.targetNames());
        assertEquals(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), d.classNames());
        assertArrayEquals(new double[] {0, 1, 0.2, 0.4}, Arrays.copyOf(d.features(), 4), 1e-15);
        assertEquals(128 / 255.0, d.feature(2, 0), 0);
        assertArrayEquals(new double[] {7, 0, 3}, d.targets());
    }

    @Test
    void gzippedImagesWithPlainLabelsAndTheOtherWayRound() throws IOException {
        Path img = write("t10k-images-idx3-ubyte.gz", gzip(images(3, 2, 2, PIXELS)));
        write("t10k-labels-idx1-ubyte", labels((byte) 1, (byte) 2, (byte) 3));
        assertArrayEquals(new double[] {1, 2, 3}, IdxReader.read(img, List.of("label"), true).targets());
        Path plain = write("train-images-idx3-ubyte", images(3, 2, 2, PIXELS));
        write("train-labels-idx1-ubyte.gz", gzip(labels((byte) 4, (byte) 5, (byte) 6)));
        assertArrayEquals(new double[] {4, 5, 6}, DataFiles.read(plain, List.of(), true).targets());
    }

    @Test
    void theHeaderGivesTheImageShapeOfGrayscaleImagesPlainOrGzipped() throws IOException {
        // 3 images of 2 rows × 2 columns: a 1×2×2 image, read from the header alone (no labels file needed).
        Path plain = write("a-images-idx3-ubyte", images(3, 2, 2, PIXELS));
        assertEquals(new dev.gn4j.engine.model.InputShape(1, 2, 2), IdxReader.imageShape(plain));
        Path gz = write("b-images-idx3-ubyte.gz", gzip(images(1, 3, 4, new byte[12])));
        assertEquals(new dev.gn4j.engine.model.InputShape(1, 3, 4), IdxReader.imageShape(gz));
        // n × H × W × C and n × C × H × W are both in use: a 4-D file names no shape gn4j could trust.
        ByteBuffer four = ByteBuffer.allocate(20 + 8).putInt(0x00000804).putInt(1).putInt(2).putInt(2).putInt(2).put(new byte[8]);
        assertEquals(null, IdxReader.imageShape(write("c-images-idx4-ubyte", four.array())));
        Path cut = write("d-images-idx3-ubyte", Arrays.copyOf(images(3, 2, 2, PIXELS), 10));
        DataException e = assertThrows(DataException.class, () -> IdxReader.imageShape(cut));
        assertEquals(true, e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void missingLabelsFileNamesWhereItLooked() throws IOException {
        Path img = write("train-images-idx3-ubyte.gz", gzip(images(3, 2, 2, PIXELS)));
        DataException e = assertThrows(DataException.class, () -> IdxReader.read(img, List.of(), true));
        assertEquals("the labels file of " + img + " is missing: looked for " + dir.resolve("train-labels-idx1-ubyte.gz")
                + " and " + dir.resolve("train-labels-idx1-ubyte"), e.getMessage());
    }

    @Test
    void dimensionsPast2To31AreADataErrorNamingTheFile() throws IOException {
        // 0x80000001 rows: negative as a Java int, and its product with the columns would wrap.
        Path img = write("train-images-idx3-ubyte", images(3, 0x80000001, 2, PIXELS));
        write("train-labels-idx1-ubyte", labels((byte) 1, (byte) 2, (byte) 3));
        DataException e = assertThrows(DataException.class, () -> IdxReader.read(img, List.of(), true));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().startsWith(img.toString()) && e.getMessage().contains("dimension"),
                e.getMessage());
        Path huge = write("train-images-idx3-ubyte", images(3, 65536, 65536, PIXELS));
        e = assertThrows(DataException.class, () -> IdxReader.read(huge, List.of(), true));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("more than the"), e.getMessage());
    }

    @Test
    void mismatchedCounts() throws IOException {
        Path img = write("train-images-idx3-ubyte", images(3, 2, 2, PIXELS));
        Path lab = write("train-labels-idx1-ubyte", labels((byte) 1, (byte) 2));
        DataException e = assertThrows(DataException.class, () -> IdxReader.read(img, List.of(), true));
        assertEquals(img + " holds 3 images but " + lab + " holds 2 labels; they must be one per image", e.getMessage());
    }

    @Test
    void truncatedImages() throws IOException {
        byte[] whole = images(3, 2, 2, PIXELS);
        Path img = write("train-images-idx3-ubyte", Arrays.copyOf(whole, whole.length - 3));
        write("train-labels-idx1-ubyte", labels((byte) 1, (byte) 2, (byte) 3));
        DataException e = assertThrows(DataException.class, () -> IdxReader.read(img, List.of(), true));
        assertEquals(img + " is truncated: its header promises 3 images of 2×2 (28 bytes in all) but it holds 25 bytes",
                e.getMessage());
    }

    @Test
    void truncatedGzip() throws IOException {
        byte[] gz = gzip(images(3, 2, 2, PIXELS));
        Path img = write("train-images-idx3-ubyte.gz", Arrays.copyOf(gz, gz.length - 10));
        write("train-labels-idx1-ubyte", labels((byte) 1, (byte) 2, (byte) 3));
        DataException e = assertThrows(DataException.class, () -> IdxReader.read(img, List.of(), true));
        assertEquals(img + " is a truncated or damaged gzip file (Unexpected end of ZLIB input stream)", e.getMessage());
    }

    @Test
    void badMagicAndUnsupportedType() throws IOException {
        Path img = write("train-images-idx3-ubyte", "P5 2 2 255\n....".getBytes());
        write("train-labels-idx1-ubyte", labels((byte) 1));
        DataException e = assertThrows(DataException.class, () -> IdxReader.read(img, List.of(), true));
        assertEquals(img + " is not an IDX file: it does not start with the IDX magic number (two zero bytes, the type, "
                + "the number of dimensions)", e.getMessage());
        byte[] floats = images(1, 1, 1, new byte[4]);
        floats[2] = 0x0D;
        Files.write(img, floats);
        DataException f = assertThrows(DataException.class, () -> IdxReader.read(img, List.of(), true));
        assertEquals(img + " holds IDX type 0x0D; gn4j reads unsigned-byte (0x08) IDX files", f.getMessage());
    }

    @Test
    void labelsAreClassesAndTheTargetIsLabel() throws IOException {
        Path img = write("train-images-idx3-ubyte", images(3, 2, 2, PIXELS));
        write("train-labels-idx1-ubyte", labels((byte) 1, (byte) 2, (byte) 3));
        DataException mse = assertThrows(DataException.class, () -> IdxReader.read(img, List.of(), false));
        assertEquals(img + " holds images with class labels; train on it with --loss ce", mse.getMessage());
        DataException target = assertThrows(DataException.class, () -> IdxReader.read(img, List.of("digit"), true));
        assertEquals("an IDX images file has one target, 'label' (its labels file); --target named digit for " + img,
                target.getMessage());
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }
}
