package dev.gn4j.engine.model;

import dev.gn4j.engine.backend.Backend;
import dev.gn4j.engine.backend.ConvShape;
import dev.gn4j.engine.backend.Mat;

/**
 * A pooling layer over each channel of an NCHW image ({@link ConvShape} without padding; the
 * usual window is k × k with stride k): no parameters, so no part of θ, no Gram term, no Jacobian
 * block and no checkpoint tensors. What differs between max and average pooling is the three
 * passes through the window, which each one defines; the rest is here.
 */
public sealed interface Pool2d extends Layer permits MaxPool2d, AvgPool2d {
    ConvShape window();

    /** The spec's name of the kind: "maxpool" or "avgpool". */
    String kind();

    /** Refuses a padded window, naming the kind. */
    static void requireUnpadded(ConvShape window, String what) {
        if (window.padding() != 0) {
            throw new IllegalArgumentException(what + " takes no padding, got " + window);
        }
    }

    @Override
    default int inputs() {
        return window().inputFeatures();
    }

    @Override
    default int outputs() {
        return window().channels() * window().positions();
    }

    @Override
    default long parameterCount() {
        return 0;
    }

    @Override
    default void parameterGradient(Backend be, Mat delta, Mat a, Mat grad) {
    }

    @Override
    default void tangentFromParameters(Backend be, Mat u, Mat a, Mat dz) {
        be.fill(dz, 0);
    }

    @Override
    default void addGramTerm(Backend be, Mat g, Mat a, int rps, boolean first, Mat k, GramScratch scratch) {
        if (first) {
            be.fill(k, 0);
        }
    }

    @Override
    default void jacobianBlock(Backend be, Mat g, Mat a, int rps, Mat block) {
    }
}
