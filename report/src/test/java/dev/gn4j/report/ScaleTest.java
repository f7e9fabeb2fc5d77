package dev.gn4j.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScaleTest {
    private static final double NAN = Double.NaN;
    private static final double INF = Double.POSITIVE_INFINITY;

    @Test
    void autoChoosesLogWhenPositiveValuesSpanMoreThanTwoDecades() {
        assertFalse(Scale.prefersLog(List.of(new double[] {1, 50})));
        assertFalse(Scale.prefersLog(List.of(new double[] {1, 100})), "exactly two decades stays linear");
        assertTrue(Scale.prefersLog(List.of(new double[] {1, 100.5})));
        assertTrue(Scale.prefersLog(List.of(new double[] {2.3, 0.9, 1e-4})));
        assertTrue(Scale.prefersLog(List.of(new double[] {1e-3}, new double[] {1})), "the span is over all series");
    }

    @Test
    void autoIgnoresNonFiniteValuesAndZerosButNotNegatives() {
        assertFalse(Scale.prefersLog(List.of(new double[] {1, 2, NAN, INF, -INF})), "infinities are not a span");
        assertTrue(Scale.prefersLog(List.of(new double[] {0, 1e-6, 1, NAN})), "a loss that reaches 0 is still a log plot");
        assertFalse(Scale.prefersLog(List.of(new double[] {-1e-6, 1e-6, 1})), "a log axis would hide the negative value");
        assertFalse(Scale.prefersLog(List.of(new double[] {0, 1e3})), "one positive value has no span");
        assertFalse(Scale.prefersLog(List.of()));
        assertFalse(Scale.prefersLog(List.of(new double[] {NAN, NAN})));
    }

    @Test
    void explicitScalesIgnoreTheData() {
        List<double[]> wide = List.of(new double[] {1e-9, 1e9});
        assertTrue(Scale.AUTO.isLog(wide));
        assertFalse(Scale.LINEAR.isLog(wide));
        assertTrue(Scale.LOG.isLog(List.of(new double[] {1, 2})));
    }
}
