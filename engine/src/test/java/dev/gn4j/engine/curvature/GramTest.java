package dev.gn4j.engine.curvature;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gn4j.engine.DenseReference;
import dev.gn4j.engine.Fixture;
import dev.gn4j.engine.backend.Activation;
import dev.gn4j.engine.backend.Backend;
import dev.gn4j.engine.backend.DType;
import dev.gn4j.engine.backend.Mat;
import dev.gn4j.engine.model.Loss;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The factored Gram Σ (G Gᵀ) ∘ (Ã Ãᵀ + 1) against the explicit J Jᵀ and the dense Jacobian. */
class GramTest {
    private static final Backend BE = Fixture.CPU;

    @Test
    void factoredEqualsExplicitEqualsDenseForEverySeed() {
        for (Loss loss : Loss.values()) {
            Fixture fx = new Fixture(new int[] {4, 7, 5, 3},
                    new Activation[] {Activation.SIGMOID, Activation.RELU, Activation.IDENTITY}, loss, 5, 3, DType.F64);
            fx.objective.value(fx.theta, fx.batch);
            int c = 3, b = fx.b;
            Mat identity = BE.zeros(b * c, c, DType.F64);
            BE.identityRows(identity);
            Mat random = BE.zeros(b * c, c, DType.F64);
            SplittableRandom rng = new SplittableRandom(5);
            double[] r = new double[b * c * c];
            for (int i = 0; i < r.length; i++) {
                r[i] = rng.nextGaussian();
            }
            BE.upload(r, random);
            Object[][] seeds = {{identity, c}, {random, c}, {fx.batch.residual(), 1}};
            for (Object[] s : seeds) {
                Mat seed = (Mat) s[0];
                int rps = (Integer) s[1];
                CurvatureRows u = float64Rows(fx, seed, rps);
                double[] factored = lowerMirrored(u.gram(GramMode.FACTORED));
                double[] explicit = lowerMirrored(u.gram(GramMode.EXPLICIT));
                double[] dense = denseGram(fx, seed, rps);
                assertTrue(DenseReference.relativeError(factored, explicit) < 1e-13,
                        loss + " rps " + rps + ": factored vs explicit " + DenseReference.relativeError(factored, explicit));
                assertTrue(DenseReference.relativeError(factored, dense) < 1e-13,
                        loss + " rps " + rps + ": factored vs dense " + DenseReference.relativeError(factored, dense));
            }
        }
    }

    @Test
    void oneUnitLayersTakeTheBlockPathAndStillMatchTheDenseGram() {
        // Width-1 layers (a one-output top, a bottleneck) add their term as the SYRK of
        // g ∘ [A | 1]; the others keep the Hadamard form. Both orders occur here: the block
        // term first (β = 0, no fill) and after a Hadamard term (β = 1).
        Object[][] nets = {
            {new int[] {4, 6, 1, 5, 1}, new Activation[] {Activation.TANH, Activation.SIGMOID, Activation.RELU, Activation.IDENTITY}},
            {new int[] {4, 1, 3}, new Activation[] {Activation.GELU, Activation.IDENTITY}},
        };
        for (Object[] n : nets) {
            int[] sizes = (int[]) n[0];
            Fixture fx = new Fixture(sizes, (Activation[]) n[1], Loss.MSE, 5, 7, DType.F64);
            fx.objective.value(fx.theta, fx.batch);
            int c = sizes[sizes.length - 1], b = fx.b;
            Mat identity = BE.zeros(b * c, c, DType.F64);
            BE.identityRows(identity);
            Object[][] seeds = {{identity, c}, {fx.batch.residual(), 1}};
            for (Object[] s : seeds) {
                Mat seed = (Mat) s[0];
                int rps = (Integer) s[1];
                CurvatureRows u = float64Rows(fx, seed, rps);
                double[] factored = lowerMirrored(u.gram(GramMode.FACTORED));
                double[] dense = denseGram(fx, seed, rps);
                double err = DenseReference.relativeError(factored, dense);
                assertTrue(err < 1e-13, Arrays.toString(sizes) + " rps " + rps + ": factored vs dense " + err);
                // A second call overwrites K instead of adding to the first.
                double again = DenseReference.relativeError(lowerMirrored(u.gram(GramMode.FACTORED)), dense);
                assertTrue(again < 1e-13, "second call: " + again);
            }
        }
    }

