package dev.gn4j.cli.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a sweep file expands into trials: counts, order, ids, determinism and the values drawn. */
class SweepExpansionTest {
    @TempDir
    Path dir;

    /** The example of the issue, verbatim but for the data file. */
    static final String ISSUE_EXAMPLE = """
            base: {data: DIABETES, target: progression, model: 8-tanh, optimizer: egn, epochs: 2, device: cpu}
            grid: {lr: [0.1, 1.0], lambda: [0.01, 1.0]}
            random: {momentum: {uniform: [0, 0.95]}, lambda: {log-uniform: [1e-4, 10]}}
            trials: 20          # random draws (the grid is crossed with them)
            seeds: [1, 2, 3]
            metric: final_train_loss   # any summary.json key; add "maximize: true" for accuracy
            """;

    private SweepPlan plan(String yaml, String out) throws Exception {
        Path f = SweepCli.file(dir, out + ".yaml", yaml);
        SweepCli r = SweepCli.run("sweep", "--config", f.toString(), "--out", dir.resolve(out).toString(), "--dry-run");
        assertEquals(0, r.code(), r.toString());
        return SweepPlan.read(dir.resolve(out).resolve("sweep.json"));
    }

    @Test
    void theIssueExampleExpandsToGridTimesDrawsTimesSeedsWithRandomOverridingGrid() throws Exception {
        Path f = SweepCli.file(dir, "issue.yaml", ISSUE_EXAMPLE);
        SweepCli r = SweepCli.run("sweep", "--config", f.toString(), "--out", dir.resolve("issue").toString(), "--dry-run");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.err().contains("'lambda' is in both grid: and random:; the random distribution is used"), r.err());
        SweepPlan plan = SweepPlan.read(dir.resolve("issue").resolve("sweep.json"));
        // lambda's grid axis gives way to its distribution: 2 lr × 20 draws × 3 seeds.
        assertEquals(120, plan.trials().size());
        assertEquals(List.of("lr", "momentum", "lambda", "seed"), plan.swept());
        Set<Object> lambdas = new HashSet<>();
        for (Trial t : plan.trials()) {
            double lr = ((Number) t.options().get("lr")).doubleValue();
            double momentum = ((Number) t.options().get("momentum")).doubleValue();
            double lambda = ((Number) t.options().get("lambda")).doubleValue();
            assertTrue(lr == 0.1 || lr == 1.0, t.id());
            assertTrue(momentum >= 0 && momentum <= 0.95, t.id());
            assertTrue(lambda >= 1e-4 && lambda <= 10, t.id());
            lambdas.add(lambda);
            assertEquals("egn", t.options().get("optimizer"));
            assertEquals(SweepCli.DIABETES.toString(), t.options().get("data"));
        }
        assertEquals(20, lambdas.size(), "one λ per draw, shared by the grid points and seeds it is crossed with");
        // Seeds vary fastest, then draws, then the grid: trials 0-2 are one configuration under three seeds.
        assertEquals(List.of(1, 2, 3), plan.trials().subList(0, 3).stream().map(t -> t.swept().get("seed")).toList());
        assertEquals(plan.trials().get(0).swept().get("lambda"), plan.trials().get(2).swept().get("lambda"));
        assertNotEquals(plan.trials().get(0).swept().get("lambda"), plan.trials().get(3).swept().get("lambda"));
        assertEquals(plan.trials().get(0).swept().get("lambda"), plan.trials().get(60).swept().get("lambda"), "draw 0 again at lr 1.0");
        assertTrue(r.out().startsWith("120 trials (2 grid points × 20 random draws × 3 seeds)"), r.out());
    }

    @Test
    void gridOrderAndTrialIdsAreStableAndReadable() throws Exception {
        SweepPlan plan = plan("""
                base: {data: DIABETES, target: progression, steps: 2}
                grid: {lr: [0.1, 1.0], model: [4-tanh, 8-relu], line-search: [true]}
                seeds: [7, 8]
                metric: final_train_loss
                """, "grid");
        List<String> ids = plan.trials().stream().map(Trial::id).toList();
        assertEquals(List.of(
                "0000-lr0.1-model_4-tanh-line-search_true-seed7", "0001-lr0.1-model_4-tanh-line-search_true-seed8",
                "0002-lr0.1-model_8-relu-line-search_true-seed7", "0003-lr0.1-model_8-relu-line-search_true-seed8",
                "0004-lr1-model_4-tanh-line-search_true-seed7", "0005-lr1-model_4-tanh-line-search_true-seed8",
                "0006-lr1-model_8-relu-line-search_true-seed7", "0007-lr1-model_8-relu-line-search_true-seed8"), ids);
        Trial t = plan.trials().get(6);
        assertEquals(Map.of("data", SweepCli.DIABETES.toString(), "target", "progression", "steps", 2, "lr", 1.0,
                "model", "8-relu", "line-search", true, "seed", 7), t.options());
    }

    @Test
    void expansionIsDeterministicAndFollowsTheSweepSeed() throws Exception {
        String yaml = """
                base: {data: DIABETES, target: progression, steps: 2}
                random: {lr: {log-uniform: [1e-3, 1]}, batch: {int-uniform: [8, 64]}, model: {choice: [4-tanh, 8-relu]}}
                trials: 6
                metric: final_train_loss
                """;
        Path f = SweepCli.file(dir, "same.yaml", yaml);
        for (String out : List.of("a", "b")) {
            SweepCli r = SweepCli.run("sweep", "--config", f.toString(), "--out", dir.resolve(out).toString(), "--dry-run");
            assertEquals(0, r.code(), r.toString());
        }
        assertArrayEquals(Files.readAllBytes(dir.resolve("a/sweep.json")), Files.readAllBytes(dir.resolve("b/sweep.json")),
                "a rerun expands to the same plan, byte for byte");
        // A rerun into the same folder accepts the plan it finds there.
        assertEquals(0, SweepCli.run("sweep", "--config", f.toString(), "--out", dir.resolve("a").toString(), "--dry-run").code());
        SweepPlan other = plan(yaml + "sweep_seed: 1\n", "c");
        assertNotEquals(SweepPlan.read(dir.resolve("a/sweep.json")).trials().get(0).swept().get("lr"),
                other.trials().get(0).swept().get("lr"), "another sweep_seed, other draws");
        for (Trial t : other.trials()) {
            long batch = ((Number) t.options().get("batch")).longValue();
            assertTrue(batch >= 8 && batch <= 64, t.id());
        }
    }

    @Test
    void aJsonSweepFileExpandsLikeItsYamlTwin() throws Exception {
        SweepPlan yaml = plan(ISSUE_EXAMPLE, "yaml");
        Path json = SweepCli.file(dir, "issue.json", """
                {"base": {"data": "DIABETES", "target": "progression", "model": "8-tanh", "optimizer": "egn", "epochs": 2, "device": "cpu"},
                 "grid": {"lr": [0.1, 1.0], "lambda": [0.01, 1.0]},
                 "random": {"momentum": {"uniform": [0, 0.95]}, "lambda": {"log-uniform": [1e-4, 10]}},
                 "trials": 20, "seeds": [1, 2, 3], "metric": "final_train_loss"}
                """);
        SweepCli r = SweepCli.run("sweep", "--config", json.toString(), "--out", dir.resolve("json").toString(), "--dry-run");
        assertEquals(0, r.code(), r.toString());
        assertTrue(yaml.sameTrials(SweepPlan.read(dir.resolve("json/sweep.json"))));
    }

    @Test
    void addingARandomOptionLeavesTheOtherOptionsDrawsAlone() throws Exception {
        SweepPlan one = plan("""
                base: {data: DIABETES, target: progression, steps: 2}
                random: {lr: {log-uniform: [1e-3, 1]}}
                trials: 5
                metric: final_train_loss
                """, "one");
        SweepPlan two = plan("""
                base: {data: DIABETES, target: progression, steps: 2}
                random: {lr: {log-uniform: [1e-3, 1]}, momentum: {uniform: [0, 0.9]}}
                trials: 5
                metric: final_train_loss
                """, "two");
        assertEquals(one.trials().stream().map(t -> t.swept().get("lr")).toList(),
                two.trials().stream().map(t -> t.swept().get("lr")).toList());
    }

    @Test
    void relativeDataPathsBecomeAbsoluteAndTheDefaultFolderIsNamedAfterTheFile() throws Exception {
        Path cwd = Path.of("").toAbsolutePath();
        String relative = cwd.relativize(SweepCli.DIABETES).toString();
        Path f = SweepCli.file(dir, "rel.yaml", "base: {data: " + relative + ", target: progression, steps: 2}\nmetric: final_train_loss\n");
        SweepCli r = SweepCli.run("sweep", "--config", f.toString(), "--dry-run");
        try {
            assertEquals(0, r.code(), r.toString());
            SweepPlan plan = SweepPlan.read(Path.of("sweeps", "rel", "sweep.json"));
            assertEquals(1, plan.trials().size());
            assertEquals(SweepCli.DIABETES.toString(), plan.trials().get(0).options().get("data"));
            assertEquals("0000", plan.trials().get(0).id(), "nothing swept: the id is the index");
        } finally {
            Files.deleteIfExists(Path.of("sweeps", "rel", "sweep.json"));
            Files.deleteIfExists(Path.of("sweeps", "rel"));
            try (var left = Files.list(Path.of("sweeps"))) {
                if (left.findAny().isEmpty()) {
                    Files.delete(Path.of("sweeps"));
                }
            }
        }
    }

    @Test
    void devicesGiveOneWorkerEachUnlessWorkersSaysOtherwise() throws Exception {
        Path f = SweepCli.file(dir, "dev.yaml", """
                base: {data: DIABETES, target: progression, steps: 2}
                grid: {lr: [0.1, 0.2, 0.3]}
                devices: [cpu, gpu:0]
                metric: final_train_loss
                """);
        SweepCli r = SweepCli.run("sweep", "--config", f.toString(), "--out", dir.resolve("dev").toString(), "--dry-run",
                "--devices", "gpu:0,gpu:0,gpu:1");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("would run 3 at a time on gpu:0, gpu:0, gpu:1"), r.out());
        r = SweepCli.run("sweep", "--config", f.toString(), "--out", dir.resolve("dev").toString(), "--dry-run", "--workers", "5");
        assertTrue(r.out().contains("would run 5 at a time on cpu, gpu:0"), r.out());
        assertEquals(List.of("cpu", "gpu:0"), SweepPlan.read(dir.resolve("dev/sweep.json")).devices());
        assertEquals(Set.of("0000-lr0.1", "0001-lr0.2", "0002-lr0.3"),
                SweepPlan.read(dir.resolve("dev/sweep.json")).trials().stream().map(Trial::id).collect(Collectors.toSet()));
    }
}
