package dev.gn4j.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsTableTest {
    @TempDir
    Path dir;

    @Test
    void emptyCellsAreUnrecordedAndNanTextIsAValue() throws IOException {
        Path csv = Files.writeString(dir.resolve("metrics.csv"), """
                step,epoch,wall_s,train_loss,val_loss
                0,0.0,0.0,2.0,2.1
                1,0.5,0.1,1.0,
                2,1.0,0.2,NaN,
                3,1.5,0.3,Infinity,0.9
                4,2.0,0.4,0.5,
                """);
        MetricsTable t = MetricsTable.read(csv);
        assertEquals(5, t.rowCount());
        assertTrue(t.has("val_loss"));
        assertFalse(t.has("val_accuracy"));
        Series train = t.series("train", "step", "train_loss");
        assertArrayEquals(new double[] {0, 1, 2, 3, 4}, train.x());
        assertArrayEquals(new double[] {2.0, 1.0, Double.NaN, Double.POSITIVE_INFINITY, 0.5}, train.y());
        Series val = t.series("validation", "step", "val_loss");
        assertArrayEquals(new double[] {0, 3}, val.x(), "rows without a value are left out, so the recorded ones connect");
        assertArrayEquals(new double[] {2.1, 0.9}, val.y());
    }

    @Test
    void anUnfinishedLastLineIsIgnored() throws IOException {
        Path csv = Files.writeString(dir.resolve("metrics.csv"), "step,train_loss\n0,1.5\n1,1.2\n2,1.0e");
        assertEquals(2, MetricsTable.read(csv).rowCount(), "training may be appending to the file right now");
    }

    @Test
    void errorsNameTheFileLineAndColumn() throws IOException {
        Path bad = Files.writeString(dir.resolve("metrics.csv"), "step,train_loss\n0,1.5\n1,abc\n");
        IOException e = assertThrows(IOException.class, () -> MetricsTable.read(bad).series("train", "step", "train_loss"));
        assertTrue(e.getMessage().contains("line 3, column train_loss: 'abc'"), e.getMessage());
        IOException missing = assertThrows(IOException.class, () -> MetricsTable.read(bad).series("v", "step", "val_loss"));
        assertTrue(missing.getMessage().contains("no column 'val_loss'"), missing.getMessage());
        Path empty = Files.writeString(dir.resolve("empty.csv"), "");
        assertThrows(IOException.class, () -> MetricsTable.read(empty));
    }
}
