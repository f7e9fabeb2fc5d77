package dev.gn4j.engine.optim.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Each step control against MATH.md's rule, on one-dimensional losses whose answers are known. */
class StepControlsTest {
    private static ArmijoSearch search() {
        return new ArmijoSearch(new ArmijoSearch.Rule(1.5, 0.8, 0.1, 15), 1.0);
    }

    @Test
    void armijoTakesTheFirstPointOfSufficientDecreaseAndGrowsFromIt() {
        ArmijoSearch s = search();
        // L(α) = 1 − 2α + 10α², slope −2: accepted when α ≤ 0.18, so after 8 shrinks of 0.8 from α_max = 1.
        ArmijoSearch.Result r = s.search((dir, a) -> 1 - 2 * a + 10 * a * a, null, 1, -2, 1, 1);
        assertEquals(Math.pow(0.8, 8), r.alpha(), 1e-15);
        assertEquals(9, r.evaluations());
        assertEquals(1 - 2 * r.alpha() + 10 * r.alpha() * r.alpha(), r.loss(), 1e-15);
        // The next search starts from 1.5 times the last α, never above α_max.
        double[] first = new double[1];
        s.search((dir, a) -> {
            first[0] = first[0] == 0 ? a : first[0];
            return 0;
        }, null, 1, -2, 1, 2);
        assertEquals(1.5 * Math.pow(0.8, 8), first[0], 1e-15);
    }

    @Test
    void armijoWithoutADecreaseTakesNoStepAndRestartsFromTheLastTry() {
        ArmijoSearch s = search();
        ArmijoSearch.Result r = s.search((dir, a) -> 10, null, 1, -2, 1, 1);
        assertEquals(0, r.alpha());
        assertTrue(Double.isNaN(r.loss()));
        assertEquals(15, r.evaluations());
        assertEquals(Math.pow(0.8, 14), s.previousAlpha(), 1e-15);
    }

    @Test
    void adaptiveDampingFollowsTheRatioOfActualToPredictedDecrease() {
        AdaptiveDamping rule = new AdaptiveDamping(0.25, 0.75, 1.5, 1e-12, 1e6);
        // Quadratic model α·slope + ½α²·curvature = −1 + 0.5 = −0.5; the loss fell by 0.5: ρ = 1.
        assertEquals(1.0, AdaptiveDamping.rho(2, 1.5, 1, -1, 1), 1e-15);
        assertEquals(1 / 1.5, rule.next(1, 1.0), 1e-15);
        assertEquals(1.5, rule.next(1, 0.1), 1e-15);
        assertEquals(1.0, rule.next(1, 0.5));
        assertEquals(1e6, rule.next(1e6, 0.0), "clamped above");
        assertEquals(1e-12, rule.next(1e-12, 1.0), "clamped below");
    }

    @Test
    void levenbergMarquardtShrinksOnAcceptGrowsOnRejectWithinItsBounds() {
        LevenbergMarquardt rule = new LevenbergMarquardt(0.1, 10, 10, 1e-10, 1e10);
        assertTrue(LevenbergMarquardt.accepts(1.0, 0.999));
        assertTrue(!LevenbergMarquardt.accepts(1.0, 1.0), "an equal loss is no decrease");
        assertEquals(0.1, rule.afterAccept(1), 1e-15);
        assertEquals(10, rule.afterReject(1), 1e-15);
        assertEquals(1e-10, rule.afterAccept(1e-10));
        assertEquals(1e10, rule.afterReject(1e10));
    }
}