    @Test
    void float32OneOutputGramAgreesWithFloat64InEitherGramDtype() {
        // One output: the block path when K is float32, the Hadamard form when K is float64.
        int[] sizes = {6, 16, 8, 1};
        Activation[] acts = {Activation.TANH, Activation.TANH, Activation.IDENTITY};
        Fixture f64 = new Fixture(sizes, acts, Loss.MSE, 8, 2, DType.F64);
        double[] g64 = gramOf(f64, DType.F64);
        for (DType solve : DType.values()) {
            Fixture f32 = new Fixture(sizes, acts, Loss.MSE, 8, 2, DType.F32);
            f32.objective.value(f32.theta, f32.batch);
            Mat seed = BE.zeros(f32.b, 1, DType.F32);
            BE.identityRows(seed);
            RowsWorkspace work = new RowsWorkspace(BE, f32.mlp, DType.F32, solve, f32.b, 1);
            double[] g32 = lowerMirrored(new CurvatureRows(f32.net, f32.theta, f32.batch, seed, 1, work).gram(GramMode.FACTORED));
            double err = DenseReference.relativeError(g32, g64);
            assertTrue(err < 1e-5, "float32 step, " + solve + " Gram: relative error " + err);
        }
    }

    @Test
    void applyAndTransposeAreAdjointAndMatchTheDenseRows() {
        Fixture fx = Fixture.tiny(Loss.CE, 4);
        fx.objective.value(fx.theta, fx.batch);
        int c = fx.mlp.outputs(), b = fx.b, p = (int) fx.mlp.parameterCount(), rps = c - 1;
        Mat seed = BE.zeros(b * rps, c, DType.F64);
        BE.softmaxQFactor(fx.batch.probabilities(), seed);
        CurvatureRows u = float64Rows(fx, seed, rps);
        double[][] rows = denseRows(fx, seed, rps);
        SplittableRandom rng = new SplittableRandom(9);
        double[] w = rng.doubles(p).map(v -> v - 0.5).toArray();
        double[] v = rng.doubles(b * rps).map(x -> x - 0.5).toArray();
        Mat wm = BE.zeros(p, 1, DType.F64), vm = BE.zeros(b * rps, 1, DType.F64);
        BE.upload(w, wm);
        BE.upload(v, vm);
        Mat uw = BE.zeros(b * rps, 1, DType.F64), utv = BE.zeros(p, 1, DType.F64);
        u.apply(wm, uw);
        u.applyTranspose(vm, utv);
        double[] expectUw = new double[b * rps];
        double[] expectUtv = new double[p];
        for (int r = 0; r < b * rps; r++) {
            for (int q = 0; q < p; q++) {
                expectUw[r] += rows[r][q] * w[q];
                expectUtv[q] += rows[r][q] * v[r];
            }
        }
        assertTrue(DenseReference.relativeError(BE.download(uw), expectUw) < 1e-13);
        assertTrue(DenseReference.relativeError(BE.download(utv), expectUtv) < 1e-13);
    }

    @Test
    void transposeFromTheFactoredGramsKeptSensitivitiesMatchesTheBackwardPass() {
        // With one row a sample, after gram(FACTORED) Uᵀv reads the G_l it kept (a row scaling and
        // a GEMM a layer); before it, for rows whose workspace another rows' Gram has since taken,
        // and with rps = c or c − 1, a backward pass. All must be the dense rows' Uᵀv.
        for (Loss loss : Loss.values()) {
            Fixture fx = new Fixture(new int[] {4, 7, 5, 3},
                    new Activation[] {Activation.TANH, Activation.RELU, Activation.IDENTITY}, loss, 5, 3, DType.F64);
            fx.objective.value(fx.theta, fx.batch);
            int c = 3, b = fx.b, p = (int) fx.mlp.parameterCount();
            Mat identity = BE.zeros(b * c, c, DType.F64);
            BE.identityRows(identity);
            Mat qFactor = BE.zeros(b * (c - 1), c, DType.F64);
            BE.softmaxQFactor(fx.batch.probabilities(), qFactor);
            Object[][] seeds = loss == Loss.CE ? new Object[][] {{identity, c}, {qFactor, c - 1}, {fx.batch.residual(), 1}}
                    : new Object[][] {{identity, c}, {fx.batch.residual(), 1}};
            for (Object[] s : seeds) {
                Mat seed = (Mat) s[0];
                int rps = (Integer) s[1];
                RowsWorkspace work = new RowsWorkspace(BE, fx.mlp, DType.F64, DType.F64, b, rps);
                CurvatureRows u = new CurvatureRows(fx.net, fx.theta, fx.batch, seed, rps, work);
                double[][] rows = denseRows(fx, seed, rps);
                double[] v = new SplittableRandom(9).doubles(b * rps).map(x -> x - 0.5).toArray();
                double[] expect = new double[p];
                for (int r = 0; r < b * rps; r++) {
                    for (int q = 0; q < p; q++) {
                        expect[q] += rows[r][q] * v[r];
                    }
                }
                Mat vm = BE.zeros(b * rps, 1, DType.F64);
                BE.upload(v, vm);
                String what = loss + " rps " + rps;
                assertTrue(DenseReference.relativeError(transpose(u, vm, p), expect) < 1e-13, what + ": backward pass");
                u.gram(GramMode.FACTORED);
                assertTrue(DenseReference.relativeError(transpose(u, vm, p), expect) < 1e-13, what + ": kept sensitivities");
                new CurvatureRows(fx.net, fx.theta, fx.batch, identity.view(0, b * rps, c), rps, work).gram(GramMode.FACTORED);
                assertTrue(DenseReference.relativeError(transpose(u, vm, p), expect) < 1e-13, what + ": after other rows' Gram");
            }
        }
    }

