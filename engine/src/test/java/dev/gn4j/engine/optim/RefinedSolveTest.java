package dev.gn4j.engine.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gn4j.engine.DenseReference;
import dev.gn4j.engine.Fixture;
import dev.gn4j.engine.backend.Backend;
import dev.gn4j.engine.backend.DType;
import dev.gn4j.engine.backend.Mat;
import dev.gn4j.engine.curvature.DampedSolve;
import dev.gn4j.engine.curvature.RowsFactory;
import dev.gn4j.engine.curvature.SolverKind;
import dev.gn4j.engine.curvature.SolverSettings;
import dev.gn4j.engine.curvature.SpdSolver;
import dev.gn4j.engine.data.BuiltinDatasets;
import dev.gn4j.engine.data.ColumnScaler;
import dev.gn4j.engine.data.Dataset;
import dev.gn4j.engine.model.Activations;
import dev.gn4j.engine.model.Init;
import dev.gn4j.engine.model.Loss;
import dev.gn4j.engine.model.Mlp;
import dev.gn4j.engine.model.Network;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A float32 EGN step from 512 rows on: the float64 Gram solved with a float32 factor refined in
 * float64 (the default) against the same Gram factored in float64 (--solve-dtype f64), on
 * built-in datasets, at the start of training and after EGN steps, at λ from 1 to 10⁻⁶. The
 * directions must agree to {@link #TOL}: float32's own rounding of the solution t, well
 * below what separates the float64 and float32 steps of MATH.md's tests. The table goes to
 * target/refined-solve-error.md (bench/results/2026-12-03-refined-solve.md quotes it).
 */
class RefinedSolveTest {
    private static final Backend BE = Fixture.CPU;
    /** The directions' relative difference allowed: a few float32 roundings of t and of Uᵀt. */
    static final double TOL = 1e-6;
    private static final double[] LAMBDAS = {1, 1e-3, 1e-6};
    private static final int[] STATES = {0, 30, 100};

    record Problem(String dataset, Loss loss, String hidden, int[] batches) {
    }

    /**
     * amplification: ‖∇L‖ / (b·λ·‖d₆₄‖), how much larger the terms that cancel in the direction are
     * than the direction itself (the Woodbury form's (∇L − Uᵀ(K + bλI)⁻¹U∇L) / bλ; the kernel form's
     * Uᵀt alike), so a relative difference in t of ε shows in d as up to ε times it.
     */
    record Row(String dataset, int batch, int m, int step, double lambda, double error, double amplification,
               int refinementSteps, double unrefinedError, boolean refined, int fallbacks) {
        /** TOL, widened by the cancellation where it exceeds 1: both solves are then right to within what t's rounding can show. */
        double allowed() {
            return TOL * Math.max(1, amplification);
        }
    }

    @Test
    void refinedFloat32FactorGivesTheFloat64DirectionOnBuiltinDatasets() throws IOException {
        List<Row> rows = new ArrayList<>();
        rows.addAll(measure(new Problem("digits", Loss.CE, "64-tanh-64-tanh", new int[] {64, 128, 512})));
        rows.addAll(measure(new Problem("census-house", Loss.MSE, "64-tanh-64-tanh", new int[] {512, 2048})));
        StringBuilder table = new StringBuilder("| dataset | b | m | EGN steps | λ | ‖d − d₆₄‖/‖d₆₄‖ | "
                + "cancellation ‖∇L‖/(bλ‖d₆₄‖) | refinement steps | float32 factor alone (est.) | answered by | fallbacks |\n"
                + "|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            table.append(String.format(Locale.ROOT, "| %s | %d | %,d | %d | %.0e | %.2e | %.1e | %d | %.1e | %s | %d |%n", r.dataset,
                    r.batch, r.m, r.step, r.lambda, r.error, r.amplification, r.refinementSteps, r.unrefinedError, r.refined ? "refined" : "float64 factor",
                    r.fallbacks));
        }
        Path out = Path.of("target", "refined-solve-error.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, table);
        System.out.print(table);
        for (Row r : rows) {
            String what = r.dataset + " b " + r.batch + " step " + r.step + " λ " + r.lambda;
            assertTrue(r.error < r.allowed(), what + ": relative difference " + r.error + ", allowed " + r.allowed());
        }
        for (Row r : rows) {
            assertTrue(r.refinementSteps >= 2, r + ": refined");
            assertEquals(0, r.fallbacks, r + ": no Cholesky fallbacks");
        }
        assertTrue(rows.stream().filter(Row::refined).count() > rows.size() / 2, "the refined factor answered mostly");
    }

    private static List<Row> measure(Problem p) {
        Dataset data = BuiltinDatasets.get(p.dataset).load().train();
        int n = data.rows(), d = data.featureCount();
        double[] features = data.features().clone();
        ColumnScaler.fit(features, n, d).applyInPlace(features);
        double[] targets = data.targets().clone();
        if (p.loss == Loss.MSE) {
            ColumnScaler.fit(targets, n, data.targetWidth()).applyInPlace(targets);
        }
        Mlp mlp = Mlp.parse(p.hidden, d, data.outputs());
        Network net = new Network(BE, mlp);
        Objective obj = new Objective(net, p.loss);
        Mat theta = BE.zeros(Math.toIntExact(mlp.parameterCount()), 1, DType.F32);
        BE.upload(Init.draw(mlp, 3), theta);
        SplittableRandom rng = new SplittableRandom(5);
        OptimizerConfig.Builder train = config(DType.F64);
        train.lineSearch = true;
        Optimizer reference = Optimizers.create(train.build(), net, p.loss, DType.F32);
        int trainBatch = 128;
        List<Row> rows = new ArrayList<>();
        int done = 0;
        for (int state : STATES) {
            for (; done < state; done++) {
                Activations ws = batch(mlp, p.loss, data, features, targets, trainBatch, rng);
                reference.step(new StepInputs(obj, theta, ws, ws, null, done + 1, new SplittableRandom(done)));
            }
            for (int b : p.batches) {
                Activations ws = batch(mlp, p.loss, data, features, targets, Math.min(b, n), new SplittableRandom(11));
                rows.addAll(compare(p, net, obj, theta, ws, state));
            }
        }
        return rows;
    }

    /** One Gram of each kind, solved at every λ (as LM solves one Gram at several shifts). */
    private static List<Row> compare(Problem p, Network net, Objective obj, Mat theta, Activations ws, int state) {
        SpdSolver float64 = new SpdSolver(BE, DType.F64);
        SpdSolver refined = new SpdSolver(BE, DType.F32);
        DampedSolve expected = prepare(p, net, obj, theta, ws, float64, DType.F64);
        DampedSolve actual = prepare(p, net, obj, theta, ws, refined, null);
        int m = ws.batch() * (p.loss == Loss.CE ? net.mlp().outputs() - 1 : net.mlp().outputs());
        Mat grad = BE.zeros(Math.toIntExact(net.mlp().parameterCount()), 1, DType.F32);
        obj.valueAndGradient(theta, ws, grad); // the same forward state again, bit for bit
        double gradNorm = Math.sqrt(BE.sumSquares(grad));
        List<Row> rows = new ArrayList<>();
        for (double lambda : LAMBDAS) {
            double[] want = direction(net, expected, lambda);
            assertEquals(0, float64.refinementSteps());
            double[] got = direction(net, actual, lambda);
            double amplification = gradNorm / (ws.batch() * lambda * norm(want));
            rows.add(new Row(p.dataset, ws.batch(), m, state, lambda, DenseReference.relativeError(got, want), amplification,
                    refined.refinementSteps(), refined.unrefinedError(), refined.refinedAnswer(), refined.takeFallbackCount()));
        }
        return rows;
    }

    private static double norm(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }

    private static double[] direction(Network net, DampedSolve prepared, double lambda) {
        Mat d = BE.zeros(Math.toIntExact(net.mlp().parameterCount()), 1, DType.F32);
        prepared.direction(lambda, d);
        return BE.download(d);
    }

    /** EGN's system in float32 with the Gram's solve as solveDtype asks (null: the working dtype's, refined). */
    private static DampedSolve prepare(Problem p, Network net, Objective obj, Mat theta, Activations ws, SpdSolver solver,
                                       DType solveDtype) {
        OptimizerConfig cfg = config(solveDtype).build();
        Direction dir = Egn.direction(new MethodParts(cfg, p.loss, solver, new RowsFactory(net, p.loss, DType.F32,
                solveDtype == null ? DType.F32 : solveDtype)));
        Mat grad = BE.zeros(Math.toIntExact(net.mlp().parameterCount()), 1, DType.F32);
        if (dir.batchSpaceGradient()) {
            obj.stepValue(theta, ws);
        } else {
            obj.valueAndGradient(theta, ws, grad);
        }
        return dir.prepare(new StepInputs(obj, theta, ws, ws, null, 1, new SplittableRandom(1)), dir.batchSpaceGradient() ? null : grad);
    }

    private static OptimizerConfig.Builder config(DType solveDtype) {
        OptimizerConfig.Builder cfg = new OptimizerConfig.Builder();
        cfg.method = Method.EGN;
        cfg.lr = 1;
        cfg.solveDtype = solveDtype;
        cfg.solver = SolverSettings.DEFAULT.withKind(SolverKind.CHOLESKY);
        return cfg;
    }

    /** b rows drawn without replacement, uploaded column-major. */
    private static Activations batch(Mlp mlp, Loss loss, Dataset data, double[] features, double[] targets, int b,
                                     SplittableRandom rng) {
        int n = data.rows(), d = data.featureCount(), t = data.targetWidth();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = 0; i < b; i++) {
            int j = i + rng.nextInt(n - i);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        double[] x = new double[b * d];
        double[] y = new double[b * t];
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < d; j++) {
                x[i + b * j] = features[order[i] * d + j];
            }
            for (int j = 0; j < t; j++) {
                y[i + b * j] = targets[order[i] * t + j];
            }
        }
        Activations ws = new Activations(BE, mlp, loss, DType.F32, b);
        BE.upload(x, ws.input());
        BE.upload(y, ws.target());
        return ws;
    }
}
