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

class EvalCommandTest {
    @TempDir
    Path dir;

    @Test
    void evalOnTheTrainingDataReproducesTheRunsOwnMetrics() throws IOException {
        Path run = dir.resolve("iris");
        assertEquals(0, CliRunner.run("train", "-q", "--data", TrainCommandTest.IRIS.toString(), "--target", "species",
                "--loss", "ce", "--model", "8-tanh", "--steps", "10", "--dtype", "f64", "--device", "cpu",
                "--out", run.toString()).code());
        JsonNode summary = new ObjectMapper().readTree(run.resolve("summary.json").toFile());
        CliRunner r = CliRunner.run("eval", "--checkpoint", run.toString(), "--data", TrainCommandTest.IRIS.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode m = new ObjectMapper().readTree(r.out());
        assertEquals(summary.get("final_train_accuracy").asDouble(), m.get("accuracy").asDouble(), 1e-12);
        assertEquals(summary.get("final_train_loss").asDouble(), m.get("nll").asDouble(), 1e-12);
        assertEquals(150, m.get("rows").asInt());
    }

    @Test
    void regressionMetricsAreInTheTargetsUnitsAndColumnOrderDoesNotMatter() throws IOException {
        Path run = dir.resolve("diabetes");
        assertEquals(0, CliRunner.run("train", "-q", "--data", TrainCommandTest.DIABETES.toString(), "--target", "progression",
                "--standardize", "all", "--model", "8-tanh", "--steps", "10", "--dtype", "f64", "--device", "cpu",
                "--out", run.toString()).code());
        // The same rows with the columns reversed.
        var lines = Files.readAllLines(TrainCommandTest.DIABETES);
        StringBuilder reversed = new StringBuilder();
        for (String line : lines) {
            var f = java.util.Arrays.asList(line.split(","));
            java.util.Collections.reverse(f);
            reversed.append(String.join(",", f)).append('\n');
        }
        Path rev = Files.writeString(dir.resolve("reversed.csv"), reversed);
        CliRunner a = CliRunner.run("eval", "--checkpoint", run.toString(), "--data", TrainCommandTest.DIABETES.toString(), "--json");
        CliRunner b = CliRunner.run("eval", "--checkpoint", run.resolve("model.safetensors").toString(), "--data", rev.toString(), "--json");
        assertEquals(0, a.code(), a.err());
        assertEquals(a.out(), b.out());
        JsonNode m = new ObjectMapper().readTree(a.out());
        assertTrue(m.get("rmse").asDouble() > 20 && m.get("rmse").asDouble() < 100, "RMSE in disease-progression units: " + m);
        assertTrue(m.get("r2").asDouble() > 0.2, m.toString());
    }

    @Test
    void unseenClassAndMissingColumnsAreDataErrors() throws IOException {
        Path run = dir.resolve("iris");
        assertEquals(0, CliRunner.run("train", "-q", "--data", TrainCommandTest.IRIS.toString(), "--target", "species",
                "--loss", "ce", "--steps", "2", "--device", "cpu", "--out", run.toString()).code());
        Path odd = Files.writeString(dir.resolve("odd.csv"),
                "sepal_length,sepal_width,petal_length,petal_width,species\n5.1,3.5,1.4,0.2,setosa\n6.0,3.0,4.8,1.8,tulip\n");
        CliRunner r = CliRunner.run("eval", "--checkpoint", run.toString(), "--data", odd.toString());
        assertEquals(3, r.code(), r.err());
        assertTrue(r.err().contains("'tulip'") && r.err().contains("not seen in training") && r.err().contains("odd.csv line 3"), r.err());
        Path narrow = Files.writeString(dir.resolve("narrow.csv"), "sepal_length,species\n5.1,setosa\n6.3,virginica\n");
        r = CliRunner.run("eval", "--checkpoint", run.toString(), "--data", narrow.toString());
        assertEquals(3, r.code(), r.err());
        assertTrue(r.err().contains("no column 'sepal_width'"), r.err());
        r = CliRunner.run("eval", "--checkpoint", dir.resolve("nothing").toString(), "--data", narrow.toString());
        assertEquals(3, r.code(), r.err());
    }

    @Test
    void infoReportsVersionsAndWhyThereIsNoGpu() {
        CliRunner r = CliRunner.run("info");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("gn4j ") && r.out().contains("Java:") && r.out().contains("CPU backend: OpenBLAS")
                && r.out().contains("GPU:"), r.out());
    }
}
