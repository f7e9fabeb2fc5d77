package dev.gn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** predict round trips: its output reproduces eval's metrics, with or without target columns in the input. */
class PredictCommandTest {
    @TempDir
    Path dir;

    @Test
    void regressionPredictionsReproduceEvalAndIgnoreTargetColumns() throws IOException {
        Path run = dir.resolve("run");
        assertEquals(0, CliRunner.run("train", "-q", "--data", TrainCommandTest.DIABETES.toString(), "--target", "progression",
                "--standardize", "all", "--model", "8-tanh", "--steps", "8", "--dtype", "f64", "--device", "cpu",
                "--out", run.toString()).code());
        Path out = dir.resolve("pred.csv");
        CliRunner p = CliRunner.run("predict", "--checkpoint", run.toString(), "--data", TrainCommandTest.DIABETES.toString(),
                "--output", out.toString());
        assertEquals(0, p.code(), p.err());
        List<String> lines = Files.readAllLines(out);
        assertEquals("predicted_progression", lines.get(0));
        assertEquals(443, lines.size());
        List<String> data = Files.readAllLines(TrainCommandTest.DIABETES);
        double sq = 0;
        for (int i = 1; i < lines.size(); i++) {
            String[] row = data.get(i).split(",");
            double r = Double.parseDouble(lines.get(i)) - Double.parseDouble(row[row.length - 1]);
            sq += r * r;
        }
        JsonNode eval = new ObjectMapper().readTree(CliRunner.run("eval", "--checkpoint", run.toString(), "--data",
                TrainCommandTest.DIABETES.toString(), "--json").out());
        assertEquals(eval.get("rmse").asDouble(), Math.sqrt(sq / 442), 1e-9 * eval.get("rmse").asDouble());

        // Without the target column, shuffled columns: the same predictions.
        StringBuilder featuresOnly = new StringBuilder();
        for (String line : data) {
            String[] f = line.split(",");
            featuresOnly.append(f[2]).append(',').append(f[0]).append(',').append(f[1]);
            for (int j = 3; j < f.length - 1; j++) {
                featuresOnly.append(',').append(f[j]);
            }
            featuresOnly.append('\n');
        }
        Path noTarget = Files.writeString(dir.resolve("features.csv"), featuresOnly);
        CliRunner q = CliRunner.run("predict", "--checkpoint", run.toString(), "--data", noTarget.toString(), "--output", "-");
        assertEquals(0, q.code(), q.err());
        assertEquals(String.join("\n", lines) + "\n", q.out());
    }

    @Test
    void classificationPredictionsGiveClassNamesAndProbabilities() throws IOException {
        Path run = dir.resolve("iris");
        assertEquals(0, CliRunner.run("train", "-q", "--data", TrainCommandTest.IRIS.toString(), "--target", "species",
                "--loss", "ce", "--model", "8-tanh", "--steps", "12", "--dtype", "f64", "--device", "cpu",
                "--out", run.toString()).code());
        CliRunner p = CliRunner.run("predict", "--checkpoint", run.toString(), "--data", TrainCommandTest.IRIS.toString(),
                "--output", "-");
        assertEquals(0, p.code(), p.err());
        List<String> lines = p.out().lines().toList();
        assertEquals("predicted_species,p_setosa,p_versicolor,p_virginica", lines.get(0));
        List<String> truth = Files.readAllLines(TrainCommandTest.IRIS);
        int correct = 0;
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",");
            double sum = Double.parseDouble(f[1]) + Double.parseDouble(f[2]) + Double.parseDouble(f[3]);
            assertEquals(1, sum, 1e-12);
            if (truth.get(i).endsWith("," + f[0])) {
                correct++;
            }
        }
        JsonNode eval = new ObjectMapper().readTree(CliRunner.run("eval", "--checkpoint", run.toString(), "--data",
                TrainCommandTest.IRIS.toString(), "--json").out());
        assertEquals(eval.get("accuracy").asDouble(), correct / 150.0, 1e-12);
    }

    @Test
    void badInputIsADataError() throws IOException {
        Path run = dir.resolve("run");
        assertEquals(0, CliRunner.run("train", "-q", "--data", TrainCommandTest.IRIS.toString(), "--target", "species",
                "--loss", "ce", "--steps", "1", "--device", "cpu", "--out", run.toString()).code());
        Path bad = Files.writeString(dir.resolve("bad.csv"), "sepal_length,sepal_width,petal_length,petal_width\n1,2,x,4\n");
        CliRunner r = CliRunner.run("predict", "--checkpoint", run.toString(), "--data", bad.toString(), "--output", "-");
        assertEquals(3, r.code(), r.err());
        assertTrue(r.err().contains("line 2, column 3") && r.err().contains("'x' is not a number"), r.err());
    }
}
