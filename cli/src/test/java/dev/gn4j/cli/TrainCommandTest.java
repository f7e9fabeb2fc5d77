package dev.gn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** gn4j train end to end on the shipped datasets, and its error paths. */
class TrainCommandTest {
    static final Path DIABETES = Path.of("../datasets/diabetes.csv");
    static final Path IRIS = Path.of("../datasets/iris.csv");

    @TempDir
    Path dir;

    @Test
    void everyCommandsHelpFormatsCleanly() {
        for (String command : List.of("train", "eval", "predict", "sweep", "bench", "compare", "data", "info")) {
            CliRunner r = CliRunner.run(command, "--help");
            assertEquals(0, r.code(), command + ": " + r.err());
            assertTrue(!r.err().contains("picocli WARN") && !r.out().contains("picocli WARN"), command + ": " + r.err() + r.out());
        }
    }

    @Test
    void ntkParameterizationTrainsGgnIsRecordedAndRefusedWhereUndefined() throws IOException {
        Path out = dir.resolve("ntk");
        CliRunner r = CliRunner.run("train", "-q", "--data", DIABETES.toString(), "--target", "progression",
                "--standardize", "all", "--model", "64-tanh", "--optimizer", "ggn", "--parameterization", "ntk", "--batch", "64",
                "--epochs", "2", "--out", out.toString(), "--device", "cpu");
        assertEquals(0, r.code(), r.err());
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertTrue(summary.get("final_train_loss").asDouble() < 0.8 * summary.get("initial_train_loss").asDouble(), summary.toString());
        JsonNode config = new ObjectMapper().readTree(out.resolve("config.json").toFile());
        assertEquals("ntk", config.get("optimizer").get("parameterization").asText());
        assertEquals("ntk", config.get("options").get("parameterization").asText(), "resume and --config repeat it");
        CliRunner sgd = CliRunner.run("train", "--data", DIABETES.toString(), "--target", "progression", "--optimizer", "sgd",
                "--parameterization", "ntk", "--steps", "2", "--device", "cpu", "--out", dir.resolve("sgd").toString());
        assertEquals(2, sgd.code(), sgd.err());
        assertTrue(sgd.err().contains("--parameterization ntk is for the kernel-form methods"), sgd.err());
        CliRunner typo = CliRunner.run("train", "--data", DIABETES.toString(), "--target", "progression", "--parameterization", "ntx",
                "--steps", "2", "--device", "cpu", "--out", dir.resolve("typo").toString());
        assertEquals(2, typo.code(), typo.err());
        assertTrue(typo.err().contains("expected standard or ntk"), typo.err());
    }

    @Test
    void regressionRunWritesTheRunFolder() throws IOException {
        Path out = dir.resolve("run");
        CliRunner r = CliRunner.run("train", "-q", "--data", DIABETES.toString(), "--target", "progression",
                "--standardize", "all", "--model", "16-tanh", "--optimizer", "egn", "--batch", "64", "--epochs", "3",
                "--out", out.toString(), "--device", "cpu");
        assertEquals(0, r.code(), r.err());
        List<String> metrics = Files.readAllLines(out.resolve("metrics.csv"));
        assertTrue(metrics.get(0).startsWith("step,epoch,wall_s,step_s,train_s,train_loss,"), metrics.get(0));
        // train_s counts batch loading and steps only: it grows every step and stays below the wall clock.
        double previous = 0;
        for (String line : metrics.subList(2, metrics.size())) {
            String[] f = line.split(",", -1);
            double wall = Double.parseDouble(f[2]);
            double step = Double.parseDouble(f[3]);
            double train = Double.parseDouble(f[4]);
            assertTrue(train >= previous + step && train <= wall, line);
            previous = train;
        }
        assertTrue(metrics.get(1).startsWith("0,"), "step 0 first: " + metrics.get(1));
        assertEquals(1 + 1 + 3 * 7, metrics.size(), "header, step 0, 21 steps (442 rows / 64 = 7 per epoch)");
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertTrue(summary.get("final_train_loss").asDouble() < 0.6 * summary.get("initial_train_loss").asDouble(),
                "EGN makes progress: " + summary);
        assertEquals("cpu", summary.get("device").asText());
        JsonNode config = new ObjectMapper().readTree(out.resolve("config.json").toFile());
        assertEquals(64, config.get("batch").asInt());
        assertEquals("731c91514b20f51185739fd2533cde9eccd1c61b16c2aba62d9c8082a9151d4f", config.get("data_sha256").asText());
        assertTrue(Files.size(out.resolve("model.safetensors")) > 0);
        assertTrue(r.out().contains("egn on cpu"), r.out());
    }

