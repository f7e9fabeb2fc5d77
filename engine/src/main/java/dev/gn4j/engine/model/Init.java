package dev.gn4j.engine.model;

import dev.gn4j.engine.backend.Activation;
import java.util.SplittableRandom;

/**
 * Initial weights, drawn on the host from the seed so every backend starts from
 * the same numbers: He-normal before relu and gelu, Glorot-normal otherwise, zero
 * biases.
 */
public final class Init {
    private Init() {
    }

    public static double[] draw(Mlp mlp, long seed) {
        double[] theta = new double[Math.toIntExact(mlp.parameterCount())];
        SplittableRandom rng = new SplittableRandom(seed);
        for (int l = 0; l < mlp.layers(); l++) {
            int in = mlp.width(l), out = mlp.width(l + 1);
            Activation act = mlp.activation(l);
            double std = act == Activation.RELU || act == Activation.GELU
                    ? Math.sqrt(2.0 / in)
                    : Math.sqrt(2.0 / (in + out));
            int off = (int) mlp.weightOffset(l);
            for (int k = 0; k < in * out; k++) {
                theta[off + k] = std * rng.nextGaussian();
            }
        }
        return theta;
    }
}
