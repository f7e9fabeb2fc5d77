package dev.gn4j.engine.optim;

import dev.gn4j.engine.backend.Backend;
import dev.gn4j.engine.backend.Mat;
import dev.gn4j.engine.model.Activations;
import dev.gn4j.engine.model.Loss;
import dev.gn4j.engine.model.Network;
import dev.gn4j.engine.profile.Phase;
import dev.gn4j.engine.profile.StepProfiler;
import java.util.Objects;

/** L(θ) = (1/b) Σ ℓ(f_i, y_i) over a batch held in an {@link Activations}. */
public final class Objective {
    private final Network net;
    private final Loss loss;
    private StepProfiler profiler = StepProfiler.NONE;

    public Objective(Network net, Loss loss) {
        this.net = net;
        this.loss = loss;
    }

    public Network network() {
        return net;
    }

    public Loss loss() {
        return loss;
    }

    public Backend backend() {
        return net.backend();
    }

    /** Where optimizer steps over this objective report their phases; {@link StepProfiler#NONE} unless a benchmark sets one. */
    public StepProfiler profiler() {
        return profiler;
    }

    public void setProfiler(StepProfiler profiler) {
        this.profiler = Objects.requireNonNull(profiler);
    }

    /** Forward pass and residual at θ; returns the mean loss. */
    public double value(Mat theta, Activations ws) {
        net.forward(theta, ws);
        return loss.residual(net.backend(), ws) / ws.batch();
    }

    /** {@link #value} as a step's own forward pass, charged to {@link Phase#FORWARD}. */
    public double stepValue(Mat theta, Activations ws) {
        profiler.enter(Phase.FORWARD);
        double value = value(theta, ws);
        profiler.exit(Phase.FORWARD);
        return value;
    }

    /** Mean loss and ∇L = (1/b) Jᵀ g into grad (P × 1). */
    public double valueAndGradient(Mat theta, Activations ws, Mat grad) {
        double value = stepValue(theta, ws);
        profiler.enter(Phase.BACKWARD);
        net.vjp(theta, ws, ws.residual(), grad);
        net.backend().scal(1.0 / ws.batch(), grad);
        profiler.exit(Phase.BACKWARD);
        return value;
    }
}
