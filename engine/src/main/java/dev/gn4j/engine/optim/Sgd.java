package dev.gn4j.engine.optim;

import dev.gn4j.engine.backend.Backend;
import dev.gn4j.engine.backend.Mat;
import dev.gn4j.engine.profile.Phase;

/** SGD with PyTorch's semantics: weight decay on the gradient, momentum buffer b ← μ b + g (b = g at first), Nesterov g + μ b. */
final class Sgd implements Optimizer {
    private final OptimizerConfig cfg;
    /** --lr or the method's default, resolved once. */
    private final double lr;
    private Mat grad;
    private Mat buffer;
    private Mat update;
    private boolean started;

    Sgd(OptimizerConfig cfg) {
        this.cfg = cfg;
        this.lr = cfg.effectiveLr();
    }

    @Override
    public String name() {
        return "sgd";
    }

    private void allocate(Backend be, Mat theta) {
        if (grad == null) {
            grad = be.zeros(theta.rows(), 1, theta.dtype());
            buffer = be.zeros(theta.rows(), 1, theta.dtype());
            update = be.zeros(theta.rows(), 1, theta.dtype());
        }
    }

    @Override
    public OptimizerState save(Backend be) {
        return new OptimizerState(started ? java.util.Map.of("momentum_buffer", be.download(buffer)) : java.util.Map.of(),
                java.util.Map.of("started", started ? 1.0 : 0.0));
    }

    @Override
    public void restore(OptimizerState state, Backend be, Mat theta) {
        allocate(be, theta);
        started = state.scalar("started") != 0;
        if (started) {
            be.upload(state.tensors().get("momentum_buffer"), buffer);
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
        double gradNorm = Math.sqrt(be.sumSquares(grad));
        if (cfg.weightDecay() != 0) {
            be.axpy(cfg.weightDecay(), theta, grad);
        }
        Mat u = grad;
        if (cfg.momentum() != 0) {
            if (!started) {
                be.copy(grad, buffer);
                started = true;
            } else {
                be.scal(cfg.momentum(), buffer);
                be.axpy(1, grad, buffer);
            }
            if (cfg.nesterov()) {
                be.copy(grad, update);
                be.axpy(cfg.momentum(), buffer, update);
                u = update;
            } else {
                u = buffer;
            }
        }
        be.axpy(-lr, u, theta);
        GaussNewton.requireFinite(be.sumSquares(theta), "parameters");
        // Plain SGD steps along the gradient itself (no momentum, no decay added to it): its
        // norm is the one already taken, so the update's is not summed a second time.
        double updateNorm = u == grad && cfg.weightDecay() == 0 ? gradNorm : Math.sqrt(be.sumSquares(u));
        StepReport r = new StepReport(loss, lr, Double.NaN, Double.NaN, gradNorm, lr * updateNorm, 0, 0);
        in.objective().profiler().exit(Phase.UPDATE);
        return r;
    }
}
