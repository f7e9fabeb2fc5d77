package dev.gn4j.engine.model;

import dev.gn4j.engine.backend.Backend;
import dev.gn4j.engine.backend.ConvShape;
import dev.gn4j.engine.backend.Mat;

/**
 * Max-pooling over each channel of an NCHW image ({@link ConvShape} without padding; the
 * usual window is k × k with stride k): no parameters, so no part of θ and no Gram term. A
 * sensitivity or a tangent goes through each window's first largest input, found again from
 * the input a in every pass rather than kept, so that no pass depends on state left by another.
 */
public record MaxPool2d(ConvShape window, long offset) implements Layer {
    public MaxPool2d {
        if (window.padding() != 0) {
            throw new IllegalArgumentException("max-pooling takes no padding, got " + window);
        }
    }

    @Override
    public int inputs() {
        return window.inputFeatures();
    }

    @Override
    public int outputs() {
        return window.channels() * window.positions();
    }

    @Override
    public long parameterCount() {
        return 0;
    }

    @Override
    public void forward(Backend be, Mat params, Mat a, Mat z) {
        be.maxPool(window, a, z);
    }

    @Override
    public void parameterGradient(Backend be, Mat delta, Mat a, Mat grad) {
    }

    @Override
    public void inputSensitivities(Backend be, Mat params, Mat g, Mat a, int rps, Mat below) {
        be.maxPoolBackward(window, a, g, rps, below);
    }

    @Override
    public void tangentFromParameters(Backend be, Mat u, Mat a, Mat dz) {
        be.fill(dz, 0);
    }

    @Override
    public void tangentFromInput(Backend be, Mat params, Mat a, Mat da, Mat dz) {
        be.maxPoolTangent(window, a, da, dz);
    }

    @Override
    public void addGramTerm(Backend be, Mat g, Mat a, int rps, boolean first, Mat k, GramScratch scratch) {
        if (first) {
            be.fill(k, 0);
        }
    }

    @Override
    public void jacobianBlock(Backend be, Mat g, Mat a, int rps, Mat block) {
    }

    @Override
    public String toString() {
        return "maxpool " + window;
    }
}
