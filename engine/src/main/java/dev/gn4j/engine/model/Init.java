package dev.gn4j.engine.model;

import dev.gn4j.engine.backend.Activation;
import java.util.SplittableRandom;

/**
 * Initial weights, drawn on the host from the seed so every backend starts from
 * the same numbers: He-normal before relu and gelu, Glorot-normal otherwise (a
 * convolution's fans are PyTorch's: C_in·k² in, C_out·k² out), zero biases. In the NTK
 * parameterization W = s_w W̃ with W̃ ~ N(0, 1) ({@link Parameterization}): standard
 * deviation s_w, from the same draws.
 */
public final class Init {
    private Init() {
    }

    public static double[] draw(Mlp mlp, long seed) {
        return draw(mlp, seed, Parameterization.STANDARD);
    }

    public static double[] draw(Mlp mlp, long seed, Parameterization parameterization) {
        double[] theta = new double[Math.toIntExact(mlp.parameterCount())];
        SplittableRandom rng = new SplittableRandom(seed);
        for (int l = 0; l < mlp.layers(); l++) {
            int in = mlp.width(l), out = mlp.width(l + 1);
            if (mlp.layer(l) instanceof Conv2d c) { // fans of one output unit: a patch in, a filter's window out
                in = c.shape().patchSize();
                out = c.filters() * c.shape().kernel() * c.shape().kernel();
            }
            Activation act = mlp.activation(l);
            double std = parameterization == Parameterization.NTK ? parameterization.weightScale(mlp, l)
                    : act == Activation.RELU || act == Activation.GELU ? Math.sqrt(2.0 / in)
                    : Math.sqrt(2.0 / (in + out));
            int off = (int) mlp.weightOffset(l);
            for (long k = 0; k < mlp.weightCount(l); k++) {
                theta[(int) (off + k)] = std * rng.nextGaussian();
            }
        }
        return theta;
    }
}
