package dev.gn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {
    @TempDir
    Path dir;

    private JsonNode config(Path run) throws IOException {
        return new ObjectMapper().readTree(run.resolve("config.json").toFile());
    }

    @Test
    void yamlOptionsApplyAndFlagsOverrideThem() throws IOException {
        Path yaml = Files.writeString(dir.resolve("c.yaml"), String.join("\n",
                "data: " + TrainCommandTest.DIABETES.toAbsolutePath(),
                "target: [progression]",
                "model: 8-relu",
                "optimizer: egn",
                "line-search: true",
                "lambda: 0.25",
                "steps: 3",
                "batch: 64", ""));
        Path run = dir.resolve("run");
        CliRunner r = CliRunner.run("train", "-q", "--config", yaml.toString(), "--lambda", "2", "--out", run.toString(), "--device", "cpu");
        assertEquals(0, r.code(), r.err());
        JsonNode c = config(run);
        assertEquals("8-relu", c.get("options").get("model").asText());
        assertTrue(c.get("optimizer").get("line_search").asBoolean());
        assertEquals(2.0, c.get("optimizer").get("lambda").asDouble(), "the flag overrides the file");
        assertEquals(3, c.get("steps").asInt());
    }

    @Test
    void aRunsConfigJsonRepeatsTheRun() throws IOException {
        Path first = dir.resolve("first"), again = dir.resolve("again");
        assertEquals(0, CliRunner.run("train", "-q", "--data", TrainCommandTest.IRIS.toString(), "--target", "species",
                "--loss", "ce", "--model", "5-tanh", "--optimizer", "smw-ng", "--batch", "30", "--steps", "4", "--dtype", "f64",
                "--device", "cpu", "--out", first.toString()).code());
        CliRunner r = CliRunner.run("train", "-q", "--config", first.resolve("config.json").toString(), "--out", again.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(Files.readString(first.resolve("summary.json")).replaceAll("\"(wall_seconds|train_seconds|median_step_seconds)\" : [0-9.eE-]+", ""),
                Files.readString(again.resolve("summary.json")).replaceAll("\"(wall_seconds|train_seconds|median_step_seconds)\" : [0-9.eE-]+", ""));
    }

    @Test
    void falseBooleanInAFileTurnsAFlagOff() throws IOException {
        Path json = Files.writeString(dir.resolve("c.json"), "{\"line-search\": false, \"steps\": 2}");
        Path run = dir.resolve("run");
        CliRunner r = CliRunner.run("train", "-q", "--data", TrainCommandTest.DIABETES.toString(), "--target", "progression",
                "--config", json.toString(), "--out", run.toString(), "--device", "cpu");
        assertEquals(0, r.code(), r.err());
        assertTrue(!config(run).get("optimizer").get("line_search").asBoolean());
    }

    @Test
    void badConfigFilesAreClearErrors() throws IOException {
        Path unknown = Files.writeString(dir.resolve("u.yaml"), "learning-rate: 0.1\n");
        CliRunner r = CliRunner.run("train", "--config", unknown.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("unknown option 'learning-rate'") && r.err().contains("u.yaml"), r.err());
        Path broken = Files.writeString(dir.resolve("b.json"), "{\"lr\": ");
        r = CliRunner.run("train", "--config", broken.toString());
        assertEquals(3, r.code(), r.err());
        assertTrue(r.err().contains("not valid JSON"), r.err());
        r = CliRunner.run("train", "--config", dir.resolve("missing.yaml").toString());
        assertEquals(3, r.code(), r.err());
        r = CliRunner.run("train", "--resume", dir.toString());
        assertEquals(3, r.code(), r.err());
    }

    @Test
    void theFilesModelHoldsInTheDemoRunAndNullMeansTheBuiltInDefault() throws IOException {
        Path yaml = Files.writeString(dir.resolve("c.yaml"), "model: 6-tanh\nsteps: 2\nlambda: null\n");
        Path run = dir.resolve("run");
        CliRunner r = CliRunner.run("train", "-q", "--config", yaml.toString(), "--out", run.toString(), "--device", "cpu");
        assertEquals(0, r.code(), r.err());
        JsonNode c = config(run);
        assertEquals("6-tanh", c.get("options").get("model").asText(), "a model from the file is given, not the demo's");
        assertEquals("abalone", c.get("options").get("dataset").asText());
        assertEquals(1.0, c.get("optimizer").get("lambda").asDouble());
    }

    @Test
    void aSwitchInAFileThatIsNotABooleanIsRefused() throws IOException {
        Path yaml = Files.writeString(dir.resolve("c.yaml"), "line-search: maybe\nsteps: 2\n");
        CliRunner r = CliRunner.run("train", "--config", yaml.toString(), "--out", dir.resolve("run").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("maybe"), r.err());
    }
}
