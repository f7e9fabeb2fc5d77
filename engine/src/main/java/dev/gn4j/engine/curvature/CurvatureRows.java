package dev.gn4j.engine.curvature;

import dev.gn4j.engine.backend.Backend;
import dev.gn4j.engine.backend.DType;
import dev.gn4j.engine.backend.Mat;
import dev.gn4j.engine.model.Activations;
import dev.gn4j.engine.model.Dense;
import dev.gn4j.engine.model.Layer;
import dev.gn4j.engine.model.Mlp;
import dev.gn4j.engine.model.Network;

/**
 * The rows U (m × P) of one second-order method, never materialized on the
 * factored path: row r = seed_r · J_{r/rps}, the seed applied to the output
 * Jacobian of its sample. Jacobian rows: seed = identity blocks (rps = c); the GN
 * factor for ce: seed = B (rps = c); per-sample gradients: seed = g (rps = 1).
 * Built over a forward state that must stay intact while the rows are in use. In a
 * non-standard {@link ParameterScaling} the rows are those of the method's coordinates,
 * U = seed · J · S: every product here (the Gram, U w, Uᵀ v, U itself) includes S.
 */
public final class CurvatureRows {
    private final Network net;
    private final Mat theta;
    private final Activations ws;
    private final Mat seed;
    private final int rps;
    private final RowsWorkspace work;
    private final ParameterScaling scaling;

    public CurvatureRows(Network net, Mat theta, Activations ws, Mat seed, int rps, RowsWorkspace work) {
        this(net, theta, ws, seed, rps, work, ParameterScaling.identity(net.mlp()));
    }

    public CurvatureRows(Network net, Mat theta, Activations ws, Mat seed, int rps, RowsWorkspace work, ParameterScaling scaling) {
        if (seed.rows() != ws.batch() * rps || seed.cols() != net.mlp().outputs()) {
            throw new IllegalArgumentException("seed " + seed.rows() + "x" + seed.cols() + " does not fit batch " + ws.batch()
                    + " × rps " + rps);
        }
        this.net = net;
        this.theta = theta;
        this.ws = ws;
        this.seed = seed;
        this.rps = rps;
        this.work = work;
        this.scaling = scaling;
    }

    /** S, from the method's coordinates to θ. */
    public ParameterScaling scaling() {
        return scaling;
    }

    public int rows() {
        return seed.rows();
    }

    public dev.gn4j.engine.model.Mlp mlp() {
        return net.mlp();
    }

    /** P, the columns of U. */
    public long parameters() {
        return net.mlp().parameterCount();
    }

    /** The samples the rows are over. */
    public int samples() {
        return ws.batch();
    }

    /**
     * K = U Uᵀ (m × m) in the workspace's Gram dtype; the returned matrix is owned by the workspace.
     * Only the lower triangle (with the diagonal) holds K: the strict upper triangle is
     * unspecified. Its consumers read no more: the Cholesky factorization and the trace
     * ({@link SpdSolver}); the solver's LU fallback symmetrizes its own copy. A caller
     * that needs the full matrix calls {@link Backend#symmetrize} on it.
     */
    public Mat gram(GramMode mode) {
        Backend be = net.backend();
        Mat k = work.gram();
        Mlp mlp = net.mlp();
        int m = rows();
        if (mode == GramMode.FACTORED) {
            int top = mlp.layers() - 1; // backpropRows visits the top layer first: its term starts K
            Network.LayerVisitor term = (layer, g, a) -> addGramTerm(be, mlp, layer, g, a, layer == top, k);
            if (keepsSensitivities(mlp)) {
                net.backpropRows(theta, ws, seed, rps, i -> work.keptSensitivities(mlp, i), term);
                work.keptFor(this);
            } else {
                net.backpropRows(theta, ws, seed, rps, work.sensitivitiesA(), work.sensitivitiesB(), term);
            }
        } else {
            Mat j = jacobian();
            if (j.dtype() == k.dtype()) {
                be.syrk(1, j, 0, k);
            } else {
                Mat kw = work.rowProducts();
                be.syrk(1, j, 0, kw);
                be.copy(kw, k);
            }
        }
        return k;
    }

