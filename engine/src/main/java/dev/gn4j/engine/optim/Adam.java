package dev.gn4j.engine.optim;

import dev.gn4j.engine.backend.Backend;
import dev.gn4j.engine.backend.Mat;
import dev.gn4j.engine.profile.Phase;

/** Adam with PyTorch's semantics (bias-corrected moments, L2 weight decay added to the gradient). */
final class Adam implements Optimizer {
    private final OptimizerConfig cfg;
    /** --lr or the method's default, resolved once. */
    private final double lr;
    private Mat grad;
    private Mat m;
    private Mat v;

    Adam(OptimizerConfig cfg) {
        this.cfg = cfg;
        this.lr = cfg.effectiveLr();
    }

    @Override
    public String name() {
        return "adam";
    }

    private void allocate(Backend be, Mat theta) {
        if (grad == null) {
            grad = be.zeros(theta.rows(), 1, theta.dtype());
            m = be.zeros(theta.rows(), 1, theta.dtype());
            v = be.zeros(theta.rows(), 1, theta.dtype());
        }
    }

    @Override
    public OptimizerState save(Backend be) {
        if (m == null) {
            return new OptimizerState(java.util.Map.of(), java.util.Map.of()); // no step taken yet
        }
        return new OptimizerState(java.util.Map.of("exp_avg", be.download(m), "exp_avg_sq", be.download(v)), java.util.Map.of());
    }

    @Override
    public void restore(OptimizerState state, Backend be, Mat theta) {
        allocate(be, theta);
        if (state.tensors().containsKey("exp_avg")) {
            be.upload(state.tensors().get("exp_avg"), m);
            be.upload(state.tensors().get("exp_avg_sq"), v);
        }
    }

    @Override
    public StepReport step(StepInputs in) {
        Backend be = in.objective().backend();
        Mat theta = in.theta();
        allocate(be, theta);
        double loss = in.objective().valueAndGradient(theta, in.batch(), grad);
        GaussNewton.requireFinite(loss, "batch loss");
        in.objective().profiler().enter(Phase.UPDATE);
        OptimizerConfig.AdamConstants c = cfg.adam();
        be.adamUpdate(theta, grad, m, v, lr, c.beta1(), c.beta2(), c.epsilon(), cfg.weightDecay(), in.step());
        GaussNewton.requireFinite(be.sumSquares(theta), "parameters");
        StepReport r = new StepReport(loss, lr, Double.NaN, Double.NaN, Math.sqrt(be.sumSquares(grad)), Double.NaN, 0, 0);
        in.objective().profiler().exit(Phase.UPDATE);
        return r;
    }
}