    @Test
    void valTestTracksABuiltinDatasetsTestSplit() throws IOException {
        Path out = dir.resolve("valtest");
        CliRunner r = CliRunner.run("train", "-q", "--dataset", "kin32fm", "--model", "8-tanh", "--batch", "256",
                "--steps", "4", "--val", "test", "--out", out.toString(), "--device", "cpu");
        assertEquals(0, r.code(), r.err());
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals(2048, summary.get("final_val_rows").asInt(), "kin32fm's test split has 2048 rows");
        assertEquals(summary.get("test_rmse").asDouble(), summary.get("final_val_rmse").asDouble(), 1e-12,
                "validation is the test split: " + summary);
        assertTrue(summary.get("train_seconds").asDouble() <= summary.get("wall_seconds").asDouble(), summary.toString());

        CliRunner none = CliRunner.run("train", "-q", "--dataset", "diabetes", "--steps", "1", "--val", "test",
                "--out", dir.resolve("none").toString(), "--device", "cpu");
        assertEquals(Main.DATA, none.code(), none.err());
        assertTrue(none.err().contains("has no test split"), none.err());
    }

    @Test
    void classificationWithStringLabelsAndInitFromACheckpoint() throws IOException {
        Path first = dir.resolve("first");
        CliRunner a = CliRunner.run("train", "-q", "--data", IRIS.toString(), "--target", "species", "--loss", "ce",
                "--model", "8-relu", "--optimizer", "egn", "--line-search", "--adaptive-lambda", "--batch", "full",
                "--steps", "15", "--out", first.toString(), "--device", "cpu");
        assertEquals(0, a.code(), a.err());
        JsonNode s1 = new ObjectMapper().readTree(first.resolve("summary.json").toFile());
        assertTrue(s1.get("final_train_accuracy").asDouble() > 0.9, s1.toString());
        // Continue from the saved weights: step 0 of the new run has the first run's final loss.
        Path second = dir.resolve("second");
        CliRunner b = CliRunner.run("train", "-q", "--data", IRIS.toString(), "--target", "species", "--loss", "ce",
                "--model", "8-relu", "--optimizer", "sgd", "--steps", "1", "--init", first.resolve("model.safetensors").toString(),
                "--out", second.toString(), "--device", "cpu");
        assertEquals(0, b.code(), b.err());
        JsonNode s2 = new ObjectMapper().readTree(second.resolve("summary.json").toFile());
        assertEquals(s1.get("final_train_loss").asDouble(), s2.get("initial_train_loss").asDouble(), 1e-6);
    }

    @Test
    void everyOptimizerRunsOnBothLosses() {
        for (String opt : new String[] {"egn", "ggn", "smw-gn", "smw-ng", "lm", "sgd", "adam"}) {
            for (boolean ce : new boolean[] {false, true}) {
                if (ce && opt.equals("ggn")) {
                    continue;
                }
                CliRunner r = CliRunner.run("train", "-q", "--data", (ce ? IRIS : DIABETES).toString(),
                        "--target", ce ? "species" : "progression", "--loss", ce ? "ce" : "mse", "--standardize", "all",
                        "--model", "6-tanh", "--optimizer", opt, "--batch", "32", "--steps", "4", "--curvature-batch", "16",
                        "--dtype", "f32", "--out", dir.resolve(opt + ce).toString(), "--device", "cpu");
                assertEquals(0, r.code(), opt + " ce=" + ce + ": " + r.err());
            }
        }
    }

