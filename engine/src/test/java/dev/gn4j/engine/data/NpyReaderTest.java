package dev.gn4j.engine.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyReaderTest {
    // Written by numpy 2.4.6 (np.save / numpy.lib.format.write_array), so the header parsing is held to
    // what numpy really writes, not to this reader's own idea of the format.
    /** [[1.5, -2, 0], [3.25, 4, 1]] as '<f8', C order, format 1.0. */
    static final String F8_C_V1 = "k05VTVBZAQB2AHsnZGVzY3InOiAnPGY4JywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDIsIDMpLCB9ICAgICAg"
            + "ICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAAAAAAAD4PwAAAAAAAADAAAAAAAAA"
            + "AAAAAAAAAAAKQAAAAAAAABBAAAAAAAAA8D8=";
    /** [[1, -2, 3], [400, 5, 0]] as '>i2', Fortran order, format 1.0. */
    static final String I2_BE_FORTRAN_V1 = "k05VTVBZAQB2AHsnZGVzY3InOiAnPmkyJywgJ2ZvcnRyYW5fb3JkZXInOiBUcnVlLCAnc2hhcGUnOiAoMiwgMyksIH0gICAgICAg"
            + "ICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAAQGQ//4ABQADAAA=";
    /** [[7, 0], [255, 2]] as '|u1', format 2.0. */
    static final String U1_V2 = "k05VTVBZAgB0AAAAeydkZXNjcic6ICd8dTEnLCAnZm9ydHJhbl9vcmRlcic6IEZhbHNlLCAnc2hhcGUnOiAoMiwgMiksIH0gICAg"
            + "ICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoHAP8C";
    /** [[0.5, 1], [2, 0]] as '>f4', format 3.0. */
    static final String F4_BE_V3 = "k05VTVBZAwB0AAAAeydkZXNjcic6ICc+ZjQnLCAnZm9ydHJhbl9vcmRlcic6IEZhbHNlLCAnc2hhcGUnOiAoMiwgMiksIH0gICAg"
            + "ICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAo/AAAAP4AAAEAAAAAAAAAA";

    @TempDir
    Path dir;

    @Test
    void float64COrderWrittenByNumpy() throws IOException {
        Dataset d = NpyReader.read(write("a.npy", F8_C_V1), List.of("2"), false);
        assertEquals(2, d.rows());
        assertEquals(List.of("0", "1"), d.featureNames());
        assertEquals(List.of("2"), d.targetNames());
        assertArrayEquals(new double[] {1.5, -2, 3.25, 4}, d.features());
        assertArrayEquals(new double[] {0, 1}, d.targets());
        assertNull(d.classNames());
    }

    @Test
    void bigEndianInt16FortranOrderWrittenByNumpy() throws IOException {
        Dataset d = NpyReader.read(write("b.npy", I2_BE_FORTRAN_V1), List.of("0", "2"), false);
        assertEquals(List.of("1"), d.featureNames());
        assertArrayEquals(new double[] {-2, 5}, d.features());
        assertArrayEquals(new double[] {1, 3, 400, 0}, d.targets(), "rows of (col 0, col 2)");
    }

    @Test
    void unsignedBytesVersion2AsClassLabels() throws IOException {
        Dataset d = NpyReader.read(write("c.npy", U1_V2), List.of("1"), true);
        assertArrayEquals(new double[] {7, 255}, d.features());
        assertArrayEquals(new double[] {0, 2}, d.targets());
        assertEquals(List.of("0", "1", "2"), d.classNames());
    }

    @Test
    void bigEndianFloat32Version3() throws IOException {
        Dataset d = NpyReader.read(write("d.npy", F4_BE_V3), List.of("0"), false);
        assertArrayEquals(new double[] {1, 0}, d.features());
        assertArrayEquals(new double[] {0.5, 2}, d.targets());
    }

    @Test
    void littleEndianInt8Int32Int64() throws IOException {
        Dataset i1 = NpyReader.read(npy("i1.npy", "|i1", false, 2, 2, new byte[] {-3, 4, 5, -6}), List.of("1"), false);
        assertArrayEquals(new double[] {-3, 5}, i1.features());
        ByteBuffer b4 = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putInt(-70000).putInt(1).putInt(2).putInt(3);
        Dataset i4 = NpyReader.read(npy("i4.npy", "<i4", false, 2, 2, b4.array()), List.of("1"), false);
        assertArrayEquals(new double[] {-70000, 2}, i4.features());
        ByteBuffer b8 = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(1L << 40).putLong(-9);
        Dataset i8 = NpyReader.read(npy("i8.npy", "<i8", false, 1, 2, b8.array()), List.of("1"), false);
        assertArrayEquals(new double[] {1L << 40}, i8.features());
        assertArrayEquals(new double[] {-9}, i8.targets());
    }

    @Test
    void truncatedData() throws IOException {
        byte[] whole = Base64.getDecoder().decode(F8_C_V1);
        Path p = dir.resolve("t.npy");
        Files.write(p, Arrays.copyOf(whole, whole.length - 5));
        DataException e = assertThrows(DataException.class, () -> NpyReader.read(p, List.of("0"), false));
        assertEquals(p + " is truncated: its header declares 2 × 3 values of '<f8' (48 bytes) but 43 bytes follow the header",
                e.getMessage());
    }

    @Test
    void truncatedHeader() throws IOException {
        byte[] whole = Base64.getDecoder().decode(F8_C_V1);
        Path p = dir.resolve("h.npy");
        Files.write(p, Arrays.copyOf(whole, 40));
        DataException e = assertThrows(DataException.class, () -> NpyReader.read(p, List.of("0"), false));
        assertEquals(p + " is truncated: its header is 118 bytes but the file holds 30 after the preamble", e.getMessage());
    }

    @Test
    void badMagic() throws IOException {
        Path p = dir.resolve("m.npy");
        Files.writeString(p, "a,b\n1,2\n");
        DataException e = assertThrows(DataException.class, () -> NpyReader.read(p, List.of("0"), false));
        assertEquals(p + " is not an NPY file: it does not start with the NPY magic string \\x93NUMPY", e.getMessage());
    }

    @Test
    void nanNamesTheElement() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN).putDouble(1).putDouble(2).putDouble(Double.NaN)
                .putDouble(4);
        Path p = npy("nan.npy", "<f8", false, 2, 2, b.array());
        DataException e = assertThrows(DataException.class, () -> NpyReader.read(p, List.of("1"), false));
        assertEquals(p + ": element [1, 0] is NaN; gn4j needs finite numbers", e.getMessage());
    }

    @Test
    void aShapeWhoseProductWrapsIsRefusedNotReadAsFourValues() throws IOException {
        Path p = npy("wrap.npy", "<f8", "(4611686018427387905, 4)", false, new byte[32]); // (2^62 + 1) × 4 wraps to 4
        DataException e = assertThrows(DataException.class, () -> NpyReader.read(p, List.of("0"), false));
        assertTrue(e.getMessage().contains("more than the"), e.getMessage());
    }

    @Test
    void threeDimensionalArray() throws IOException {
        Path p = npy("3d.npy", "<f8", "(1, 1, 2)", false, new byte[16]);
        DataException e = assertThrows(DataException.class, () -> NpyReader.read(p, List.of("0"), false));
        assertEquals(p + " holds a 3-D array of shape (1, 1, 2); gn4j reads 2-D arrays (rows × columns)", e.getMessage());
    }

    @Test
    void unsupportedElementType() throws IOException {
        Path p = npy("c16.npy", "<c16", false, 1, 2, new byte[32]);
        DataException e = assertThrows(DataException.class, () -> NpyReader.read(p, List.of("0"), false));
        assertEquals(p + " holds elements of type '<c16'; gn4j reads f4, f8, i1, i2, i4, i8 and u1 (either byte order)",
                e.getMessage());
    }

    @Test
    void unknownOrMissingTarget() throws IOException {
        Path p = write("a.npy", F8_C_V1);
        DataException unknown = assertThrows(DataException.class, () -> NpyReader.read(p, List.of("3"), false));
        assertEquals("target column '3' is not in " + p + "; its columns are 0..2", unknown.getMessage());
        DataException none = assertThrows(DataException.class, () -> NpyReader.read(p, List.of(), false));
        assertEquals("--target names no column; the columns of an NPY file are named 0..d−1", none.getMessage());
    }

    @Test
    void fractionalClassLabel() throws IOException {
        Path p = write("a.npy", F8_C_V1);
        DataException e = assertThrows(DataException.class, () -> NpyReader.read(p, List.of("0"), true));
        assertEquals(p + " element [0, 0]: 1.5 is not a class label; class labels are integers 0..c−1", e.getMessage());
    }

    private Path write(String name, String base64) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, Base64.getDecoder().decode(base64));
        return p;
    }

    private Path npy(String name, String descr, boolean fortran, int rows, int cols, byte[] data) throws IOException {
        return npy(name, descr, "(" + rows + ", " + cols + ")", fortran, data);
    }

    /** A version 1.0 file, header padded with spaces to a multiple of 64 bytes as numpy does. */
    private Path npy(String name, String descr, String shape, boolean fortran, byte[] data) throws IOException {
        StringBuilder h = new StringBuilder("{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False")
                + ", 'shape': " + shape + ", }");
        while ((10 + h.length() + 1) % 64 != 0) {
            h.append(' ');
        }
        h.append('\n');
        byte[] header = h.toString().getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer b = ByteBuffer.allocate(10 + header.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.ISO_8859_1)).put((byte) 1).put((byte) 0)
                .putShort((short) header.length).put(header).put(data);
        Path p = dir.resolve(name);
        Files.write(p, b.array());
        return p;
    }
}
