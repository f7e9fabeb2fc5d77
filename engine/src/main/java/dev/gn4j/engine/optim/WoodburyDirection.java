package dev.gn4j.engine.optim;

import dev.gn4j.engine.backend.Backend;
import dev.gn4j.engine.backend.Mat;
import dev.gn4j.engine.curvature.CurvatureRows;
import dev.gn4j.engine.curvature.DampedSolve;
import dev.gn4j.engine.curvature.GramMode;
import dev.gn4j.engine.curvature.SpdSolver;
import dev.gn4j.engine.curvature.WoodburySolve;
import dev.gn4j.engine.model.Activations;
import dev.gn4j.engine.model.Loss;
import dev.gn4j.engine.model.Mlp;
import dev.gn4j.engine.profile.Phase;
import dev.gn4j.engine.profile.StepProfiler;

/**
 * The Woodbury form ({@link WoodburySolve}), −(H + λI)⁻¹ ∇L with H = (1/n) Uᵀ U. Which
 * rows U, over which n samples:
 * <ul>
 *   <li>EGN with ce: U = B J over the batch (the SPD form of MATH.md, only B appears; c − 1 rows a sample);</li>
 *   <li>SMW-GN: U = B_S J_S (J_S for mse) over the curvature subsample;</li>
 *   <li>SMW-NG: U = per-sample gradients J_iᵀ g_i over the subsample (empirical or sampled labels).</li>
 * </ul>
 */
final class WoodburyDirection implements Direction {
    enum Rows { GAUSS_NEWTON, FISHER }

    private final Rows kind;
    private final boolean useSubsample;
    private final boolean semiStochastic;
    private final FisherKind fisher;
    private final GramMode gramMode;
    private final SpdSolver solver;
    private final RowsCache cache;

    WoodburyDirection(Rows kind, boolean useSubsample, boolean semiStochastic, FisherKind fisher, GramMode gramMode,
                      SpdSolver solver, RowsCache cache) {
        this.kind = kind;
        this.useSubsample = useSubsample;
        this.semiStochastic = semiStochastic;
        this.fisher = fisher;
        this.gramMode = gramMode;
        this.solver = solver;
        this.cache = cache;
    }

    @Override
    public DampedSolve prepare(StepInputs in, Mat batchGrad) {
        Objective obj = in.objective();
        Backend be = obj.backend();
        StepProfiler prof = obj.profiler();
        Mlp mlp = obj.network().mlp();
        int c = mlp.outputs();
        Activations ws = useSubsample ? in.curvatureBatch() : in.batch();
        if (ws != in.batch()) {
            prof.enter(Phase.FORWARD);
            obj.value(in.theta(), ws); // forward state and residual on the subsample
            prof.exit(Phase.FORWARD);
        }
        int n = ws.batch();

        Mat grad = batchGrad;
        if (semiStochastic) {
            grad = cache.buffer("fullGradient", batchGrad.rows(), 1);
            in.fullGradient().compute(in.theta(), grad);
        }

        prof.enter(Phase.GRAM);
        CurvatureRows u;
        if (kind == Rows.GAUSS_NEWTON) {
            Mat seed;
            int rps = c;
            if (obj.loss() == Loss.CE) {
                rps = c - 1; // B_i has rank c − 1: the Q-factor keeps that many rows (Backend.softmaxQFactor)
                seed = cache.buffer("qfactor", n * rps, c);
                be.softmaxQFactor(ws.probabilities(), seed);
            } else {
                seed = cache.identitySeed(n);
            }
            u = cache.rows(in.theta(), ws, seed, rps);
        } else {
            Mat seed = ws.residual();
            if (fisher == FisherKind.SAMPLED) {
                seed = sampledResiduals(in, ws);
            }
            u = cache.rows(in.theta(), ws, seed, 1);
        }
        Mat k = u.gram(gramMode);
        prof.exit(Phase.GRAM);
        Mat projected = u.workspace().rowVector2();
        u.apply(grad, projected);
        return new WoodburySolve(be, prof, solver, u, k, grad, projected, n);
    }

    /** Residuals with labels drawn from the model: ce ŷ ~ p_i, mse ŷ = f_i + N(0, I). */
    private Mat sampledResiduals(StepInputs in, Activations ws) {
        Objective obj = in.objective();
        Backend be = obj.backend();
        int n = ws.batch();
        int c = obj.network().mlp().outputs();
        Mat seed = cache.buffer("sampledResidual", n, c);
        if (obj.loss() == Loss.CE) {
            double[] u = new double[n];
            for (int i = 0; i < n; i++) {
                u[i] = in.random().nextDouble();
            }
            Mat uniforms = cache.buffer("uniforms", n, 1);
            Mat labels = cache.buffer("sampledLabels", n, 1);
            be.upload(u, uniforms);
            be.sampleCategorical(ws.probabilities(), uniforms, labels);
            Mat scratch = cache.buffer("sampledProbabilities", n, c);
            be.softmaxCrossEntropy(ws.output(), labels, scratch, seed);
        } else {
            double[] noise = new double[n * c];
            for (int i = 0; i < noise.length; i++) {
                noise[i] = -in.random().nextGaussian(); // g = f − ŷ = −ε
            }
            be.upload(noise, seed);
        }
        return seed;
    }
}
