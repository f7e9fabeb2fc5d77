package dev.gn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gn4j.engine.backend.cpu.CpuThreads;
import dev.gn4j.engine.io.Safetensors;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --threads: taken by OpenBLAS and the kernels, recorded, and the same weights every time for a fixed count. */
class ThreadsOptionTest {
    @TempDir
    Path dir;

    @AfterEach
    void restore() {
        CpuThreads.use(CpuThreads.defaultCount());
    }

    private String weights(String name, int threads) throws Exception {
        Path out = dir.resolve(name);
        // m = 256 · 9 rows: the Gram's Java loops are cut into parts by the thread count.
        CliRunner r = CliRunner.run("train", "-q", "--dataset", "digits", "--model", "64-tanh", "--batch", "256", "--steps", "4",
                "--dtype", "f64", "--device", "cpu", "--solver", "cholesky", "--threads", String.valueOf(threads),
                "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode config = new ObjectMapper().readTree(out.resolve("config.json").toFile());
        assertEquals(threads, config.get("options").get("threads").asInt(), "resume and --config repeat it");
        assertTrue(config.get("device_description").asText().contains("threads " + threads + "; Java kernels on " + threads
                + " thread"), config.get("device_description").asText());
        return Safetensors.read(out.resolve("model.safetensors")).metadata().get(Safetensors.TENSORS_SHA256);
    }

    @Test
    void aFixedCountTrainsToTheSameBits() throws Exception {
        for (int n : new int[] {1, 2}) {
            assertEquals(weights("a" + n, n), weights("b" + n, n), n + " threads, twice");
        }
    }

    @Test
    void aCountBelowOneIsAUsageError() {
        CliRunner r = CliRunner.fails(2, "train", "--dataset", "iris", "--steps", "1", "--threads", "0", "--out",
                dir.resolve("zero").toString());
        assertTrue(r.err().contains("--threads must be at least 1"), r.err());
    }
}
