package dev.gn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** gn4j bench on tiny matrices: the table, bench.json, bench.png, device skips and usage errors. */
class BenchCommandTest {
    @TempDir
    Path dir;

    /** A matrix that runs in a second or two: small net, small ceilings, few steps. */
    private static List<String> tiny(Path out, String devices, String... more) {
        List<String> args = new ArrayList<>(List.of("bench", "--devices", devices, "--optimizers", "egn,ggn,sgd",
                "--batch", "4,8", "--model", "8-tanh", "--inputs", "6", "--outputs", "3", "--loss", "ce", "--dtypes", "f32",
                "--jacobian", "factored,explicit", "--steps", "4", "--warmup", "1", "--warmup-seconds", "0", "--ceiling-gemm", "64",
                "--ceiling-copy", "4096", "--out", out.toString()));
        args.addAll(List.of(more));
        return args;
    }

    @Test
    void writesTheTableJsonAndPlotForTheMatrix() throws Exception {
        Path out = dir.resolve("b");
        CliRunner r = CliRunner.run(tiny(out, "cpu").toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("config"), r.out());
        assertTrue(r.out().contains("%gemm"), r.out());
        assertTrue(r.out().contains("cpu egn f32 explicit b8"), r.out());
        assertTrue(r.out().contains("factored/explicit"), r.out());
        assertTrue(r.out().contains("egn/sgd"), r.out());
        assertTrue(r.out().contains("ggn: GGN is defined for the mse loss only"), r.out());

        JsonNode json = new ObjectMapper().readTree(out.resolve("bench.json").toFile());
        Set<String> labels = new TreeSet<>();
        json.get("results").forEach(n -> labels.add(n.get("label").asText()));
        assertEquals(Set.of("cpu egn f32 factored b4", "cpu egn f32 factored b8", "cpu egn f32 explicit b4",
                "cpu egn f32 explicit b8", "cpu sgd f32 b4", "cpu sgd f32 b8"), labels);
        assertEquals("bench", json.get("command").get(1).asText());
        assertEquals("--devices", json.get("command").get(2).asText());
        assertTrue(json.get("devices").get(0).get("description").asText().contains("OpenBLAS"));
        assertTrue(json.get("machine").get("blas").asText().contains("OpenBLAS"));
        if (r.err().contains("bench.png not drawn")) {
            org.junit.jupiter.api.Assumptions.abort("no fonts to draw bench.png here: " + r.err());
        }
        assertTrue(Files.size(out.resolve("bench.png")) > 1000, "bench.png was drawn");
    }

    @Test
    void aGpuThatIsNotThereIsReportedAndSkipped() throws Exception {
        Path out = dir.resolve("g");
        CliRunner r = CliRunner.run(tiny(out, "cpu,gpu", "--optimizers", "sgd", "--jacobian", "factored").toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        JsonNode gpu = new ObjectMapper().readTree(out.resolve("bench.json").toFile()).get("devices").get(1);
        assertEquals("gpu", gpu.get("name").asText());
        if (gpu.get("skipped").isNull()) {
            // a GPU host: then the GPU ran its cells and the ratios compare it with the CPU
            assertTrue(r.out().contains("gpu/cpu"), r.out());
        } else {
            assertTrue(r.err().contains("gpu: skipped: "), r.err());
            assertTrue(r.out().contains("gpu: skipped: "), r.out());
            assertTrue(r.out().contains("cpu sgd f32 b8"), r.out());
        }
    }

    @Test
    void onlyUnavailableDevicesIsExitFour() {
        CliRunner probe = CliRunner.run(tiny(dir.resolve("p"), "gpu", "--optimizers", "sgd", "--batch", "4").toArray(String[]::new));
        org.junit.jupiter.api.Assumptions.assumeFalse(probe.code() == 0, "this machine has a working GPU: nothing is unavailable");
        assertEquals(4, probe.code(), probe.err());
        assertTrue(probe.err().contains("no device in --devices gpu could run here"), probe.err());
    }

    @Test
    void badOptionsAreUsageErrors() {
        String[][] cases = {
                {"--optimizers", "lbfgs"},
                {"--optimizers", "lm"},
                {"--devices", "tpu"},
                {"--steps", "1"},
                {"--warmup-seconds", "-1"},
                {"--batch", "0"},
                {"--batch", "many"},
                {"--dtypes", "f16"},
                {"--jacobian", "dense"},
                {"--loss", "hinge"},
                {"--model", "8-tanhh"},
                {"--outputs", "1"},
                {"--rounds", "0"},
                {"--rounds", "100"},
        };
        for (String[] bad : cases) {
            CliRunner r = CliRunner.run(tiny(dir.resolve("u"), "cpu", bad).toArray(String[]::new));
            assertEquals(2, r.code(), String.join(" ", bad) + ": " + r.err());
            assertTrue(r.err().startsWith("gn4j: "), r.err());
        }
        assertTrue(Files.notExists(dir.resolve("u")), "nothing is written for a usage error");
    }

    @Test
    void aConvolutionalModelIsBenchedOverItsImageShapeWithItsFlopsCounted() throws Exception {
        Path out = dir.resolve("conv");
        CliRunner r = CliRunner.run("bench", "--devices", "cpu", "--optimizers", "egn,sgd", "--batch", "4", "--model",
                "conv2k3-relu-maxpool2-4-relu", "--inputs", "64", "--input-shape", "1x8x8", "--outputs", "3", "--loss", "ce",
                "--dtypes", "f64", "--steps", "2", "--warmup", "0", "--warmup-seconds", "0", "--ceiling-gemm", "64",
                "--ceiling-copy", "4096", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("cpu egn f64 factored b4"), r.out());
        JsonNode json = new ObjectMapper().readTree(out.resolve("bench.json").toFile());
        assertTrue(json.toString().contains("conv2k3"), "the model is recorded");
        JsonNode egn = json.get("results").get(0);
        assertTrue(egn.get("gflop").asDouble() > 0, egn.toString());
        assertTrue(egn.get("cost_items").toString().contains("convRows"), "the convolution's rows are counted: " + egn.get("cost_items"));
        CliRunner noShape = CliRunner.run("bench", "--devices", "cpu", "--model", "conv2k3-relu", "--inputs", "64",
                "--outputs", "3", "--out", dir.resolve("none").toString());
        assertEquals(2, noShape.code(), noShape.err());
        assertTrue(noShape.err().contains("--input-shape"), noShape.err());
    }
}
