package dev.gn4j.engine.model;

import dev.gn4j.engine.backend.Backend;
import dev.gn4j.engine.backend.ConvShape;
import dev.gn4j.engine.backend.Mat;

/**
 * Average pooling over each channel of an NCHW image ({@link ConvShape} without padding; the
 * usual window is k × k with stride k), as PyTorch's {@code nn.AvgPool2d} without padding:
 * each output the mean of its window's k² inputs. No parameters, so no part of θ, no Gram
 * term and no checkpoint tensors. The map is linear and does not depend on the input, so a
 * tangent goes through the same means ({@code avgPoolTangent}) and a sensitivity spreads
 * evenly back over its window ({@code avgPoolBackward}), neither reading the input a.
 */
public record AvgPool2d(ConvShape window, long offset) implements Layer {
    public AvgPool2d {
        if (window.padding() != 0) {
            throw new IllegalArgumentException("average pooling takes no padding, got " + window);
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
        be.avgPool(window, a, z);
    }

    @Override
    public void parameterGradient(Backend be, Mat delta, Mat a, Mat grad) {
    }

    @Override
    public void inputSensitivities(Backend be, Mat params, Mat g, Mat a, int rps, Mat below) {
        be.avgPoolBackward(window, g, below);
    }

    @Override
    public void tangentFromParameters(Backend be, Mat u, Mat a, Mat dz) {
        be.fill(dz, 0);
    }

    @Override
    public void tangentFromInput(Backend be, Mat params, Mat a, Mat da, Mat dz) {
        be.avgPoolTangent(window, da, dz);
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
        return "avgpool " + window;
    }
}
