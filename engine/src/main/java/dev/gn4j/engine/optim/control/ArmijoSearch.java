package dev.gn4j.engine.optim.control;

import dev.gn4j.engine.backend.Mat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Armijo backtracking (MATH.md, line search): from α = min(grow · α_prev, α_max), shrink
 * until L(θ + α d) ≤ L(θ) + c · α · ∇Lᵀd. Where MATH.md is silent: a search whose tries
 * all fail takes no step (α = 0), and the next search starts from the last α tried.
 */
public final class ArmijoSearch {
    private static final Logger LOG = LoggerFactory.getLogger(ArmijoSearch.class);
    /** Its scalar in a checkpoint's optimizer state. */
    public static final String STATE = "alpha";

    /** The accepted α (0 for none), the loss there (NaN for none), and the losses evaluated. */
    public record Result(double alpha, double loss, int evaluations) {
    }

    /** The search's constants: α grows by {@code grow}, shrinks by {@code shrink}, c = {@code armijo}, at most {@code maxTries} losses. */
    public record Rule(double grow, double shrink, double armijo, int maxTries) {
        /** MATH.md's constants. */
        public static final Rule DEFAULT = new Rule(1.5, 0.8, 0.1, 15);

        public Rule {
            if (!(grow >= 1) || !Double.isFinite(grow) || !(shrink > 0 && shrink < 1) || !(armijo > 0 && armijo < 1) || maxTries < 1) {
                throw new IllegalArgumentException("the line search needs grow ≥ 1, shrink and c in (0, 1), at least one try; got "
                        + grow + ", " + shrink + ", " + armijo + ", " + maxTries);
            }
        }
    }

    private final double grow;
    private final double shrink;
    private final double armijo;
    private final int maxTries;
    private double previousAlpha;

    public ArmijoSearch(Rule rule, double firstAlpha) {
        this.grow = rule.grow();
        this.shrink = rule.shrink();
        this.armijo = rule.armijo();
        this.maxTries = rule.maxTries();
        this.previousAlpha = firstAlpha;
    }

    /** Searches along {@code dir} from θ, whose loss is {@code loss0} and slope ∇Lᵀdir is {@code slope}; {@code step} is for the log. */
    public Result search(TrialLoss loss, Mat dir, double loss0, double slope, double alphaMax, long step) {
        double a = Math.min(grow * previousAlpha, alphaMax);
        double alpha = 0;
        double loss1 = Double.NaN;
        int evaluations = 0;
        for (int attempt = 0; attempt < maxTries; attempt++) {
            double candidate = loss.at(dir, a);
            evaluations++;
            if (candidate <= loss0 + armijo * a * slope) {
                alpha = a;
                loss1 = candidate;
                break;
            }
            if (attempt + 1 < maxTries) {
                a *= shrink;
            }
        }
        previousAlpha = alpha > 0 ? alpha : a;
        if (alpha == 0) {
            LOG.debug("line search: no Armijo point in {} tries at step {}; no step taken", maxTries, step);
        }
        return new Result(alpha, loss1, evaluations);
    }

    /** The α the next search grows from (saved with the checkpoint, so a resumed run searches as it would have). */
    public double previousAlpha() {
        return previousAlpha;
    }

    public void restore(double previousAlpha) {
        this.previousAlpha = previousAlpha;
    }
}
