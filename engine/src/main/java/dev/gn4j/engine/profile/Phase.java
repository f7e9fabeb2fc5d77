package dev.gn4j.engine.profile;

import java.util.Locale;

/**
 * The parts of one optimizer step that {@code gn4j bench} times separately. A phase
 * entered inside another pauses the outer one, so the phases of a step never
 * overlap and add up to the step (less the few instructions between them).
 */
public enum Phase {
    /** Forward pass and loss residual at θ on the batch (and on the curvature subsample when it differs). */
    FORWARD,
    /** The backward pass of the batch gradient ∇L = (1/b) Jᵀ g. */
    BACKWARD,
    /** The curvature rows: Q-factor seed, backpropagated sensitivities G_l, and the Gram K = U Uᵀ (factored or explicit). */
    GRAM,
    /** Factorization and solve of the batch-space system (K + shift·I) x = r, fallbacks included. */
    SOLVE,
    /** The rest of the direction: U∇L (forward mode), Uᵀw or Jᵀt (backward), momentum, the slope and vector work. */
    DIRECTION,
    /** Step-size control: line-search and LM trial evaluations, the adaptive-λ ratio's extra evaluation and curvature. */
    LINE_SEARCH,
    /** θ ← θ + α d (or the SGD/Adam update) and the step's norms and finiteness checks. */
    UPDATE;

    /** The name in tables and JSON: lower case, "line-search". */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
