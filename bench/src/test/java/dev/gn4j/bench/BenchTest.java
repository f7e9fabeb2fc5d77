package dev.gn4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gn4j.engine.backend.DType;
import dev.gn4j.engine.backend.DeviceUnavailable;
import dev.gn4j.engine.backend.cpu.CpuBackend;
import dev.gn4j.engine.curvature.GramMode;
import dev.gn4j.engine.curvature.SolverKind;
import dev.gn4j.engine.model.Loss;
import dev.gn4j.engine.profile.Phase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tiny matrix through the whole bench: cells, skips, ratios and bench.json (bench.png: gn4j-report's BenchPlotTest). */
class BenchTest {
    @TempDir
    Path dir;

    private static BenchOptions tiny(List<String> optimizers, List<GramMode> jacobians, long maxJacobianMb) {
        return new BenchOptions(List.of("cpu", "gpu"), optimizers, List.of(4, 8), "8-tanh", 6, 3, Loss.CE, List.of(DType.F64),
                jacobians, 4, 1, 0, 0, false, maxJacobianMb, 64, 4096, 1);
    }

    /** The CPU backend, and a GPU that is never there. */
    private static final Bench.DeviceOpener NO_GPU = device -> {
        if (device.equals("gpu")) {
            throw new DeviceUnavailable("no GPU in this test");
        }
        return new CpuBackend();
    };

    @Test
    void runsTheMeaningfulCellsSkipsTheRestAndWritesJson() throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        BenchOptions opts = tiny(List.of("egn", "ggn", "sgd"), List.of(GramMode.FACTORED, GramMode.EXPLICIT), 2048);
        BenchResults r = new Bench(opts, NO_GPU, new PrintStream(log, true, StandardCharsets.UTF_8)).run();

        Set<String> labels = new TreeSet<>();
        r.results().forEach(c -> labels.add(c.config().label()));
        assertEquals(Set.of("cpu egn f64 factored b4", "cpu egn f64 factored b8", "cpu egn f64 explicit b4",
                "cpu egn f64 explicit b8", "cpu sgd f64 b4", "cpu sgd f64 b8"), labels);
        String progress = log.toString(StandardCharsets.UTF_8);
        assertTrue(progress.contains("gpu: skipped: no GPU in this test"), progress);
        assertTrue(progress.contains("ggn: skipped: GGN is defined for the mse loss only"), progress);
        assertEquals("no GPU in this test", r.device("gpu").skipped());
        assertTrue(r.device("gpu").ceilings().isEmpty());
        assertNull(r.device("cpu").skipped());
        assertEquals(1, r.device("cpu").ceilings().size());
        assertTrue(r.device("cpu").ceiling("f64").gemmGflops() > 0);

        for (ConfigResult c : r.results()) {
            assertEquals(1, c.warmupSteps(), "--warmup 1 and no minimum time");
            assertEquals(2, c.stepMs().n(), "4 timed steps: 2 plain");
            assertEquals(2, c.profiledStepMs().n(), "and 2 profiled");
            assertTrue(c.stepMs().p10() <= c.stepMs().median() && c.stepMs().median() <= c.stepMs().p90());
            assertTrue(c.gflops() > 0);
            boolean secondOrder = !c.config().firstOrder();
            assertEquals(secondOrder, c.phaseMs().get(Phase.SOLVE).median() > 0, c.config().label());
        }

        List<String> ratios = new ArrayList<>();
        r.ratios().forEach(q -> ratios.add(q.kind() + " " + q.config()));
        assertTrue(ratios.contains("egn/sgd cpu f64 factored b4"), ratios.toString());
        assertTrue(ratios.contains("factored/explicit cpu egn f64 b8"), ratios.toString());
        assertFalse(ratios.stream().anyMatch(s -> s.startsWith("gpu/cpu")), "no GPU, no GPU/CPU ratio");

        BenchReport.write(r, List.of("gn4j", "bench"), dir);
        JsonNode json = new ObjectMapper().readTree(dir.resolve("bench.json").toFile());
        assertEquals(6, json.get("results").size());
        JsonNode first = json.get("results").get(0);
        for (String key : List.of("step_ms", "profiled_step_ms", "phases", "gflop", "gflops", "gemm_ceiling_fraction",
                "cost_items", "system_rows", "gram_dtype")) {
            assertNotNull(first.get(key), key + " in " + first);
        }
        assertEquals(Phase.values().length, first.get("phases").size());
        assertTrue(json.get("machine").get("cores").asInt() >= 1);
        assertTrue(json.get("machine").get("host_memcpy_gbs").asDouble() > 0);
        assertEquals("no GPU in this test", json.get("devices").get(1).get("skipped").asText());
        assertTrue(json.get("skipped").toString().contains("first-order steps form no Gram"), json.get("skipped").toString());
        String text = BenchReport.text(r);
        assertTrue(text.contains("cpu egn f64 explicit b8"), text);
        assertTrue(text.contains("GFLOP/s"), text);
    }

    @Test
    void interleavedRoundsTimeEveryStepOfEveryCellAndSayEachRound() {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        // 5 steps in 3 rounds: slices of 1, 2 and 2 steps; plain and profiled keep alternating across slices.
        BenchOptions opts = new BenchOptions(List.of("cpu"), List.of("egn", "sgd"), List.of(4, 8), "8-tanh", 6, 3, Loss.CE,
                List.of(DType.F64), List.of(GramMode.FACTORED), 5, 1, 0, 0, false, 2048, 64, 4096, 3);
        BenchResults r = new Bench(opts, NO_GPU, new PrintStream(log, true, StandardCharsets.UTF_8)).run();
        List<String> labels = new ArrayList<>();
        r.results().forEach(c -> labels.add(c.config().label()));
        assertEquals(List.of("cpu egn f64 factored b4", "cpu egn f64 factored b8", "cpu sgd f64 b4", "cpu sgd f64 b8"), labels,
                "table order, as without rounds");
        for (ConfigResult c : r.results()) {
            assertEquals(3, c.stepMs().n(), c.config().label() + ": 5 timed steps, 3 plain");
            assertEquals(2, c.profiledStepMs().n(), "and 2 profiled");
            assertEquals(1, c.warmupSteps());
            assertEquals(!c.config().firstOrder(), c.phaseMs().get(Phase.SOLVE).median() > 0, c.config().label());
        }
        String progress = log.toString(StandardCharsets.UTF_8);
        for (int round = 1; round <= 3; round++) {
            assertTrue(progress.contains("round " + round + " of 3 done"), progress);
        }
        assertTrue(r.ratios().stream().anyMatch(q -> (q.kind() + " " + q.config()).equals("egn/sgd cpu f64 factored b8")));
    }

    @Test
    void anExplicitJacobianOverTheMemoryLimitIsSkippedNotAllocated() {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        // 6-256-3, batch 32: 96 rows × 2,563 parameters × 8 bytes ≈ 1.9 MiB > 1 MiB.
        BenchOptions opts = new BenchOptions(List.of("cpu"), List.of("egn"), List.of(32), "256-tanh", 6, 3, Loss.CE,
                List.of(DType.F64), List.of(GramMode.EXPLICIT), 2, 0, 0, 0, false, 1, 64, 4096, 1);
        BenchResults r = new Bench(opts, NO_GPU, new PrintStream(log, true, StandardCharsets.UTF_8)).run();
        assertTrue(r.results().isEmpty());
        assertEquals(1, r.skipped().size());
        assertTrue(r.skipped().get(0).reason().contains("over --max-jacobian-mb 1"), r.skipped().get(0).reason());
    }

    @Test
    void aCellThatCannotFitIsRefusedBeforeAllocatingAndEachCellSaysItsSolverAndMemory() throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        // 100 classes at batch 1,024: m = 101,376 rows, whose K and factor would need about 191 GiB.
        BenchOptions opts = new BenchOptions(List.of("cpu"), List.of("egn"), List.of(1024), "8-tanh", 6, 100, Loss.CE,
                List.of(DType.F32), List.of(GramMode.FACTORED), 2, 0, 0, 0, false, 2048, 64, 4096, 1, null,
                List.of(SolverKind.CHOLESKY, SolverKind.CG));
        BenchResults r = new Bench(opts, NO_GPU, new PrintStream(log, true, StandardCharsets.UTF_8)).run();
        assertEquals(1, r.results().size(), log.toString(StandardCharsets.UTF_8));
        ConfigResult cg = r.results().get(0);
        assertEquals("cpu egn f32 factored cg b1024", cg.config().label());
        assertEquals(SolverKind.CG, cg.solver().kind());
        assertTrue(cg.modelledBytes() > 0 && cg.modelledBytes() < (1L << 30), "CG's step is small: " + cg.modelledBytes());
        Skip refused = r.skipped().get(0);
        assertEquals("cpu egn f32 factored cholesky b1024", refused.what());
        assertTrue(refused.reason().startsWith("does not fit: ") && refused.reason().contains("--solver cg"), refused.reason());

        BenchReport.write(r, List.of("gn4j", "bench"), dir);
        JsonNode cell = new ObjectMapper().readTree(dir.resolve("bench.json").toFile()).get("results").get(0);
        assertEquals("cg", cell.get("solver").asText());
        assertEquals(cg.modelledBytes(), cell.get("memory_bytes_modelled").asLong());
        assertTrue(BenchReport.table(r).lines().anyMatch(l -> l.startsWith("cpu egn f32 factored cg b1024") && l.endsWith(" cg")),
                BenchReport.table(r));
    }

    @Test
    void autoIsResolvedAsTrainResolvesIt() {
        // m = 12 rows: forming and factoring K costs less than the fewest CG iterations auto tries first.
        BenchOptions opts = new BenchOptions(List.of("cpu"), List.of("egn"), List.of(4), "8-tanh", 6, 3, Loss.MSE,
                List.of(DType.F64), List.of(GramMode.FACTORED), 2, 0, 0, 0, false, 2048, 64, 4096, 1, null,
                List.of(SolverKind.AUTO));
        BenchResults r = new Bench(opts, NO_GPU, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)).run();
        ConfigResult auto = r.results().get(0);
        assertEquals(SolverKind.CHOLESKY, auto.solver().kind());
        assertTrue(auto.solver().reason().startsWith("m = 12 rows: forming and factoring K"), auto.solver().reason());
        assertTrue(BenchReport.table(r).contains(" cholesky"), BenchReport.table(r));
    }

    @Test
    void badAxesAreUsageErrors() {
        assertThrows(IllegalArgumentException.class, () -> tiny(List.of("lm"), List.of(GramMode.FACTORED), 10));
        assertThrows(IllegalArgumentException.class, () -> tiny(List.of("lbfgs"), List.of(GramMode.FACTORED), 10));
        assertThrows(IllegalArgumentException.class, () -> new BenchOptions(List.of("tpu"), List.of("egn"), List.of(4), "8",
                6, 3, Loss.CE, List.of(DType.F64), List.of(GramMode.FACTORED), 4, 1, 0, 0, false, 10, 0, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new BenchOptions(List.of("cpu"), List.of("egn"), List.of(4), "8",
                6, 3, Loss.CE, List.of(DType.F64), List.of(GramMode.FACTORED), 1, 1, 0, 0, false, 10, 0, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new BenchOptions(List.of("cpu"), List.of("egn"), List.of(0), "8",
                6, 3, Loss.CE, List.of(DType.F64), List.of(GramMode.FACTORED), 4, 1, 0, 0, false, 10, 0, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new BenchOptions(List.of("cpu"), List.of("egn"), List.of(4), "8",
                6, 3, Loss.CE, List.of(DType.F64), List.of(GramMode.FACTORED), 4, 1, 0, 0, false, 10, 0, 0, 5)); // rounds > steps
        assertThrows(IllegalArgumentException.class, () -> new BenchOptions(List.of("cpu"), List.of("egn"), List.of(4), "8",
                6, 3, Loss.CE, List.of(DType.F64), List.of(GramMode.FACTORED), 4, 1, 0, 0, false, 10, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new BenchOptions(List.of("cpu"), List.of("egn"), List.of(4), "8-tanhh",
                6, 3, Loss.CE, List.of(DType.F64), List.of(GramMode.FACTORED), 4, 1, 0, 0, false, 10, 0, 0, 1));
    }

    @Test
    void spreadInterpolatesLikeNumpy() {
        Spread s = Spread.of(new double[] {5, 1, 4, 2, 3});
        assertEquals(3, s.median());
        assertEquals(1.4, s.p10(), 1e-12);
        assertEquals(4.6, s.p90(), 1e-12);
        assertEquals(5, s.n());
        assertTrue(Double.isNaN(Spread.of(new double[0]).median()));
    }
}
