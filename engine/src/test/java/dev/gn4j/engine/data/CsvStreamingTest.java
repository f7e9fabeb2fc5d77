package dev.gn4j.engine.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The streaming CSV pass: cells stored in blocks of rows read back across block boundaries,
 * facts of a column (its first text, missing and non-finite cell) known only at the end yet
 * reported in line order, and the content size the heap check projects from.
 */
class CsvStreamingTest {
    @TempDir
    Path dir;

    /** The error reading {@code text} as dir/name with target y, "FILE" standing for the file's path. */
    private String errorOf(String name, String text, CsvOptions options) throws IOException {
        Path p = Files.writeString(dir.resolve(name), text);
        return assertThrows(DataException.class, () -> CsvReader.read(p, List.of("y"), false, options)).getMessage()
                .replace(p.toString(), "FILE");
    }

    private String errorOf(String name, String text) throws IOException {
        return errorOf(name, text, CsvOptions.DEFAULT);
    }

    /** Row i: a = i / 8, color from three, b missing every 50th row, y = i mod 3; a blank line every 1,000th. */
    private Path table(int rows) throws IOException {
        StringBuilder sb = new StringBuilder("a,color,b,y\n");
        for (int i = 0; i < rows; i++) {
            if (i % 1000 == 999) {
                sb.append('\n');
            }
            sb.append(i / 8.0).append(',').append("red,green,blue".split(",")[i % 3]).append(',')
                    .append(i % 50 == 0 ? "" : Integer.toString(i % 9)).append(',').append(i % 3).append('\n');
        }
        return Files.writeString(dir.resolve("t.csv"), sb);
    }

    @Test
    void rowsAcrossManyBlocksReadBackInPlace() throws IOException {
        int n = 70_000; // 16,384 rows a block at 4 stored columns: five blocks
        Dataset d = CsvReader.read(table(n), List.of("y"), true,
                new CsvOptions((char) 0, null, CsvOptions.Missing.MEAN, false));
        assertEquals(n, d.rows());
        assertEquals(List.of("a", "color=blue", "color=green", "color=red", "b"), d.featureNames());
        double sum = 0;
        int present = 0;
        for (int i = 0; i < n; i++) {
            if (i % 50 != 0) {
                sum += i % 9;
                present++;
            }
        }
        for (int i : new int[] {0, 1, 16_383, 16_384, 16_385, 32_767, 32_768, 65_535, 65_536, n - 1}) {
            assertEquals(i / 8.0, d.feature(i, 0), "row " + i);
            assertEquals(1.0, d.feature(i, 3 - i % 3), "row " + i + " is " + "red,green,blue".split(",")[i % 3]);
            assertEquals(i % 50 == 0 ? sum / present : i % 9, d.feature(i, 4), 1e-9, "row " + i);
            assertEquals(i % 3, d.targets()[i], "row " + i);
            assertEquals(i + 2 + (i + 1) / 1000, d.lines()[i], "the line of row " + i + ", past the blank lines before it");
        }
        assertEquals(List.of("0", "1", "2"), d.classNames());
    }

    @Test
    void aColumnsFirstBadCellIsReportedInLineOrderThoughKnownAtTheEnd() throws IOException {
        assertEquals("FILE line 3, column 2 ('b'): -NaN is not a finite number",
                errorOf("bad.csv", "a,b,y\n1,2,3\n4,-NaN,5\n6,seven,8\n9,10,+NaN\n"));
        assertEquals("FILE line 4, column 2 ('b'): 'seven' is not a number", errorOf("text.csv", "a,b,y\n1,2,3\n4,,5\n6,seven,8\n",
                new CsvOptions((char) 0, null, CsvOptions.Missing.MEDIAN, false)));
    }

    @Test
    void quotedFieldsMayHoldDelimitersQuotesAndLineBreaks() throws IOException {
        String quoted = "name,x,y\n\"a, b\",1,2\n\"say \"\"hi\"\"\nthere\",3,4\n";
        // The record that spans lines 3 and 4 is one row; the next starts on line 5.
        assertEquals("FILE line 5, column 2 ('x'): 'bad' is not a number", errorOf("q.csv", quoted + "c,bad,6\n"));
        Dataset d = CsvReader.read(Files.writeString(dir.resolve("ok.csv"), quoted), List.of("y"), false);
        assertEquals(List.of("name=a, b", "name=say \"hi\"\nthere", "x"), d.featureNames());
        assertEquals(3, d.lines()[1]);
        assertEquals("FILE line 3 has an unterminated quoted field", errorOf("open.csv", "x,y\n1,2\n\"3,4\n5,6\n"));
    }

    @Test
    void blankLinesBeforeTheHeaderCountInLineNumbers() throws IOException {
        assertEquals("FILE line 5, column 1 ('x'): 'three' is not a number", errorOf("b.csv", "\n  \n\uFEFFx;y\n1;2\nthree;4\n"));
    }

    @Test
    void aMisnamedTargetIsRefusedFromTheHeader() throws IOException {
        assertEquals("target column 'y' is not in FILE; its columns are: a, b", errorOf("h.csv", "a,b\n1,2\n3,x,9\n"));
    }

    @Test
    void theContentSizeOfAGzipFileIsItsUncompressedLength() throws IOException {
        byte[] text = "a,y\n1,2\n".repeat(5000).getBytes(StandardCharsets.UTF_8);
        Path gz = dir.resolve("d.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(text);
        }
        assertEquals(text.length, DataFiles.contentSize(gz));
        Path plain = Files.write(dir.resolve("d.csv"), text);
        assertEquals(text.length, DataFiles.contentSize(plain));
    }
}
