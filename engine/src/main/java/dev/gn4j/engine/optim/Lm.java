package dev.gn4j.engine.optim;

/**
 * Levenberg-Marquardt (MATH.md, Optimizers: LM): EGN's direction with λ set by accept/reject instead
 * of a line search: the full step is taken when the loss falls (λ shrinks), else λ grows
 * and the same batch-space system is solved again.
 */
final class Lm {
    private Lm() {
    }

    static Optimizer create(MethodParts p) {
        return new GaussNewton(Method.LM, Egn.direction(p), p.cfg(), p.solver());
    }
}
