package dev.gn4j.engine.model;

import dev.gn4j.engine.backend.Backend;
import dev.gn4j.engine.backend.Mat;

/**
 * One layer of a network: what the passes over it, and the curvature rows
 * through it, need of it. Its parameters are a slice of the flat vector θ (or of any
 * vector laid out as θ: a gradient, a direction). The activation between layers is
 * the network's, not the layer's. Its members: Dense, Conv2d, and the pooling layers ({@link Pool2d}: MaxPool2d, AvgPool2d).
 */
public sealed interface Layer permits Dense, Conv2d, Pool2d {
    /** Inputs a sample brings (features of the layer below). */
    int inputs();

    /** Outputs a sample gets (pre-activations). */
    int outputs();

    /** Where this layer's parameters start in θ. */
    long offset();

    long parameterCount();

    /** z (b × out) ← the layer applied to a (b × in), with the parameters in {@code params}. */
    void forward(Backend be, Mat params, Mat a, Mat z);

    /** The layer's slice of {@code grad} ← its parameters' gradient for output sensitivities δ (b × out) at input a. */
    void parameterGradient(Backend be, Mat delta, Mat a, Mat grad);

    /**
     * below (m × in) ← the sensitivities g (m × out, rps rows a sample) carried to the layer's
     * input a (b × in), before the activation below.
     */
    void inputSensitivities(Backend be, Mat params, Mat g, Mat a, int rps, Mat below);

    /** dz ← the part of the output's tangent that the parameters' tangent u carries, at input a: forward with u for a layer linear in its parameters. */
    default void tangentFromParameters(Backend be, Mat u, Mat a, Mat dz) {
        forward(be, u, a, dz);
    }

    /** dz += the part of the output's tangent that the input's tangent da (b × in) carries at input a: W da for Dense. */
    void tangentFromInput(Backend be, Mat params, Mat a, Mat da, Mat dz);

    /**
     * K ← (first) or += the layer's Gram term U_l U_lᵀ, for the rows whose sensitivities are g
     * (m × out, rps rows a sample) at input a (b × in), in K's dtype and lower triangle.
     */
    void addGramTerm(Backend be, Mat g, Mat a, int rps, boolean first, Mat k, GramScratch scratch);

    /** block (m × the layer's parameters) ← the layer's columns of the explicit rows U. */
    void jacobianBlock(Backend be, Mat g, Mat a, int rps, Mat block);

    /** Buffers a layer's Gram term may use, owned by the curvature workspace. */
    interface GramScratch {
        /** m × m products of the sensitivities. */
        Mat rowProducts();

        /** b × b products of the inputs. */
        Mat sampleProducts();

        /** m × cols, for a block of U. */
        Mat layerBlock(int cols);
    }
}
