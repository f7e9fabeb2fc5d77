package dev.gn4j.engine.model;

import dev.gn4j.engine.backend.Activation;
import java.util.Locale;

/**
 * The coordinates θ̃ a method steps in, against the weights W the network computes with.
 *
 * <p>Standard: θ̃ = W, drawn as {@link Init} says (He or Glorot).
 *
 * <p>NTK (the neural-tangent-kernel parameterization): a dense layer computes
 * z = s_w·W̃ a + β·b̃ with W̃ ~ N(0, 1), s_w = σ_w/√fan_in (σ_w² = 2 before relu and gelu, 1
 * otherwise) and β = {@link #NTK_BIAS}, zero b̃ at the start. The network keeps W = s_w W̃ and
 * b = β b̃, so forward passes, checkpoints and exports are unchanged; a method then sees the
 * Jacobian J S with S = diag(s) and its step ΔW = S Δθ̃. In this parameterization J Jᵀ
 * tends to a fixed kernel as the width grows, the regime the GGN paper's analysis assumes.
 */
public enum Parameterization {
    STANDARD,
    NTK;

    /**
     * β, the bias multiplier: a constant, so that biases keep learning at every width
     * (scaled like the weights, by 1/√fan_in, they would stop as the width grows).
     */
    public static final double NTK_BIAS = 0.1;

    public static Parameterization parse(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "standard" -> STANDARD;
            case "ntk" -> NTK;
            default -> throw new IllegalArgumentException("unknown --parameterization '" + s + "' (expected standard or ntk)");
        };
    }

    public String flag() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** s_w of layer l: W = s_w W̃ (1 in the standard parameterization). */
    public double weightScale(Mlp mlp, int layer) {
        if (this == STANDARD) {
            return 1;
        }
        Activation act = mlp.activation(layer);
        double gain = act == Activation.RELU || act == Activation.GELU ? 2 : 1;
        return Math.sqrt(gain / mlp.width(layer));
    }

    /** β of layer l: b = β b̃ (1 in the standard parameterization). */
    public double biasScale(Mlp mlp, int layer) {
        return this == STANDARD ? 1 : NTK_BIAS;
    }

    /** @throws IllegalArgumentException where this parameterization is not defined for the network */
    public void requireSupported(Mlp mlp) {
        if (this == STANDARD) {
            return;
        }
        for (int l = 0; l < mlp.layers(); l++) {
            if (!(mlp.layer(l) instanceof Dense)) {
                throw new IllegalArgumentException("--parameterization " + flag() + " is defined for dense layers only; layer "
                        + (l + 1) + " of '" + mlp.hiddenSpec() + "' is " + mlp.layer(l).getClass().getSimpleName().toLowerCase(Locale.ROOT));
            }
        }
    }
}
