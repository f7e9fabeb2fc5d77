package dev.gn4j.engine.curvature;

import dev.gn4j.engine.backend.Backend;
import dev.gn4j.engine.backend.DType;
import dev.gn4j.engine.backend.Mat;
import dev.gn4j.engine.model.Activations;
import dev.gn4j.engine.model.Loss;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The seed of each {@link RowSpec} over a forward state, in buffers kept per batch size and
 * reused every step (a batch size that recurs, like the last partial batch of an epoch,
 * allocates once).
 */
final class RowSeeds {
    /** The buffers a seed is made in, each a fixed shape for n samples of c outputs. */
    private enum Buffer {
        IDENTITY, Q_FACTOR, SAMPLED_RESIDUAL, UNIFORMS, SAMPLED_LABELS, SAMPLED_PROBABILITIES;

        int rows(int n, int c) {
            return switch (this) {
                case IDENTITY -> n * c;
                case Q_FACTOR -> n * (c - 1);
                case SAMPLED_RESIDUAL, UNIFORMS, SAMPLED_LABELS, SAMPLED_PROBABILITIES -> n;
            };
        }

        int cols(int c) {
            return this == UNIFORMS || this == SAMPLED_LABELS ? 1 : c;
        }
    }

    private final Backend be;
    private final Loss loss;
    private final int outputs;
    private final DType dtype;
    private final Map<Integer, Map<Buffer, Mat>> bySamples = new HashMap<>();

    RowSeeds(Backend be, Loss loss, int outputs, DType dtype) {
        this.be = be;
        this.loss = loss;
        this.outputs = outputs;
        this.dtype = dtype;
    }

    /** The seed of spec's rows over the forward state ws (its residual and probabilities); random draws sampled labels. */
    Mat seed(RowSpec spec, Activations ws, SplittableRandom random) {
        int n = ws.batch();
        if (spec instanceof RowSpec.Jacobian) {
            return identity(n);
        }
        if (spec instanceof RowSpec.GaussNewtonFactor) {
            if (loss == Loss.MSE) {
                return identity(n);
            }
            Mat q = buffer(Buffer.Q_FACTOR, n);
            be.softmaxQFactor(ws.probabilities(), q);
            return q;
        }
        RowSpec.SampleGradients gradients = (RowSpec.SampleGradients) spec;
        return gradients.labels() == FisherKind.EMPIRICAL ? ws.residual() : sampledResiduals(ws, random);
    }

    /** Identity blocks: row i·c + k is e_k. Made once per batch size. */
    private Mat identity(int n) {
        return buffersOf(n).computeIfAbsent(Buffer.IDENTITY, w -> {
            Mat m = allocate(w, n);
            be.identityRows(m);
            return m;
        });
    }

    /** Residuals with labels drawn from the model: ce ŷ ~ p_i, mse ŷ = f_i + N(0, I). */
    private Mat sampledResiduals(Activations ws, SplittableRandom random) {
        int n = ws.batch();
        Mat seed = buffer(Buffer.SAMPLED_RESIDUAL, n);
        if (loss == Loss.CE) {
            double[] u = new double[n];
            for (int i = 0; i < n; i++) {
                u[i] = random.nextDouble();
            }
            Mat uniforms = buffer(Buffer.UNIFORMS, n);
            Mat labels = buffer(Buffer.SAMPLED_LABELS, n);
            be.upload(u, uniforms);
            be.sampleCategorical(ws.probabilities(), uniforms, labels);
            be.softmaxCrossEntropy(ws.output(), labels, buffer(Buffer.SAMPLED_PROBABILITIES, n), seed);
        } else {
            double[] noise = new double[n * outputs];
            for (int i = 0; i < noise.length; i++) {
                noise[i] = -random.nextGaussian(); // g = f − ŷ = −ε
            }
            be.upload(noise, seed);
        }
        return seed;
    }

    private Mat buffer(Buffer which, int n) {
        return buffersOf(n).computeIfAbsent(which, w -> allocate(w, n));
    }

    private Map<Buffer, Mat> buffersOf(int n) {
        return bySamples.computeIfAbsent(n, k -> new EnumMap<>(Buffer.class));
    }

    private Mat allocate(Buffer which, int n) {
        return be.zeros(which.rows(n, outputs), which.cols(outputs), dtype);
    }
}
