package dev.gn4j.engine.optim;

/**
 * GGN, Gram-Gauss-Newton (MATH.md, Optimizers: GGN): for mse only, d = −Jᵀ(JJᵀ + λI)⁻¹ r, the kernel
 * form without EGN's batch scaling of λ (the GGN paper's damping).
 */
final class Ggn {
    private Ggn() {
    }

    static Optimizer create(MethodParts p) {
        return new GaussNewton(Method.GGN, new KernelDirection(KernelDirection.Shift.ONE, p.cfg().gram(), p.cfg().solver(), p.solver(), p.rows()), p.cfg(), p.solver());
    }
}
