package dev.gn4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * --resume continues bit-for-bit (CPU, float64): a run stopped after k steps and
 * resumed to N ends with exactly the weights of an uninterrupted N-step run, for
 * every optimizer with state (momentum, Adam moments, λ, the line search's α,
 * sampled labels, data order across epochs and a partial last batch).
 */
class ResumeTest {
    @TempDir
    Path dir;

    static List<String> args(String data, String extra) {
        List<String> a = new ArrayList<>(List.of("train", "-q", "--dtype", "f64", "--device", "cpu", "--standardize", "all",
                "--model", "6-tanh"));
        if (data.equals("iris")) {
            a.addAll(List.of("--data", TrainCommandTest.IRIS.toString(), "--target", "species", "--loss", "ce", "--batch", "40"));
        } else {
            a.addAll(List.of("--data", TrainCommandTest.DIABETES.toString(), "--target", "progression", "--batch", "100"));
        }
        a.addAll(Arrays.asList(extra.trim().split("\\s+")));
        return a;
    }

    private int run(List<String> base, String... more) {
        List<String> a = new ArrayList<>(base);
        a.addAll(List.of(more));
        CliRunner r = CliRunner.run(a.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        return r.code();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "diabetes | --optimizer egn --momentum 0.7 --line-search --adaptive-lambda --lr 2",
            "diabetes | --optimizer ggn --lambda 0.5",
            "diabetes | --optimizer lm --lambda 0.1",
            "diabetes | --optimizer sgd --momentum 0.9 --nesterov --weight-decay 0.001 --lr 0.05",
            "diabetes | --optimizer adam --lr 0.01",
            "iris | --optimizer smw-gn --curvature-batch 16 --adaptive-lambda",
            "iris | --optimizer smw-ng --fisher sampled --curvature-batch 20 --momentum 0.5",
            "iris | --optimizer egn --val-split 0.2 --line-search"})
    void resumedRunEqualsUninterruptedRun(String data, String options) throws IOException {
        List<String> base = args(data, options);
        Path whole = dir.resolve("whole"), split = dir.resolve("split");
        run(base, "--steps", "13", "--out", whole.toString());
        run(base, "--steps", "5", "--out", split.toString());
        CliRunner r = CliRunner.run("train", "-q", "--resume", split.toString(), "--steps", "13");
        assertEquals(0, r.code(), r.err());
        assertArrayEquals(Files.readAllBytes(whole.resolve("model.safetensors")), Files.readAllBytes(split.resolve("model.safetensors")),
                "weights after resume must equal an uninterrupted run's");
        assertEquals(withoutTimes(whole.resolve("metrics.csv")), withoutTimes(split.resolve("metrics.csv")));
        assertTrue(Files.readString(split.resolve("summary.json")).contains("\"steps\" : 13"));
    }

    /** metrics.csv without the wall_s, step_s and train_s columns, which measure time. */
    static List<String> withoutTimes(Path metrics) throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(metrics)) {
            String[] f = line.split(",", -1);
            List<String> keep = new ArrayList<>(Arrays.asList(f));
            keep.remove(4);
            keep.remove(3);
            keep.remove(2);
            out.add(String.join(",", keep));
        }
        return out;
    }
}
