package dev.gn4j.engine.model;

import dev.gn4j.engine.backend.Backend;
import dev.gn4j.engine.backend.Mat;

import java.util.function.IntFunction;

/**
 * The passes over a network, layer by layer ({@link Layer}), that every optimizer is built from: forward,
 * the weighted backward pass Jᵀδ (VJP), the forward-mode pass J u (JVP), and the
 * backward pass of a block of output rows (the sensitivities G_l of MATH.md), all
 * on the backend, reading the weights from a flat parameter vector θ.
 */
public final class Network {
    private final Backend be;
    private final Mlp mlp;

    public Network(Backend be, Mlp mlp) {
        this.be = be;
        this.mlp = mlp;
    }

    public Mlp mlp() {
        return mlp;
    }

    public Backend backend() {
        return be;
    }

    /** Computes z and a for every layer from ws.input(). */
    public void forward(Mat theta, Activations ws) {
        for (int i = 0; i < mlp.layers(); i++) {
            Mat z = ws.pre[i + 1];
            mlp.layer(i).forward(be, theta, ws.act[i], z);
            if (i + 1 < mlp.layers()) {
                be.activation(mlp.activation(i), z, ws.act[i + 1]);
            }
        }
    }

    /** out ← Jᵀ δ = Σ_i J_iᵀ δ_i for δ (b × c), one backward pass over the forward state. */
    public void vjp(Mat theta, Activations ws, Mat topDelta, Mat out) {
        int layers = mlp.layers();
        Mat delta = topDelta;
        for (int i = layers - 1; i >= 0; i--) {
            Layer layer = mlp.layer(i);
            layer.parameterGradient(be, delta, ws.act[i], out);
            if (i > 0) {
                Mat below = ws.delta[i];
                layer.inputSensitivities(be, theta, delta, ws.act[i], 1, below);
                be.activationGrad(mlp.activation(i - 1), ws.pre[i], ws.act[i], below, 1, below);
                delta = below;
            }
        }
    }

    /** out (b × c) ← J u, the directional derivative of the outputs along u (P × 1). */
    public void jvp(Mat theta, Activations ws, Mat u, Mat out) {
        int layers = mlp.layers();
        for (int i = 0; i < layers; i++) {
            Layer layer = mlp.layer(i);
            Mat dz = i + 1 == layers ? out : ws.tangent[i + 1];
            layer.tangentFromParameters(be, u, ws.act[i], dz);
            if (i > 0) {
                layer.tangentFromInput(be, theta, ws.act[i], ws.tangent[i], dz);
            }
            if (i + 1 < layers) {
                be.activationGrad(mlp.activation(i), ws.pre[i + 1], ws.act[i + 1], dz, 1, dz);
            }
        }
    }

    /** Receives the sensitivities of one layer's outputs during {@link #backpropRows}. */
    @FunctionalInterface
    public interface LayerVisitor {
        /** g: (b·rps) × d_{i+1} sensitivities of layer i's pre-activations; a: its b × d_i input. */
        void visit(int layer, Mat g, Mat a);
    }

    /**
     * Backpropagates m = b·rps output rows (row r = seed_r applied to sample r/rps's
     * output) through every layer, top first, handing each layer's G_l to the visitor.
     * Two (m × max d) buffers are ping-ponged: memory O(m · max d), never O(m · P).
     */
    public void backpropRows(Mat theta, Activations ws, Mat seed, int rps, Mat bufA, Mat bufB, LayerVisitor visitor) {
        int m = seed.rows();
        Mat[] spare = {bufB};
        backpropRows(theta, ws, seed, rps, i -> {
            spare[0] = spare[0] == bufA ? bufB : bufA;
            return spare[0].view(0, m, mlp.width(i));
        }, visitor);
    }

    /** The same pass, writing layer i − 1's G (m × d_i) into {@code below.apply(i)}: distinct buffers keep every G_l. */
    public void backpropRows(Mat theta, Activations ws, Mat seed, int rps, IntFunction<Mat> below, LayerVisitor visitor) {
        Mat g = seed;
        for (int i = mlp.layers() - 1; i >= 0; i--) {
            visitor.visit(i, g, ws.act[i]);
            if (i > 0) {
                Mat into = below.apply(i);
                mlp.layer(i).inputSensitivities(be, theta, g, ws.act[i], rps, into);
                be.activationGrad(mlp.activation(i - 1), ws.pre[i], ws.act[i], into, rps, into);
                g = into;
            }
        }
    }

    /**
     * out ← Σ_l the layer's Jᵀ-part for rows whose sensitivities were kept by {@link #backpropRows}:
     * each layer's G_l contracted with v per sample (b × d_{l+1}), then its parameter gradient. The
     * same Uᵀv as a backward pass from the contracted seed, as the pass is linear in its seed, with
     * no sensitivities carried down: one contraction and one GEMM a layer.
     *
     * @param kept    G_l of layer l's outputs, m × d_{l+1} (the seed itself for the top layer)
     * @param scratch b × (at least the widest layer), for each contraction in turn
     */
    public void transposeFromSensitivities(IntFunction<Mat> kept, Mat v, int rps, Activations ws,
                                           Mat scratch, Mat out) {
        int b = ws.batch();
        for (int i = mlp.layers() - 1; i >= 0; i--) {
            Layer layer = mlp.layer(i);
            if (layer.parameterCount() == 0) {
                continue;
            }
            Mat delta = scratch.view(0, b, mlp.width(i + 1));
            be.contractRows(kept.apply(i), v, rps, delta);
            layer.parameterGradient(be, delta, ws.act[i], out);
        }
    }
}
