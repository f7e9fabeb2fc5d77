package dev.gn4j.engine.model;

import dev.gn4j.engine.backend.Backend;
import dev.gn4j.engine.backend.ConvShape;
import dev.gn4j.engine.backend.Mat;

/**
 * Max-pooling ({@link Pool2d}). A sensitivity or a tangent goes through each window's first
 * largest input, found again from the input a in every pass rather than kept, so that no pass
 * depends on state left by another.
 */
public record MaxPool2d(ConvShape window, long offset) implements Pool2d {
    public MaxPool2d {
        Pool2d.requireUnpadded(window, "max-pooling");
    }

    @Override
    public String kind() {
        return "maxpool";
    }

    @Override
    public void forward(Backend be, Mat params, Mat a, Mat z) {
        be.maxPool(window, a, z);
    }

    @Override
    public void inputSensitivities(Backend be, Mat params, Mat g, Mat a, int rps, Mat below) {
        be.maxPoolBackward(window, a, g, rps, below);
    }

    @Override
    public void tangentFromInput(Backend be, Mat params, Mat a, Mat da, Mat dz) {
        be.maxPoolTangent(window, a, da, dz);
    }

    @Override
    public String toString() {
        return "maxpool " + window;
    }
}
