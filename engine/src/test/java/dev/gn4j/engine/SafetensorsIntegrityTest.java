package dev.gn4j.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gn4j.engine.backend.DType;
import dev.gn4j.engine.data.DataException;
import dev.gn4j.engine.io.Safetensors;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Safetensors files that lie (issue 14, items 8 and 9): corrupted bytes, offsets that overflow or overlap, non-files. */
class SafetensorsIntegrityTest {
    @TempDir
    Path dir;

    private Path written() throws IOException {
        Map<String, Safetensors.Tensor> t = new LinkedHashMap<>();
        t.put("a", new Safetensors.Tensor(DType.F64, new int[] {2, 2}, new double[] {1, 2, 3, 4}));
        t.put("b", new Safetensors.Tensor(DType.F32, new int[] {3}, new double[] {5, 6, 7}));
        Path f = dir.resolve("m.safetensors");
        Safetensors.write(f, t, Map.of("format", "test"));
        return f;
    }

    /** A file with the given JSON header and {@code dataBytes} zero bytes of data. */
    private Path crafted(String header, int dataBytes) throws IOException {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h);
        Path f = dir.resolve("crafted.safetensors");
        Files.write(f, b.array());
        return f;
    }

    @Test
    void aFlippedBitInATensorIsADataErrorNotADifferentModel() throws IOException {
        Path f = written();
        assertArrayEquals(new double[] {1, 2, 3, 4}, Safetensors.read(f).tensors().get("a").data());
        byte[] bytes = Files.readAllBytes(f);
        long headerLen = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        bytes[(int) (8 + headerLen + 7)] ^= 0x10; // an exponent bit of a[0]
        Files.write(f, bytes);
        DataException e = assertThrows(DataException.class, () -> Safetensors.read(f));
        assertTrue(e.getMessage().contains("corrupted"), e.getMessage());
    }

    @Test
    void offsetsNearTwoToTheSixtyThreeAreRefused() throws IOException {
        Path f = crafted("{\"a\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[9223372036854775800,9223372036854775807]}}", 8);
        DataException e = assertThrows(DataException.class, () -> Safetensors.read(f));
        assertTrue(e.getMessage().contains("tensor 'a'"), e.getMessage());
        Path big = crafted("{\"a\":{\"dtype\":\"F64\",\"shape\":[4611686018427387905,4],\"data_offsets\":[0,8]}}", 8);
        assertThrows(DataException.class, () -> Safetensors.read(big));
    }

    @Test
    void overlappingTensorsAreRefused() throws IOException {
        Path f = crafted("{\"a\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[0,16]},"
                + "\"b\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[8,24]}}", 24);
        DataException e = assertThrows(DataException.class, () -> Safetensors.read(f));
        assertTrue(e.getMessage().contains("overlap"), e.getMessage());
    }

    @Test
    void aDeviceIsNotReadAsAModel() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(Path.of("/dev/zero")));
        DataException e = assertThrows(DataException.class, () -> Safetensors.read(Path.of("/dev/zero")));
        assertTrue(e.getMessage().contains("not a regular file"), e.getMessage());
    }
}