    @Test
    void smwVariantsRunThroughTheTrainer() throws IOException {
        String[][] variants = {{"smw-gn", "--semi-stochastic"}, {"smw-ng", "--semi-stochastic"}, {"smw-ng", "--fisher=sampled"},
                {"egn", "--jacobian=explicit"}, {"egn", "--momentum=0.5"}};
        for (String[] v : variants) {
            Path out = dir.resolve(v[0] + v[1].replace("-", "").replace("=", ""));
            CliRunner r = CliRunner.run("train", "-q", "--data", IRIS.toString(), "--target", "species", "--loss", "ce",
                    "--model", "8-tanh", "--optimizer", v[0], v[1], "--batch", "40", "--curvature-batch", "20",
                    "--epochs", "4", "--dtype", "f64", "--out", out.toString(), "--device", "cpu");
            assertEquals(0, r.code(), String.join(" ", v) + ": " + r.err());
            JsonNode s = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
            assertTrue(s.get("final_train_loss").asDouble() < s.get("initial_train_loss").asDouble(), String.join(" ", v) + ": " + s);
        }
    }

    @Test
    void builtInDatasetsPickTheirTargetAndLoss() throws IOException {
        Path out = dir.resolve("wine");
        CliRunner r = CliRunner.run("train", "-q", "--dataset", "wine", "--model", "8-tanh", "--steps", "5",
                "--out", out.toString(), "--device", "cpu");
        assertEquals(0, r.code(), r.err());
        JsonNode config = new ObjectMapper().readTree(out.resolve("config.json").toFile());
        assertEquals("ce", config.get("loss").asText());
        assertEquals("builtin:wine", config.get("data").asText());
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertTrue(summary.has("final_train_accuracy"), summary.toString());
    }

