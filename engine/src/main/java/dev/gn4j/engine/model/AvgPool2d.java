package dev.gn4j.engine.model;

import dev.gn4j.engine.backend.Backend;
import dev.gn4j.engine.backend.ConvShape;
import dev.gn4j.engine.backend.Mat;

/**
 * Average pooling ({@link Pool2d}), as PyTorch's {@code nn.AvgPool2d} without padding: each
 * output the mean of its window's k² inputs. The map is linear and does not depend on the
 * input, so a tangent goes through the same means ({@code avgPoolTangent}) and a sensitivity
 * spreads evenly back over its window ({@code avgPoolBackward}), neither reading the input a.
 */
public record AvgPool2d(ConvShape window, long offset) implements Pool2d {
    public AvgPool2d {
        Pool2d.requireUnpadded(window, "average pooling");
    }

    @Override
    public String kind() {
        return "avgpool";
    }

    @Override
    public void forward(Backend be, Mat params, Mat a, Mat z) {
        be.avgPool(window, a, z);
    }

    @Override
    public void inputSensitivities(Backend be, Mat params, Mat g, Mat a, int rps, Mat below) {
        be.avgPoolBackward(window, g, below);
    }

    @Override
    public void tangentFromInput(Backend be, Mat params, Mat a, Mat da, Mat dz) {
        be.avgPoolTangent(window, da, dz);
    }

    @Override
    public String toString() {
        return "avgpool " + window;
    }
}
