package dev.gn4j.engine.optim;

import dev.gn4j.engine.curvature.RowSpec;
import dev.gn4j.engine.model.Loss;
import dev.gn4j.engine.optim.WoodburyDirection.Gradient;
import dev.gn4j.engine.optim.WoodburyDirection.Samples;

/**
 * EGN, Exact Gauss-Newton (MATH.md, Optimizers: EGN): the exact Gauss-Newton direction of any loss,
 * solved in batch space. For mse (Q = I) the kernel form d = −Jᵀ(JJᵀ + bλI)⁻¹ r over the
 * batch's Jacobian rows; for ce the Woodbury form over the rows B·J, c − 1 a sample. Any
 * step control: momentum, Armijo line search, adaptive λ.
 */
final class Egn {
    private Egn() {
    }

    static Optimizer create(MethodParts p) {
        return new GaussNewton(Method.EGN, direction(p), p.cfg(), p.solver());
    }

    /** The kernel form over J for mse, the Woodbury form over B·J for ce (LM uses it too). */
    static Direction direction(MethodParts p) {
        return p.loss() == Loss.MSE
                ? new KernelDirection(KernelDirection.Shift.BATCH, p.cfg().gram(), p.cfg().solver(), p.solver(), p.rows())
                : new WoodburyDirection(new RowSpec.GaussNewtonFactor(), Samples.BATCH, Gradient.BATCH, p.cfg().gram(),
                        p.cfg().solver(), p.solver(), p.rows());
    }
}
