package dev.gn4j.engine.curvature;

import dev.gn4j.engine.model.Conv2d;
import dev.gn4j.engine.model.Dense;
import dev.gn4j.engine.model.Layer;
import dev.gn4j.engine.model.Mlp;

/**
 * A step's damped system as {@link SolverPlan} weighs it: m rows over b samples, P parameters, c
 * outputs, element sizes, and FLOP estimates of the ways to solve it, counted from the layers.
 *
 * @param formFlops    forming K: a dense layer's G Gᵀ (m²·d_out) and A Aᵀ (b²·d_in); a
 *                     convolution's rows (2·m·positions·P_conv) and their SYRK (m²·P_conv); and the
 *                     rows' backward pass (m times a sample's backward)
 * @param passFlops    one backward and one forward-mode pass over the b samples plus the rows'
 *                     seeds (4·m·c): a conjugate-gradient iteration
 * @param factorBytes  the factorization's element size: the solve precision, narrower than the Gram's
 *                     where a float32 factor is refined against a float64 Gram (SpdSolver)
 */
public record SystemSize(long rows, long samples, long parameters, long outputs, int dtypeBytes, int gramBytes,
                         int factorBytes, double formFlops, double passFlops) {

    /** A sample's forward multiply-adds ×2: each layer's parameters times the positions they are used at. */
    static double forwardFlopsPerSample(Mlp mlp) {
        double f = 0;
        for (int l = 0; l < mlp.layers(); l++) {
            Layer layer = mlp.layer(l);
            long uses = layer instanceof Conv2d c ? c.shape().positions() : 1;
            f += 2.0 * layer.parameterCount() * uses;
        }
        return f;
    }

    public static SystemSize of(Mlp mlp, long samples, long rowsPerSample, int dtypeBytes, int gramBytes, int factorBytes) {
        long m = samples * rowsPerSample;
        double perSample = forwardFlopsPerSample(mlp);
        double form = 2.0 * m * perSample;
        for (int l = 0; l < mlp.layers(); l++) {
            Layer layer = mlp.layer(l);
            if (layer instanceof Dense d) {
                form += (double) m * m * d.outputs() + (double) samples * samples * d.inputs();
            } else if (layer instanceof Conv2d c) {
                form += 2.0 * m * c.shape().positions() * c.parameterCount() + (double) m * m * c.parameterCount();
            }
        }
        double pass = 4.0 * samples * perSample + 4.0 * m * mlp.outputs();
        return new SystemSize(m, samples, mlp.parameterCount(), mlp.outputs(), dtypeBytes, gramBytes, factorBytes, form, pass);
    }
}