    private static double[] transpose(CurvatureRows u, Mat v, int p) {
        Mat out = BE.zeros(p, 1, DType.F64);
        u.applyTranspose(v, out);
        return BE.download(out);
    }

    @Test
    void float32GramAgreesWithFloat64() {
        Fixture f64 = new Fixture(new int[] {6, 16, 3}, new Activation[] {Activation.TANH, Activation.IDENTITY}, Loss.MSE, 8, 2, DType.F64);
        Fixture f32 = new Fixture(new int[] {6, 16, 3}, new Activation[] {Activation.TANH, Activation.IDENTITY}, Loss.MSE, 8, 2, DType.F32);
        double[] g64 = gramOf(f64, DType.F64);
        double[] g32 = gramOf(f32, DType.F32);
        double err = DenseReference.relativeError(g32, g64);
        assertTrue(err < 1e-5, "float32 Gram relative error " + err);
    }

    private static double[] gramOf(Fixture fx, DType dt) {
        fx.objective.value(fx.theta, fx.batch);
        int c = fx.mlp.outputs();
        Mat seed = BE.zeros(fx.b * c, c, dt);
        BE.identityRows(seed);
        RowsWorkspace work = new RowsWorkspace(BE, fx.mlp, dt, dt, fx.b, c);
        return lowerMirrored(new CurvatureRows(fx.net, fx.theta, fx.batch, seed, c, work).gram(GramMode.FACTORED));
    }

    /** The rows of a float64 fixture's batch under a seed, in a float64 workspace of their own. */
    private static CurvatureRows float64Rows(Fixture fx, Mat seed, int rps) {
        RowsWorkspace work = new RowsWorkspace(BE, fx.mlp, DType.F64, DType.F64, fx.b, rps);
        return new CurvatureRows(fx.net, fx.theta, fx.batch, seed, rps, work);
    }

    /** K read as its consumers read it: the lower triangle and diagonal, mirrored here (the upper one is unspecified). */
    static double[] lowerMirrored(Mat k) {
        int m = k.rows();
        double[] a = BE.download(k);
        for (int j = 0; j < m; j++) {
            for (int i = 0; i < j; i++) {
                a[i + m * j] = a[j + m * i];
            }
        }
        return a;
    }

    @Test
    void symmetrizingTheGramGivesTheDenseMatrix() {
        // A consumer that needs the full matrix symmetrizes it; the result is the dense U Uᵀ.
        Fixture fx = Fixture.tiny(Loss.CE, 4);
        fx.objective.value(fx.theta, fx.batch);
        int c = fx.mlp.outputs(), b = fx.b, rps = c - 1;
        Mat seed = BE.zeros(b * rps, c, DType.F64);
        BE.softmaxQFactor(fx.batch.probabilities(), seed);
        for (GramMode mode : GramMode.values()) {
            Mat k = float64Rows(fx, seed, rps).gram(mode);
            BE.symmetrize(k);
            double[] dense = denseGram(fx, seed, rps);
            double err = DenseReference.relativeError(BE.download(k), dense);
            assertTrue(err < 1e-13, mode + ": symmetrized vs dense " + err);
        }
    }

    /** Row r of U = seed_r · J_{r/rps}, from the dense Jacobian. */
    static double[][] denseRows(Fixture fx, Mat seed, int rps) {
        DenseReference ref = new DenseReference(fx);
        double[][][] jac = ref.jacobian(fx.batch);
        int m = seed.rows(), c = seed.cols(), p = (int) fx.mlp.parameterCount();
        double[] s = BE.download(seed);
        double[][] rows = new double[m][p];
        for (int r = 0; r < m; r++) {
            for (int k = 0; k < c; k++) {
                double sk = s[r + m * k];
                for (int q = 0; q < p; q++) {
                    rows[r][q] += sk * jac[r / rps][k][q];
                }
            }
        }
        return rows;
    }

    private static double[] denseGram(Fixture fx, Mat seed, int rps) {
        double[][] rows = denseRows(fx, seed, rps);
        int m = rows.length;
        double[] k = new double[m * m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                double s = 0;
                for (int q = 0; q < rows[i].length; q++) {
                    s += rows[i][q] * rows[j][q];
                }
                k[i + m * j] = s;
            }
        }
        return k;
    }
}