    private void addGramTerm(Backend be, Mlp mlp, int layer, Mat g, Mat a, boolean first, Mat k) {
        if (scaling.isIdentity()) {
            mlp.layer(layer).addGramTerm(be, g, a, rps, first, k, work);
        } else {
            ((Dense) mlp.layer(layer)).addGramTerm(be, g, a, rps, first, k, work, scaling.weight(layer),
                    scaling.bias(layer));
        }
    }

    /** U itself (m × P, working dtype), written into the workspace: the explicit path's memory-hungry reference. */
    public Mat jacobian() {
        Backend be = net.backend();
        Mlp mlp = net.mlp();
        int m = rows();
        Mat j = work.explicitJacobian(mlp.parameterCount());
        net.backpropRows(theta, ws, seed, rps, work.sensitivitiesA(), work.sensitivitiesB(), (layer, g, a) -> {
            Layer l = mlp.layer(layer);
            if (l.parameterCount() > 0) {
                l.jacobianBlock(be, g, a, rps, j.view(l.offset() * m, m, (int) l.parameterCount()));
            }
        });
        scaling.applyToColumns(be, j);
        return j;
    }

    /**
     * With one row a sample (a one-output model's Jacobian, per-sample gradients) a dense network's
     * factored Gram keeps every layer's sensitivities G_l, so that Uᵀv is a row scaling and one
     * GEMM a layer instead of a backward pass (bench/results/2026-12-04-kept-sensitivities.md).
     * They are the m × (hidden widths) MemoryPlan counts for the rows already. With rps rows a
     * sample the contractions read rps times the backward pass's rows and lose; a convolution's
     * G would be m × its positions × channels.
     */
    private boolean keepsSensitivities(Mlp mlp) {
        if (rps != 1) {
            return false;
        }
        for (int l = 0; l < mlp.layers(); l++) {
            if (!(mlp.layer(l) instanceof Dense)) {
                return false;
            }
        }
        return true;
    }

    /**
     * out (P × 1) ← Uᵀ v for v (m × 1). After this rows' factored Gram, from the G_l it kept;
     * otherwise contract v with the seed per sample, then one backward pass.
     */
    public void applyTranspose(Mat v, Mat out) {
        if (work.keptFor() == this) {
            int top = net.mlp().layers() - 1;
            net.transposeFromSensitivities(l -> l == top ? seed : work.keptSensitivities(net.mlp(), l + 1), v, rps, ws,
                    work.sampleScratch(), out);
        } else {
            Mat top = work.sampleBlock();
            net.backend().contractRows(seed, v, rps, top);
            net.vjp(theta, ws, top, out);
        }
        scaling.apply(net.backend(), out, 1);
    }

    /** out (m × 1) ← U w for w (P × 1): one forward-mode pass, then each row's seed. */
    public void apply(Mat w, Mat out) {
        Mat jw = work.sampleBlock();
        if (!scaling.isIdentity()) {
            Mat sw = work.scaledParameters(parameters());
            net.backend().copy(w, sw);
            scaling.apply(net.backend(), sw, 1);
            w = sw;
        }
        net.jvp(theta, ws, w, jw);
        seedDot(jw, out);
    }

    /** out (m × 1) ← each row's seed dotted with its sample's row of v (b × c): the residual rows r from the residual. */
    public void seedDot(Mat v, Mat out) {
        net.backend().rowDot(seed, v, rps, out);
    }

    public RowsWorkspace workspace() {
        return work;
    }

    /** ‖U w‖², the curvature of the model along w up to the method's 1/n. */
    public double squaredNorm(Mat w) {
        Mat uw = work.rowVector();
        apply(w, uw);
        return net.backend().sumSquares(uw);
    }

    public DType gramDtype() {
        return work.gramDtype();
    }
}
