package dev.gn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** gn4j compare over real training runs: the figure and the table of means over seeds. */
class CompareCommandTest {
    @TempDir
    Path dir;

    @Test
    void comparesGroupsOfSeedsWithAFigureAndATable() throws IOException {
        for (String opt : List.of("egn", "sgd")) {
            for (int seed = 1; seed <= 2; seed++) {
                CliRunner r = CliRunner.run("train", "-q", "--data", TrainCommandTest.DIABETES.toString(), "--target",
                        "progression", "--standardize", "all", "--model", "8-tanh", "--optimizer", opt, "--batch", "64",
                        "--epochs", "2", "--seed", Integer.toString(seed), "--val-split", "0.2", "--device", "cpu",
                        "--out", dir.resolve("runs/" + opt + "-seed" + seed).toString());
                assertEquals(0, r.code(), r.err());
            }
        }
        Path png = dir.resolve("fig/compare.png");
        Path table = dir.resolve("fig/table.md");
        CliRunner c = CliRunner.run("compare", "--group", "EGN=" + dir.resolve("runs") + "/egn-seed*",
                "--group", "SGD=" + dir.resolve("runs") + "/sgd-*", "--y", "val_r2", "--x", "epoch,train_s",
                "--summary", "final_val_r2,steps", "--out", png.toString(), "--table", table.toString());
        List<String> lines = Files.readAllLines(table);
        assertEquals("| group | runs | final_val_r2 | steps |", lines.get(0));
        assertTrue(lines.get(2).startsWith("| EGN | 2 | "), lines.get(2));
        assertTrue(lines.get(2).endsWith(" | 12.00 ± 0.0 |"), "2 epochs of 6 batches, both seeds: " + lines.get(2));
        assertTrue(lines.get(3).startsWith("| SGD | 2 | "), lines.get(3));
        assertTrue(c.out().contains("| EGN | 2 |"), c.out());
        if (c.code() == CompareCommand.NO_FIGURE && c.err().contains("no figure")) {
            org.junit.jupiter.api.Assumptions.abort("no fonts to draw the figure here: " + c.err());
        }
        assertEquals(0, c.code(), c.err());
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(2 * dev.gn4j.report.Figure.DEFAULT_PANEL_WIDTH, img.getWidth(), "two panels: epoch and time");
    }

    @Test
    void aRunWithoutASummaryIsCountedAndLeftOutOfTheMeansVisibly() throws IOException {
        for (String name : List.of("a", "b", "failed")) {
            Path run = dir.resolve("runs/" + name);
            Files.createDirectories(run);
            Files.writeString(run.resolve("metrics.csv"), "step,epoch,train_loss\n0,0,1\n1,1,0.5\n");
            if (!name.equals("failed")) {
                Files.writeString(run.resolve("summary.json"), "{\"final_train_loss\": " + (name.equals("a") ? 1 : 3) + "}");
            }
        }
        Path table = dir.resolve("table.md");
        CliRunner c = CliRunner.run("compare", "--group", "G=" + dir.resolve("runs") + "/*", "--y", "train_loss",
                "--summary", "final_train_loss", "--out", dir.resolve("x.png").toString(), "--table", table.toString());
        List<String> lines = Files.readAllLines(table);
        assertEquals("| G | 3 (1 unfinished) | 2.000 ± 1.4 (n=2) |", lines.get(2), "mean of 1 and 3 over the two that finished");
        assertTrue(c.err().contains("1 of 3 runs have no summary.json"), c.err());
    }

    @Test
    void unknownColumnsAndEmptyPatternsAreUsageErrors() throws IOException {
        Path run = dir.resolve("r");
        Files.createDirectories(run);
        Files.writeString(run.resolve("metrics.csv"), "step,epoch,train_loss\n0,0,1\n1,1,0.5\n");
        CliRunner bad = CliRunner.run("compare", run.toString(), "--y", "val_r2", "--out", dir.resolve("x.png").toString());
        assertEquals(Main.DATA, bad.code(), bad.err());
        assertTrue(bad.err().contains("no column 'val_r2'"), bad.err());
        CliRunner none = CliRunner.run("compare", "--group", "A=" + dir.resolve("nothing*"), "--out", dir.resolve("x.png").toString());
        assertEquals(Main.USAGE, none.code(), none.err());
        assertTrue(none.err().contains("matches no run folder"), none.err());
        CliRunner limits = CliRunner.run("compare", run.toString(), "--y-limits", "1,0", "--out", dir.resolve("x.png").toString());
        assertEquals(Main.USAGE, limits.code(), limits.err());
        assertTrue(limits.err().contains("LO < HI"), limits.err());
        CliRunner empty = CliRunner.run("compare");
        assertEquals(Main.USAGE, empty.code());
    }
}