    @Test
    void noArgumentsTrainsTheDemoAndSaysSo() throws IOException {
        Path out = dir.resolve("demo");
        CliRunner r = CliRunner.run("train", "-q", "--out", out.toString()); // --out only to keep the test's folder clean
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("no --data or --dataset given") && r.err().contains("abalone"), r.err());
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals("egn", summary.get("optimizer").asText());
        assertTrue(summary.get("test_r2").asDouble() > 0.3, "the demo learns something: " + summary);
        // Drawn at the end of the run by gn4j-report, which the engine finds as a RunFigures service.
        assertEquals(900, javax.imageio.ImageIO.read(out.resolve("loss.png").toFile()).getWidth(), "loss.png, one panel");
    }

    @Test
    void trainingNeedsTwoClassesButEvaluationDoesNot() throws IOException {
        Path one = Files.writeString(dir.resolve("one.csv"), "a,b,label\n1,2,x\n3,4,x\n");
        assertTrue(fails(3, "train", "--data", one.toString(), "--target", "label", "--loss", "ce").err()
                .contains("single class"));
        Path run = dir.resolve("iris");
        assertEquals(0, CliRunner.run("train", "-q", "--data", IRIS.toString(), "--target", "species", "--loss", "ce",
                "--steps", "2", "--device", "cpu", "--out", run.toString()).code());
        Path setosa = Files.writeString(dir.resolve("setosa.csv"),
                "sepal_length,sepal_width,petal_length,petal_width,species\n5.1,3.5,1.4,0.2,setosa\n4.9,3.0,1.4,0.2,setosa\n");
        CliRunner r = CliRunner.run("eval", "--checkpoint", run.toString(), "--data", setosa.toString());
        assertEquals(0, r.code(), r.err());
    }

    // ---- bad input: one clear sentence, the right exit code, no stack trace ----

    private CliRunner fails(int code, String... args) {
        return CliRunner.fails(code, args);
    }

    @Test
    void badFlagsAreUsageErrors() {
        String d = DIABETES.toString();
        assertTrue(fails(2, "train", "--data", d, "--target", "progression", "--lr", "-1").err().contains("--lr"));
        assertTrue(fails(2, "train", "--data", d, "--target", "progression", "--lambda", "0").err().contains("--lambda"));
        assertTrue(fails(2, "train", "--data", d, "--target", "progression", "--batch", "0").err().contains("--batch"));
        assertTrue(fails(2, "train", "--data", d, "--target", "progression", "--batch", "many").err().contains("--batch"));
        assertTrue(fails(2, "train", "--data", d, "--target", "progression", "--optimizer", "newton").err().contains("egn"));
        assertTrue(fails(2, "train", "--data", d, "--target", "progression", "--model", "64-swish").err().contains("swish"));
        assertTrue(fails(2, "train", "--data", IRIS.toString(), "--target", "species", "--loss", "ce", "--optimizer", "ggn")
                .err().contains("egn"));
        assertTrue(fails(2, "train", "--target", "progression").err().contains("--data"));
        assertTrue(fails(2, "train", "--data", d, "--target", "progression", "--val-split", "1.5").err().contains("--val-split"));
        assertTrue(fails(2, "train", "--data", d, "--dataset", "iris").err().contains("not both"));
        assertTrue(fails(2, "train", "--data", d, "--frobnicate").err().contains("frobnicate"));
    }

    @Test
    void badDataIsADataError() throws IOException {
        Path missing = dir.resolve("nope.csv");
        assertTrue(fails(3, "train", "--data", missing.toString(), "--target", "y").err().contains("does not exist"));
        Path empty = Files.writeString(dir.resolve("empty.csv"), "");
        assertTrue(fails(3, "train", "--data", empty.toString(), "--target", "y").err().contains("empty"));
        Path ragged = Files.writeString(dir.resolve("ragged.csv"), "a,b,y\n1,2,3\n4,5\n");
        assertTrue(fails(3, "train", "--data", ragged.toString(), "--target", "y").err().contains("line 3 has 2 fields"));
        Path text = Files.writeString(dir.resolve("text.csv"), "a,b,y\n1,2,3\n4,x5,6\n");
        String e = fails(3, "train", "--data", text.toString(), "--target", "y").err();
        assertTrue(e.contains("line 3, column 2 ('b')") && e.contains("'x5' is not a number"), e);
        Path nan = Files.writeString(dir.resolve("nan.csv"), "a,b,y\n1,NaN,3\n");
        assertTrue(fails(3, "train", "--data", nan.toString(), "--target", "y").err().contains("not a finite number"));
        assertTrue(fails(3, "train", "--data", DIABETES.toString(), "--target", "price").err()
                .contains("its columns are: age, sex, bmi"));
        Path bad = Files.writeString(dir.resolve("bad.safetensors"), "not a checkpoint");
        assertTrue(fails(3, "train", "--data", DIABETES.toString(), "--target", "progression", "--init", bad.toString())
                .err().contains("safetensors"));
    }

    @Test
    void anExistingRunFolderIsNeverOverwritten() throws IOException {
        Path out = dir.resolve("kept");
        assertEquals(0, CliRunner.run("train", "-q", "--data", DIABETES.toString(), "--target", "progression",
                "--steps", "2", "--out", out.toString(), "--device", "cpu").code());
        byte[] metrics = Files.readAllBytes(out.resolve("metrics.csv"));
        String e = fails(2, "train", "--data", DIABETES.toString(), "--target", "progression", "--steps", "3",
                "--out", out.toString(), "--device", "cpu").err();
        assertTrue(e.contains("already holds a run") && e.contains("--resume"), e);
        org.junit.jupiter.api.Assertions.assertArrayEquals(metrics, Files.readAllBytes(out.resolve("metrics.csv")));
    }

    @Test
    void checkpointOfAnotherModelIsRejected() {
        Path out = dir.resolve("small");
        assertEquals(0, CliRunner.run("train", "-q", "--data", DIABETES.toString(), "--target", "progression",
                "--model", "4-tanh", "--steps", "1", "--out", out.toString(), "--device", "cpu").code());
        String e = fails(3, "train", "--data", DIABETES.toString(), "--target", "progression", "--model", "8-tanh",
                "--init", out.resolve("model.safetensors").toString()).err();
        assertTrue(e.contains("layers.0.weight") && e.contains("[4, 10]") && e.contains("[8, 10]"), e);
    }

    @Test
    void gpuWithoutAGpuIsExitCodeFour() {
        String e = fails(4, "train", "--data", DIABETES.toString(), "--target", "progression", "--device", "gpu",
                "--out", dir.resolve("gpu").toString()).err();
        assertTrue(e.contains("--device gpu") && e.contains("--device cpu"), e);
        assertEquals(1, e.strip().lines().count(), "one line: " + e);
    }

    @Test
    void helpListsExamplesAndExitCodes() {
        CliRunner r = CliRunner.run("train", "--help");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("Examples:") && r.out().contains("Exit codes"), r.out());
    }
}
