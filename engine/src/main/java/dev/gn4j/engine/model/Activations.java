package dev.gn4j.engine.model;

import dev.gn4j.engine.backend.Backend;
import dev.gn4j.engine.backend.DType;
import dev.gn4j.engine.backend.Mat;

/**
 * The device buffers of one batch size: inputs, targets, every layer's
 * pre-activation z and activation a, the residual g and (ce) probabilities p, and
 * the scratch of the backward and forward-mode passes. Allocated once per batch
 * size and reused every step. A {@link #probe()} shares the inputs and targets but
 * has its own forward state, so a trial point can be evaluated without destroying
 * the state the curvature operator needs.
 */
public final class Activations {
    private final int batch;
    private final Mat input;
    private final Mat target;
    final Mat[] pre;   // pre[i+1] = z of layer i, b × d_{i+1}
    final Mat[] act;   // act[0] = input, act[i+1] = σ_i(pre[i+1]); act[L] = pre[L]
    final Mat[] delta; // backward-pass sensitivities, b × d_i
    final Mat[] tangent; // forward-mode tangents, b × d_i
    private final Mat residual;
    private final Mat probabilities;
    private final Backend backend;
    private final Mlp mlp;
    private final DType dtype;

    public Activations(Backend be, Mlp mlp, Loss loss, DType dtype, int batch) {
        this(be, mlp, dtype, batch, be.zeros(batch, mlp.inputs(), dtype),
                be.zeros(batch, loss.targetColumns(mlp.outputs()), dtype));
    }

    private Activations(Backend be, Mlp mlp, DType dtype, int batch, Mat input, Mat target) {
        this.backend = be;
        this.mlp = mlp;
        this.dtype = dtype;
        this.batch = batch;
        this.input = input;
        this.target = target;
        int layers = mlp.layers();
        pre = new Mat[layers + 1];
        act = new Mat[layers + 1];
        delta = new Mat[layers + 1];
        tangent = new Mat[layers + 1];
        act[0] = input;
        for (int i = 1; i <= layers; i++) {
            pre[i] = be.zeros(batch, mlp.width(i), dtype);
            act[i] = i == layers ? pre[i] : be.zeros(batch, mlp.width(i), dtype);
            delta[i] = be.zeros(batch, mlp.width(i), dtype);
            tangent[i] = be.zeros(batch, mlp.width(i), dtype);
        }
        residual = be.zeros(batch, mlp.outputs(), dtype);
        probabilities = be.zeros(batch, mlp.outputs(), dtype);
    }

    /** Separate forward state over the same inputs and targets. */
    public Activations probe() {
        return new Activations(backend, mlp, dtype, batch, input, target);
    }

    public int batch() {
        return batch;
    }

    public DType dtype() {
        return dtype;
    }

    public Mat input() {
        return input;
    }

    /** b × c regression targets, or b × 1 class indices. */
    public Mat target() {
        return target;
    }

    /** The network output f = z_L, b × c. */
    public Mat output() {
        return act[act.length - 1];
    }

    /** g = ∂ℓ/∂f per sample, b × c (filled by {@link Loss#residual}). */
    public Mat residual() {
        return residual;
    }

    /** Softmax probabilities (ce only), b × c. */
    public Mat probabilities() {
        return probabilities;
    }

    /** Input to layer i (a_i), b × d_i. */
    public Mat layerInput(int layer) {
        return act[layer];
    }
}
