package dev.gn4j.engine.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LibsvmReaderTest {
    @TempDir
    Path dir;

    @Test
    void sparseLinesBecomeDenseColumns() throws IOException {
        Path p = file("r.svm", """
                # a comment line
                1.5 1:0.5 3:-2
                -0.25 2:4e1   # trailing comment

                3 qid:7 1:1 2:2 3:3
                """);
        Dataset d = LibsvmReader.read(p, List.of(), false);
        assertEquals(3, d.rows());
        assertEquals(List.of("1", "2", "3"), d.featureNames());
        assertEquals(List.of("label"), d.targetNames());
        assertArrayEquals(new double[] {0.5, 0, -2, 0, 40, 0, 1, 2, 3}, d.features());
        assertArrayEquals(new double[] {1.5, -0.25, 3}, d.targets());
        assertNull(d.classNames());
    }

    @Test
    void integerClassLabels() throws IOException {
        Path p = file("c.libsvm", "0 1:1\n2 2:1\n1 1:0.5\n");
        Dataset d = LibsvmReader.read(p, List.of("label"), true);
        assertEquals(List.of("0", "1", "2"), d.classNames());
        assertArrayEquals(new double[] {0, 2, 1}, d.targets());
    }

    @Test
    void stringLabelsAreMappedInSortedOrderLikeCsv() throws IOException {
        Path p = file("s.txt", "+1 1:1\n-1 1:2\n+1 1:3\n");
        Dataset d = LibsvmReader.read(p, List.of(), true);
        assertEquals(List.of("+1", "-1"), d.classNames());
        assertArrayEquals(new double[] {0, 1, 0}, d.targets());
    }

    @Test
    void missingLabelNamesTheLine() throws IOException {
        Path p = file("m.svm", "1 1:2\n1:0.5 2:3\n");
        DataException e = assertThrows(DataException.class, () -> LibsvmReader.read(p, List.of(), false));
        assertEquals(p + " line 2 starts with '1:0.5', not a label; a LIBSVM line is 'label index:value ...'", e.getMessage());
    }

    @Test
    void fieldWithoutColon() throws IOException {
        Path p = file("f.svm", "1 1:2\n\n2 1:3 4\n");
        DataException e = assertThrows(DataException.class, () -> LibsvmReader.read(p, List.of(), false));
        assertEquals(p + " line 3, field 3: '4' is not index:value", e.getMessage());
    }

    @Test
    void zeroIndex() throws IOException {
        Path p = file("z.svm", "1 0:2\n");
        DataException e = assertThrows(DataException.class, () -> LibsvmReader.read(p, List.of(), false));
        assertEquals(p + " line 1, field 2: feature index '0' is not a positive integer (LIBSVM indices start at 1)",
                e.getMessage());
    }

    @Test
    void decreasingIndex() throws IOException {
        Path p = file("d.svm", "1 3:2 2:1\n");
        DataException e = assertThrows(DataException.class, () -> LibsvmReader.read(p, List.of(), false));
        assertEquals(p + " line 1: feature index 2 follows index 3; LIBSVM indices must increase along a line", e.getMessage());
    }

    @Test
    void nanValueAndNonNumericValue() throws IOException {
        Path nan = file("n.svm", "1 1:2\n2 2:NaN\n");
        DataException e1 = assertThrows(DataException.class, () -> LibsvmReader.read(nan, List.of(), false));
        assertEquals(nan + " line 2, feature 2: NaN is not a finite number", e1.getMessage());
        Path text = file("t.svm", "1 1:abc\n");
        DataException e2 = assertThrows(DataException.class, () -> LibsvmReader.read(text, List.of(), false));
        assertEquals(text + " line 1, feature 1: 'abc' is not a number", e2.getMessage());
    }

    @Test
    void nonNumericRegressionLabel() throws IOException {
        Path p = file("l.svm", "1 1:2\nyes 1:3\n");
        DataException e = assertThrows(DataException.class, () -> LibsvmReader.read(p, List.of(), false));
        assertEquals(p + " line 2, label: 'yes' is not a number", e.getMessage());
    }

    @Test
    void emptyFileAndWrongTarget() throws IOException {
        Path empty = file("e.svm", "# only a comment\n\n");
        DataException e1 = assertThrows(DataException.class, () -> LibsvmReader.read(empty, List.of(), false));
        assertEquals("data file '" + empty + "' holds no samples", e1.getMessage());
        Path p = file("ok.svm", "1 1:2\n");
        DataException e2 = assertThrows(DataException.class, () -> LibsvmReader.read(p, List.of("y"), false));
        assertEquals("a LIBSVM file has one target, 'label' (its first field); --target named y for " + p, e2.getMessage());
    }

    @Test
    void singleClassReads() throws IOException {
        // One class is a fine evaluation file; training refuses it (TrainingData).
        Path p = file("one.svm", "yes 1:2\nyes 1:3\n");
        assertEquals(List.of("yes"), LibsvmReader.read(p, List.of(), true).classNames());
    }

    private Path file(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }
}
