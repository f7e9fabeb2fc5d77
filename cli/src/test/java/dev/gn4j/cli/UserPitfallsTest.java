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
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a new user hit on data gn4j had never seen: each case was silently wrong, crashed or
 * misled before, and is now correct or a clear refusal.
 */
class UserPitfallsTest {
    @TempDir
    Path dir;

    private static final ObjectMapper JSON = new ObjectMapper();

    private CliRunner fails(int code, String... args) {
        return CliRunner.fails(code, args);
    }

    private CliRunner ok(String... args) {
        CliRunner r = CliRunner.run(args);
        assertEquals(0, r.code(), r.err());
        return r;
    }

    /** A small regression table: y = a + 2b + noise-free, with rows enough for a few steps. */
    private Path table(String name, String header, int rows, java.util.function.IntFunction<String> row) throws IOException {
        StringBuilder sb = new StringBuilder(header).append('\n');
        for (int i = 0; i < rows; i++) {
            sb.append(row.apply(i)).append('\n');
        }
        return Files.writeString(dir.resolve(name), sb);
    }

    private static JsonNode json(Path file) throws IOException {
        return JSON.readTree(file.toFile());
    }

    // 1. duplicate column names: refused, naming both positions (eval and predict would read the first twice)
    @Test
    void duplicateColumnNamesAreRefusedWithTheirPositions() throws IOException {
        Path dup = table("dup.csv", "a,a,y", 20, i -> i + "," + (2 * i) + "," + (3 * i));
        String e = fails(3, "train", "--data", dup.toString(), "--target", "y", "--device", "cpu").err();
        assertTrue(e.contains("names column 'a' twice (columns 1 and 2)"), e);
    }

    // 2. a feature near 1e300 is standardized, not zeroed; a target that size is a data error saying what to do
    @Test
    void hugeValuesAreStandardizedOrRefusedForWhatTheyAre() throws IOException {
        Path huge = table("huge.csv", "a,b,y", 40, i -> String.format(Locale.ROOT, "%.3e,%d,%d", (1 + i % 7) * 1e300, i % 5, i % 3));
        Path run = dir.resolve("huge");
        ok("train", "-q", "--data", huge.toString(), "--target", "y", "--steps", "3", "--device", "cpu", "--out", run.toString());
        JsonNode meta = json(run.resolve("config.json"));
        assertEquals(List.of("a", "b"), JSON.convertValue(meta.get("features"), List.class));
        double[] scale = dev.gn4j.engine.io.SavedModel.read(run).featureScaler().scale();
        assertTrue(Double.isFinite(scale[0]) && scale[0] > 1e299 && scale[0] < 1e301, "feature a's scale: " + scale[0]);

        Path bigTarget = table("bigy.csv", "a,y", 40, i -> String.format(Locale.ROOT, "%d,%.3e", i % 5, (1 + i % 7) * 1e300));
        String e = fails(3, "train", "--data", bigTarget.toString(), "--target", "y", "--device", "cpu",
                "--out", dir.resolve("bigy").toString()).err();
        assertTrue(e.contains("target 'y' reaches") && e.contains("--standardize all"), e);
        ok("train", "-q", "--data", bigTarget.toString(), "--target", "y", "--standardize", "all", "--steps", "2",
                "--device", "cpu", "--dtype", "f64", "--out", dir.resolve("bigy-all").toString());
        String raw = fails(3, "train", "--data", huge.toString(), "--target", "y", "--standardize", "none", "--device", "cpu",
                "--out", dir.resolve("raw").toString()).err();
        assertTrue(raw.contains("feature 'a' reaches") && raw.contains("--standardize features"), raw);
    }

