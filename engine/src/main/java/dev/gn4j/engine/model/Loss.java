package dev.gn4j.engine.model;

import dev.gn4j.engine.backend.Backend;
import java.util.Locale;

/** The losses of MATH.md: per-sample ℓ, residual g = ∂ℓ/∂f and (for ce) the Q-factor B. */
public enum Loss {
    /** ½‖f − y‖², g = f − y, Q = I. */
    MSE,
    /** Softmax cross-entropy, g = p − e_y, Q = diag(p) − p pᵀ = Bᵀ B. */
    CE;

    public static Loss parse(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "mse" -> MSE;
            case "ce", "xent", "cross-entropy" -> CE;
            default -> throw new IllegalArgumentException("unknown loss '" + s + "' (expected mse or ce)");
        };
    }

    public String spelling() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Columns a target holds on the device: c values for mse, one class index for ce. */
    public int targetColumns(int outputs) {
        return this == MSE ? outputs : 1;
    }

    /**
     * Fills the residual g (and p for ce) from the forward state and returns the
     * summed loss Σ_i ℓ_i.
     */
    public double residual(Backend be, Activations ws) {
        return this == MSE
                ? be.mseResidual(ws.output(), ws.target(), ws.residual())
                : be.softmaxCrossEntropy(ws.output(), ws.target(), ws.probabilities(), ws.residual());
    }
}
