package dev.gn4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A convolutional network from the command line: trained, saved with its input shape, evaluated, resumed. */
class ConvTrainingTest {
    static final Path DIGITS = Path.of("../datasets/digits.csv");

    @TempDir
    Path dir;

    @Test
    void anImageDatasetTrainsACnnWithEgnAndTheSavedModelEvaluates() throws IOException {
        Path run = dir.resolve("run");
        CliRunner r = CliRunner.run("train", "-q", "--dataset", "digits", "--model", "conv4k3-relu-conv8k3s2-relu-16-relu",
                "--optimizer", "egn", "--steps", "6", "--batch", "64", "--device", "cpu", "--out", run.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode summary = new ObjectMapper().readTree(run.resolve("summary.json").toFile());
        assertTrue(summary.get("final_train_loss").asDouble() < summary.get("initial_train_loss").asDouble(), summary.toString());
        JsonNode config = new ObjectMapper().readTree(run.resolve("config.json").toFile());
        assertTrue(config.get("network").asText().startsWith("1x8x8 → conv3×3 4x6x6 relu"), config.get("network").asText());
        CliRunner eval = CliRunner.run("eval", "--checkpoint", run.toString(), "--data", DIGITS.toString(), "--device", "cpu");
        assertEquals(0, eval.code(), eval.err());
        assertTrue(eval.out().contains("accuracy"), eval.out());
    }

    @Test
    void anAveragePooledCnnWithSamePaddingTrainsSavesEvaluatesAndResumesExactly() throws IOException {
        String[] base = {"train", "-q", "--dataset", "digits", "--model", "conv4k3same-relu-avgpool2-8-relu", "--optimizer", "egn",
                "--batch", "64", "--dtype", "f64", "--device", "cpu"};
        Path whole = dir.resolve("whole"), split = dir.resolve("split");
        CliRunner r = CliRunner.run(with(base, "--steps", "6", "--out", whole.toString()));
        assertEquals(0, r.code(), r.err());
        JsonNode summary = new ObjectMapper().readTree(whole.resolve("summary.json").toFile());
        assertTrue(summary.get("final_train_loss").asDouble() < summary.get("initial_train_loss").asDouble(), summary.toString());
        JsonNode config = new ObjectMapper().readTree(whole.resolve("config.json").toFile());
        assertTrue(config.get("network").asText().startsWith("1x8x8 → conv3×3 4x8x8 relu → avgpool2 4x4x4 → 8 relu → 10"),
                config.get("network").asText());
        var saved = dev.gn4j.engine.io.Safetensors.read(whole.resolve("model.safetensors"));
        assertEquals("conv4k3p1-relu-avgpool2-8-relu", saved.metadata().get("model")); // 'same' saved as its padding
        assertEquals(java.util.Set.of("layers.0.weight", "layers.0.bias", "layers.2.weight", "layers.2.bias", "layers.3.weight",
                "layers.3.bias"), saved.tensors().keySet());
        CliRunner eval = CliRunner.run("eval", "--checkpoint", whole.toString(), "--data", DIGITS.toString(), "--device", "cpu");
        assertEquals(0, eval.code(), eval.err());
        assertTrue(eval.out().contains("accuracy"), eval.out());

        CliRunner first = CliRunner.run(with(base, "--steps", "3", "--out", split.toString()));
        assertEquals(0, first.code(), first.err());
        CliRunner resumed = CliRunner.run("train", "-q", "--resume", split.toString(), "--steps", "6");
        assertEquals(0, resumed.code(), resumed.err());
        assertArrayEquals(Files.readAllBytes(whole.resolve("model.safetensors")), Files.readAllBytes(split.resolve("model.safetensors")),
                "weights after resume must equal an uninterrupted run's");
    }

    private static String[] with(String[] base, String... more) {
        String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    @Test
    void aCsvFileTakesItsImageShapeFromTheFlagAndWithoutItTheErrorSaysSo() {
        CliRunner r = CliRunner.run("train", "-q", "--data", DIGITS.toString(), "--target", "digit", "--loss", "ce",
                "--input-shape", "1x8x8", "--model", "conv4k3-relu-10-relu", "--optimizer", "smw-ng", "--curvature-batch", "16",
                "--steps", "3", "--batch", "32", "--device", "cpu", "--out", dir.resolve("flag").toString());
        assertEquals(0, r.code(), r.err());
        CliRunner missing = CliRunner.run("train", "--data", DIGITS.toString(), "--target", "digit", "--loss", "ce",
                "--model", "conv4k3-relu", "--steps", "2", "--device", "cpu", "--out", dir.resolve("none").toString());
        assertEquals(2, missing.code(), missing.err());
        assertTrue(missing.err().contains("--input-shape") && missing.err().contains("layer 1 (conv4k3)"), missing.err());
        CliRunner wrong = CliRunner.run("train", "--data", DIGITS.toString(), "--target", "digit", "--loss", "ce",
                "--input-shape", "1x7x7", "--model", "conv4k3-relu", "--steps", "2", "--device", "cpu", "--out",
                dir.resolve("wrong").toString());
        assertEquals(2, wrong.code(), wrong.err());
        assertTrue(wrong.err().contains("1x7x7") && wrong.err().contains("64"), wrong.err());
    }

    @Test
    void anIdxFileBringsItsImageShape() throws IOException {
        int n = 40, h = 6, w = 6;
        java.util.Random rnd = new java.util.Random(2);
        java.nio.ByteBuffer img = java.nio.ByteBuffer.allocate(16 + n * h * w).putInt(0x00000803).putInt(n).putInt(h).putInt(w);
        java.nio.ByteBuffer lab = java.nio.ByteBuffer.allocate(8 + n).putInt(0x00000801).putInt(n);
        for (int i = 0; i < n; i++) {
            int label = i % 10;
            lab.put((byte) label);
            for (int p = 0; p < h * w; p++) {
                // The label's own column lit, plus noise: something a small CNN can learn.
                img.put((byte) (p % w == label % w ? 200 + rnd.nextInt(55) : rnd.nextInt(60)));
            }
        }
        Path images = java.nio.file.Files.write(dir.resolve("train-images-idx3-ubyte"), img.array());
        java.nio.file.Files.write(dir.resolve("train-labels-idx1-ubyte"), lab.array());
        Path run = dir.resolve("idx");
        CliRunner r = CliRunner.run("train", "-q", "--data", images.toString(), "--loss", "ce", "--model", "conv3k3-relu-8-relu",
                "--optimizer", "egn", "--steps", "3", "--batch", "20", "--device", "cpu", "--out", run.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode config = new ObjectMapper().readTree(run.resolve("config.json").toFile());
        assertTrue(config.get("network").asText().startsWith("1x6x6 → conv3×3 3x4x4 relu"), config.get("network").asText());
        CliRunner eval = CliRunner.run("eval", "--checkpoint", run.toString(), "--data", images.toString(), "--device", "cpu");
        assertEquals(0, eval.code(), eval.err());
        assertTrue(eval.out().contains("accuracy"), eval.out());
    }
}
