package dev.gn4j.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gn4j.engine.backend.DType;
import dev.gn4j.engine.data.DataException;
import dev.gn4j.engine.io.ModelCheckpoint;
import dev.gn4j.engine.io.Safetensors;
import dev.gn4j.engine.model.Init;
import dev.gn4j.engine.model.Mlp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsTest {
    @TempDir
    Path dir;

    @Test
    void modelRoundTripsInBothDtypesWithPyTorchLayout() throws IOException {
        Mlp mlp = Mlp.parse("5-relu-4-gelu", 3, 2);
        double[] theta = Init.draw(mlp, 9);
        for (DType dt : DType.values()) {
            Path f = dir.resolve("m-" + dt + ".safetensors");
            ModelCheckpoint.save(f, mlp, theta, dt, Map.of("model", mlp.hiddenSpec()));
            double[] back = ModelCheckpoint.load(f, mlp);
            for (int i = 0; i < theta.length; i++) {
                assertEquals(theta[i], back[i], dt == DType.F64 ? 0 : 1e-6 * Math.abs(theta[i]));
            }
            Safetensors.Contents c = Safetensors.read(f);
            assertEquals("5-relu-4-gelu", c.metadata().get("model"));
            Safetensors.Tensor w0 = c.tensors().get("layers.0.weight");
            assertArrayEquals(new int[] {5, 3}, w0.shape());
            // Row-major [out, in]: element (j, k) is W[j][k], which θ holds column-major at j + 5k.
            assertEquals(theta[1 + 5 * 2], w0.data()[1 * 3 + 2], dt == DType.F64 ? 0 : 1e-6);
            assertEquals(dt, w0.dtype());
        }
    }

    @Test
    void truncatedFileIsADataError() throws IOException {
        Mlp mlp = Mlp.parse("4-tanh", 2, 1);
        Path f = dir.resolve("m.safetensors");
        ModelCheckpoint.save(f, mlp, Init.draw(mlp, 1), DType.F64, Map.of());
        byte[] all = Files.readAllBytes(f);
        Path cut = Files.write(dir.resolve("cut.safetensors"), Arrays.copyOf(all, all.length - 9));
        DataException e = assertThrows(DataException.class, () -> ModelCheckpoint.load(cut, mlp));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void modelSpecParsesAndPrints() {
        Mlp m = Mlp.parse("64-tanh-32", 10, 3);
        assertEquals("64-tanh-32-tanh", m.hiddenSpec());
        assertEquals(10 * 64 + 64 + 64 * 32 + 32 + 32 * 3 + 3, m.parameterCount());
        assertEquals("linear", Mlp.parse("linear", 4, 1).hiddenSpec());
        assertThrows(IllegalArgumentException.class, () -> Mlp.parse("", 4, 1)); // an empty spec is a slip, 'linear' the spelling
        assertThrows(IllegalArgumentException.class, () -> Mlp.parse("64-tanh-0", 4, 1));
        assertThrows(IllegalArgumentException.class, () -> Mlp.parse("tanh-64", 4, 1));
    }
}