    // 3. a list flag replaces the config file's list
    @Test
    void aListFlagReplacesTheConfigFilesList() throws IOException {
        Path data = table("two.csv", "a,b,y", 30, i -> i % 4 + "," + (i % 3) + "," + (i % 5));
        Path cfg = Files.writeString(dir.resolve("c.yaml"), "data: " + data + "\ntarget: y\nsteps: 2\ndevice: cpu\n");
        Path run = dir.resolve("override");
        ok("train", "-q", "--config", cfg.toString(), "--target", "b", "--out", run.toString());
        JsonNode c = json(run.resolve("config.json"));
        assertEquals(List.of("b"), JSON.convertValue(c.get("target"), List.class), c.toString());
        assertEquals(List.of("a", "y"), JSON.convertValue(c.get("features"), List.class));
        // and on --resume: the run's saved list is replaced too, so the parameter count still matches
        ok("train", "-q", "--resume", run.toString(), "--steps", "3", "--target", "b");
    }

    // 4. resume on other data is refused, naming both checksums; the flag allows new rows, never new columns
    @Test
    void resumeOnDifferentDataIsRefusedUnlessMeant() throws IOException {
        Path first = table("first.csv", "a,b,y", 30, i -> i % 4 + "," + (i % 3) + "," + (i % 5));
        Path more = table("more.csv", "a,b,y", 40, i -> i % 6 + "," + (i % 3) + "," + (i % 7));
        Path other = table("other.csv", "a,c,y", 30, i -> i % 4 + "," + (i % 3) + "," + (i % 5));
        Path run = dir.resolve("r");
        ok("train", "-q", "--data", first.toString(), "--target", "y", "--steps", "2", "--device", "cpu", "--out", run.toString());
        String sha = json(run.resolve("config.json")).get("data_sha256").asText();
        byte[] model = Files.readAllBytes(run.resolve("model.safetensors"));
        String e = fails(3, "train", "--resume", run.toString(), "--data", more.toString(), "--steps", "4").err();
        assertTrue(e.contains(sha) && e.contains("--resume-on-new-data"), e);
        org.junit.jupiter.api.Assertions.assertArrayEquals(model, Files.readAllBytes(run.resolve("model.safetensors")),
                "a refused resume leaves the run as it was");
        e = fails(3, "train", "--resume", run.toString(), "--data", other.toString(), "--steps", "4", "--resume-on-new-data").err();
        assertTrue(e.contains("[a, b]") && e.contains("[a, c]"), e);
        ok("train", "-q", "--resume", run.toString(), "--data", more.toString(), "--steps", "4", "--resume-on-new-data");
        assertEquals(2, fails(2, "train", "--data", first.toString(), "--target", "y", "--resume-on-new-data").code());
    }

    // 5. cross-entropy on targets that are not classes
    @Test
    void crossEntropyNeedsClasses() throws IOException {
        Path ones = table("ones.csv", "a,b,label", 20, i -> i + "," + (i % 3) + ",1");
        String e = fails(3, "train", "--data", ones.toString(), "--target", "label", "--loss", "ce", "--device", "cpu").err();
        assertTrue(e.contains("single class ('1')"), e);
        Path continuous = table("cont.csv", "a,b,y", 60, i -> i + "," + (i % 3) + "," + String.format(Locale.ROOT, "%.2f", i * 0.37));
        e = fails(3, "train", "--data", continuous.toString(), "--target", "y", "--loss", "ce", "--device", "cpu").err();
        assertTrue(e.contains("decimal numbers") && e.contains("--loss mse"), e);
    }

