package dev.gn4j.engine.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataFilesTest {
    @TempDir
    Path dir;

    @Test
    void csvAndGzippedCsvReadAlike() throws IOException {
        String text = "a,b,y\n1,2,3\n4,5,6\n";
        Path csv = dir.resolve("d.csv");
        Files.writeString(csv, text);
        Path gz = dir.resolve("d.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        Dataset plain = DataFiles.read(csv, List.of("y"), false);
        Dataset zipped = DataFiles.read(gz, List.of("y"), false);
        assertArrayEquals(plain.features(), zipped.features());
        assertArrayEquals(new double[] {3, 6}, zipped.targets());
        assertEquals(List.of("a", "b"), zipped.featureNames());
        assertEquals(gz.toString(), zipped.source());
    }

    @Test
    void gzippedCsvErrorsStillNameTheLine() throws IOException {
        Path gz = dir.resolve("bad.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write("a,y\n1,2\n3\n".getBytes(StandardCharsets.UTF_8));
        }
        DataException e = assertThrows(DataException.class, () -> DataFiles.read(gz, List.of("y"), false));
        assertEquals(gz + " line 3 has 1 fields; the header has 2", e.getMessage());
    }

    @Test
    void dispatchesOnTheExtension() throws IOException {
        for (String ext : List.of("svm", "libsvm", "svmlight", "txt")) {
            Path p = dir.resolve("d." + ext);
            Files.writeString(p, "1 1:2\n0 2:3\n");
            assertEquals(List.of("1", "2"), DataFiles.read(p, List.of(), false).featureNames(), ext);
        }
        Path npy = dir.resolve("a.npy");
        Files.write(npy, Base64.getDecoder().decode(NpyReaderTest.F8_C_V1));
        assertEquals(List.of("0", "1"), DataFiles.read(npy, List.of("2"), false).featureNames());
        Path img = dir.resolve("train-images-idx3-ubyte");
        Files.write(img, IdxReaderTest.images(3, 2, 2, IdxReaderTest.PIXELS));
        Files.write(dir.resolve("train-labels-idx1-ubyte"), IdxReaderTest.labels((byte) 0, (byte) 1, (byte) 2));
        assertEquals(4, DataFiles.read(img, List.of(), true).featureCount());
    }

    @Test
    void npyWithoutItsExtensionIsKnownByItsMagic() throws IOException {
        Path p = dir.resolve("array.bin");
        Files.write(p, Base64.getDecoder().decode(NpyReaderTest.F8_C_V1));
        assertEquals(DataFormat.NPY, DataFormat.of(p));
        assertArrayEquals(new double[] {0, 1}, DataFiles.read(p, List.of("2"), false).targets());
    }

    @Test
    void unknownFormat() throws IOException {
        Path p = dir.resolve("data.parquet");
        Files.writeString(p, "PAR1");
        DataException e = assertThrows(DataException.class, () -> DataFiles.read(p, List.of("y"), false));
        assertEquals("cannot tell the format of " + p + " from its name; gn4j reads .csv or .csv.gz (CSV), .npy (NumPy), "
                + ".svm, .libsvm, .svmlight or .txt (LIBSVM), or an IDX images file named *idx3-ubyte[.gz]", e.getMessage());
    }

    @Test
    void labelsFileInsteadOfImages() throws IOException {
        Path p = dir.resolve("train-labels-idx1-ubyte");
        Files.write(p, IdxReaderTest.labels((byte) 1));
        DataException e = assertThrows(DataException.class, () -> DataFiles.read(p, List.of(), true));
        assertEquals(p + " is an IDX labels file; name the images file (…idx3-ubyte) instead, its labels are found next to "
                + "it by name", e.getMessage());
    }

    @Test
    void missingFile() {
        Path p = dir.resolve("nope.npy");
        DataException e = assertThrows(DataException.class, () -> DataFiles.read(p, List.of("0"), false));
        assertEquals("data file '" + p + "' does not exist", e.getMessage());
    }
}
