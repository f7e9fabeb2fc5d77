package dev.gn4j.engine.curvature;

import dev.gn4j.engine.backend.Backend;
import dev.gn4j.engine.backend.Mat;
import dev.gn4j.engine.model.Mlp;
import dev.gn4j.engine.model.Parameterization;

/**
 * S = diag(s), the map from a {@link Parameterization}'s coordinates θ̃ to the weights the
 * network computes with (θ = S θ̃): per layer one factor for the weights and one for the
 * bias, applied to P-vectors and to the columns of U by BLAS scal on views, so every backend
 * runs it. Identity in the standard parameterization, where nothing is scaled.
 */
public final class ParameterScaling {
    private final Mlp mlp;
    private final Parameterization parameterization;
    private final double[] weight;
    private final double[] bias;

    public ParameterScaling(Mlp mlp, Parameterization parameterization) {
        parameterization.requireSupported(mlp);
        this.mlp = mlp;
        this.parameterization = parameterization;
        weight = new double[mlp.layers()];
        bias = new double[mlp.layers()];
        for (int l = 0; l < mlp.layers(); l++) {
            weight[l] = parameterization.weightScale(mlp, l);
            bias[l] = parameterization.biasScale(mlp, l);
        }
    }

    public static ParameterScaling identity(Mlp mlp) {
        return new ParameterScaling(mlp, Parameterization.STANDARD);
    }

    public boolean isIdentity() {
        return parameterization == Parameterization.STANDARD;
    }

    public Parameterization parameterization() {
        return parameterization;
    }

    /** s_w of layer l. */
    public double weight(int layer) {
        return weight[layer];
    }

    /** β of layer l. */
    public double bias(int layer) {
        return bias[layer];
    }

    /** p ← S^power p for a P-vector p (power 1: S, −1: S⁻¹). */
    public void apply(Backend be, Mat p, int power) {
        if (isIdentity()) {
            return;
        }
        for (int l = 0; l < mlp.layers(); l++) {
            if (mlp.weightCount(l) > 0) {
                be.scal(Math.pow(weight[l], power), p.view(mlp.weightOffset(l), Math.toIntExact(mlp.weightCount(l)), 1));
            }
            if (mlp.biasCount(l) > 0) {
                be.scal(Math.pow(bias[l], power), p.view(mlp.biasOffset(l), mlp.biasCount(l), 1));
            }
        }
    }

    /** U ← U S for U (m × P, column-major): each parameter's column times its factor. */
    public void applyToColumns(Backend be, Mat u) {
        if (isIdentity()) {
            return;
        }
        int m = u.rows();
        for (int l = 0; l < mlp.layers(); l++) {
            if (mlp.weightCount(l) > 0) {
                be.scal(weight[l], u.view(mlp.weightOffset(l) * m, m, Math.toIntExact(mlp.weightCount(l))));
            }
            if (mlp.biasCount(l) > 0) {
                be.scal(bias[l], u.view(mlp.biasOffset(l) * m, m, mlp.biasCount(l)));
            }
        }
    }
}