    // 8. messages: the first bad line first, 'line N' for unseen classes (EvalCommandTest), model specs, YAML by content
    @Test
    void theFirstBadValueInTheFileIsTheOneReported() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.csv"), "a,b,y\n1,2,nan\n3,4,5\n6,inf,7\n");
        String e = fails(3, "train", "--data", bad.toString(), "--target", "y", "--device", "cpu").err();
        assertTrue(e.contains("line 2, column 3 ('y')"), e);
    }

    @Test
    void modelSpecsSayWhatIsWrong() throws IOException {
        Path data = table("m.csv", "a,b,y", 20, i -> i % 4 + "," + (i % 3) + "," + (i % 5));
        String e = fails(2, "train", "--data", data.toString(), "--target", "y", "--model", "-5", "--device", "cpu").err();
        assertTrue(e.contains("layer widths are positive whole numbers, got -5"), e);
        e = fails(2, "train", "--data", data.toString(), "--target", "y", "--model", "", "--device", "cpu").err();
        assertTrue(e.contains("'linear'"), e);
        e = fails(2, "train", "--data", data.toString(), "--target", "y", "--model", "8--tanh", "--device", "cpu").err();
        assertTrue(e.contains("empty part"), e);
        ok("train", "-q", "--data", data.toString(), "--target", "y", "--model", "linear", "--steps", "1", "--device", "cpu",
                "--out", dir.resolve("linear").toString());
    }

    @Test
    void aYamlConfigNeedsNoYamlExtension() throws IOException {
        Path data = table("y.csv", "a,b,y", 20, i -> i % 4 + "," + (i % 3) + "," + (i % 5));
        Path cfg = Files.writeString(dir.resolve("settings.conf"), "data: " + data + "\ntarget: [y]\nsteps: 1\ndevice: cpu\n");
        ok("train", "-q", "--config", cfg.toString(), "--out", dir.resolve("conf").toString());
        Path nested = Files.writeString(dir.resolve("nested.yaml"), "data: " + data + "\ntarget:\n  - [y]\n");
        String e = fails(3, "train", "--config", nested.toString()).err();
        assertTrue(e.contains("option 'target'") && e.contains("flat list"), e);
    }

    // 6. sizes checked before anything is allocated
    @Test
    void modelsThatCannotFitAreOneSentenceWithTheSizes() throws IOException {
        Path data = table("s.csv", "a,b,y", 20, i -> i % 4 + "," + (i % 3) + "," + (i % 5));
        String e = fails(2, "train", "--data", data.toString(), "--target", "y", "--model", "2000000000", "--device", "cpu").err();
        assertTrue(e.contains("parameters") && e.contains("one vector"), e);
        e = fails(6, "train", "--data", data.toString(), "--target", "y", "--model", "30000-tanh-30000", "--steps", "1",
                "--device", "cpu", "--out", dir.resolve("big").toString()).err();
        assertTrue(e.contains("900,") && e.contains("parameters") && e.contains("--model") && e.contains("-Xmx"), e);
    }

    // 7. every I/O error names the path the user gave and the operating system's reason
    @Test
    void outputErrorsNameThePathAndTheReason() throws IOException {
        Path data = table("p.csv", "a,b,y", 20, i -> i % 4 + "," + (i % 3) + "," + (i % 5));
        Path run = dir.resolve("p");
        ok("train", "-q", "--data", data.toString(), "--target", "y", "--steps", "1", "--device", "cpu", "--out", run.toString());
        String e = fails(3, "predict", "--checkpoint", run.toString(), "--data", data.toString(), "--output", "/proc/nope/p.csv").err();
        assertTrue(e.contains("'/proc/nope/p.csv'"), e);
        Path folder = Files.createDirectories(dir.resolve("existing"));
        e = fails(3, "predict", "--checkpoint", run.toString(), "--data", data.toString(), "--output", folder.toString()).err();
        assertTrue(e.contains("'" + folder + "'") && e.contains("is a directory") && !e.contains(".tmp"), e);
    }

    @Test
    void aReadOnlyFolderIsPermissionDeniedNotATempFile() throws IOException {
        Path data = table("q.csv", "a,b,y", 20, i -> i % 4 + "," + (i % 3) + "," + (i % 5));
        Path run = dir.resolve("q");
        ok("train", "-q", "--data", data.toString(), "--target", "y", "--steps", "1", "--device", "cpu", "--out", run.toString());
        Path locked = Files.createDirectories(dir.resolve("locked"));
        locked.toFile().setWritable(false);
        org.junit.jupiter.api.Assumptions.assumeFalse(Files.isWritable(locked), "root may write to a read-only folder");
        String e = fails(3, "predict", "--checkpoint", run.toString(), "--data", data.toString(), "--output",
                locked.resolve("p.csv").toString()).err();
        assertTrue(e.contains("permission denied") && !e.contains(".tmp"), e);
    }

    // 8. eval of several targets: each in its own units, then the mean
    @Test
    void multiTargetEvalReportsEachTargetThenTheMean() throws IOException {
        Path data = table("mt.csv", "a,b,small,large", 60, i -> String.format(Locale.ROOT, "%d,%d,%.3f,%.1f",
                i % 7, i % 5, 0.01 * (i % 7), 1000.0 * (i % 5)));
        Path run = dir.resolve("mt");
        ok("train", "-q", "--data", data.toString(), "--target", "small,large", "--standardize", "all", "--steps", "5",
                "--device", "cpu", "--out", run.toString(), "--dtype", "f64");
        CliRunner r = ok("eval", "--checkpoint", run.toString(), "--data", data.toString(), "--json");
        JsonNode m = JSON.readTree(r.out());
        JsonNode small = m.get("per_target").get("small"), large = m.get("per_target").get("large");
        assertTrue(small.get("rmse").asDouble() < 1 && large.get("rmse").asDouble() > 1, m.toString());
        assertEquals((small.get("rmse").asDouble() + large.get("rmse").asDouble()) / 2, m.get("rmse").asDouble(), 1e-9);
        assertEquals((small.get("r2").asDouble() + large.get("r2").asDouble()) / 2, m.get("r2").asDouble(), 1e-12);
        String text = ok("eval", "--checkpoint", run.toString(), "--data", data.toString()).out();
        assertTrue(text.contains("(mean over targets)") && text.contains("  small") && text.contains("  large"), text);
    }

    // 9. a run that ends worse than it started says so; the mini-batch default floor of adaptive λ avoids it here
    @Test
    void aRunThatGetsWorseSaysSoAndTheDefaultFloorKeepsItFromIt() throws IOException {
        String[] args = {"train", "-q", "--dataset", "census-house", "--optimizer", "egn", "--line-search", "--adaptive-lambda",
                "--batch", "64", "--epochs", "10", "--standardize", "all", "--seed", "1", "--device", "cpu"};
        Path old = dir.resolve("floor-1e-12");
        ok(concat(args, "--lambda-min", "1e-12", "--out", old.toString()));
        JsonNode s = json(old.resolve("summary.json"));
        assertTrue(s.get("final_train_loss").asDouble() > s.get("initial_train_loss").asDouble(), s.toString());
        assertTrue(s.get("warnings").toString().contains("ended above where it started"), s.toString());
        Path auto = dir.resolve("floor-auto");
        ok(concat(args, "--out", auto.toString()));
        s = json(auto.resolve("summary.json"));
        assertTrue(s.get("final_train_loss").asDouble() < s.get("initial_train_loss").asDouble(), s.toString());
        assertEquals(0, s.get("warnings").size(), s.toString());
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    // 12. tables as they come: string columns, missing cells, tab and semicolon files
    private static final String[] COLORS = {"red", "green", "blue"};

    private Path colors(String name, int rows, String missingEvery, String extraColor) throws IOException {
        return table(name, "size,color,y", rows, i -> {
            String size = missingEvery != null && i % 7 == 3 ? missingEvery : Integer.toString(i % 5);
            String color = extraColor != null && i == 1 ? extraColor : COLORS[i % 3];
            return size + "," + color + "," + (i % 5 + 3 * (i % 3));
        });
    }

    @Test
    void stringColumnsAreOneHotEncodedWithTheTrainingCategories() throws IOException {
        Path train = colors("colors.csv", 60, null, null);
        Path run = dir.resolve("colors");
        ok("train", "-q", "--data", train.toString(), "--target", "y", "--steps", "20", "--device", "cpu", "--dtype", "f64",
                "--out", run.toString());
        dev.gn4j.engine.io.SavedModel model = dev.gn4j.engine.io.SavedModel.read(run);
        assertEquals(List.of("size", "color=blue", "color=green", "color=red"), model.features());
        // eval and predict read the categories by name, in any column order
        Path reordered = table("reordered.csv", "color,y,size", 6, i -> COLORS[i % 3] + "," + (i % 5 + 3 * (i % 3)) + "," + i % 5);
        CliRunner e = ok("eval", "--checkpoint", run.toString(), "--data", reordered.toString(), "--json");
        assertTrue(JSON.readTree(e.out()).get("r2").asDouble() > 0.5, e.out());
        Path out = dir.resolve("pred.csv");
        ok("predict", "--checkpoint", run.toString(), "--data", reordered.toString(), "--output", out.toString());
        assertEquals(7, Files.readAllLines(out).size());
        Path purple = colors("purple.csv", 6, null, "purple");
        String err = fails(3, "eval", "--checkpoint", run.toString(), "--data", purple.toString()).err();
        assertTrue(err.contains("purple.csv line 3") && err.contains("'purple'") && err.contains("--unseen-category zeros"), err);
        ok("eval", "--checkpoint", run.toString(), "--data", purple.toString(), "--unseen-category", "zeros");
        // a numeric column with a stray word is still an error, not a category
        Path typo = table("typo.csv", "size,color,y", 10, i -> (i == 4 ? "x5" : Integer.toString(i)) + "," + COLORS[i % 3] + "," + i);
        err = fails(3, "train", "--data", typo.toString(), "--target", "y", "--device", "cpu").err();
        assertTrue(err.contains("typo.csv line 6, column 1 ('size'): 'x5' is not a number"), err);
    }

    @Test
    void missingCellsAreRefusedOrFilledWithSavedValues() throws IOException {
        Path holes = colors("holes.csv", 60, "", null);
        String err = fails(3, "train", "--data", holes.toString(), "--target", "y", "--device", "cpu").err();
        assertTrue(err.contains("holes.csv line 5, column 1 ('size') is empty") && err.contains("--missing"), err);
        Path run = dir.resolve("holes");
        ok("train", "-q", "--data", holes.toString(), "--target", "y", "--missing", "median", "--steps", "5", "--device", "cpu",
                "--out", run.toString());
        var size = (dev.gn4j.engine.data.TableEncoding.Numeric) dev.gn4j.engine.io.SavedModel.read(run).encoding().column("size");
        assertEquals(2.0, size.fill(), "the median of the present sizes 0..4");
        Path na = colors("na.csv", 14, "NA", null);
        ok("eval", "--checkpoint", run.toString(), "--data", na.toString());
        Path plain = dir.resolve("plain");
        ok("train", "-q", "--data", colors("full.csv", 60, null, null).toString(), "--target", "y", "--steps", "5",
                "--device", "cpu", "--out", plain.toString());
        err = fails(3, "eval", "--checkpoint", plain.toString(), "--data", na.toString()).err();
        assertTrue(err.contains("is missing ('NA')"), "a model trained without --missing refuses them: " + err);
    }

    @Test
    void tabAndSemicolonFilesReadLikeCommaFiles() throws IOException {
        Path comma = table("c.csv", "a,b,y", 40, i -> i % 4 + "," + (i % 3) + "," + (i % 5));
        Path tab = table("t.csv", "a\tb\ty", 40, i -> i % 4 + "\t" + (i % 3) + "\t" + (i % 5));
        Path semi = table("s.csv", "a;b;y", 40, i -> i % 4 + ";" + (i % 3) + ";" + (i % 5));
        double[] reference = null;
        for (Path f : List.of(comma, tab, semi)) {
            Path run = dir.resolve("d-" + f.getFileName());
            ok("train", "-q", "--data", f.toString(), "--target", "y", "--steps", "3", "--device", "cpu", "--dtype", "f64",
                    "--out", run.toString());
            double[] theta = dev.gn4j.engine.io.SavedModel.read(run).theta();
            if (reference == null) {
                reference = theta;
            } else {
                org.junit.jupiter.api.Assertions.assertArrayEquals(reference, theta, f.toString());
            }
        }
        ok("train", "-q", "--data", semi.toString(), "--target", "y", "--steps", "1", "--delimiter", "semicolon", "--device", "cpu",
                "--out", dir.resolve("explicit").toString());
        String err = fails(3, "train", "--data", semi.toString(), "--target", "y", "--delimiter", "tab", "--device", "cpu").err();
        assertTrue(err.contains("target column 'y' is not in"), err);
    }
}
