package dev.gn4j.engine.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class LinearTicksTest {
    @Test
    void unitRangeGetsTenthsOrFifths() {
        Ticks t = LinearTicks.of(0, 1, 6, false);
        assertArrayEquals(new double[] {0, 0.2, 0.4, 0.6, 0.8, 1.0}, t.major(), 0);
        assertEquals(List.of("0.0", "0.2", "0.4", "0.6", "0.8", "1.0"), t.labels());
        assertEquals(0, t.minor().length);

        Ticks eleven = LinearTicks.of(0, 1, 11, false);
        assertEquals(11, eleven.count());
        assertEquals("0.3", eleven.labels().get(3), "exact decimals, not 0.30000000000000004");
        assertEquals(0.3, eleven.at(3), 0);
    }

    @Test
    void ticksAreOneTwoFiveMultiplesInsideTheRange() {
        double[][] ranges = {{0, 1}, {-3.7, 12.1}, {-0.05, -0.012}, {-250, 250}, {1e-7, 9e-7}, {0, 2.5e6}, {13, 1013}, {-1e308, 1e308}};
        for (double[] r : ranges) {
            for (int max = 2; max <= 11; max++) {
                Ticks t = LinearTicks.of(r[0], r[1], max, false);
                String where = "[" + r[0] + ", " + r[1] + "] max " + max + ": " + t;
                assertTrue(t.count() >= 2, where);
                assertTrue(t.count() <= Math.max(max, 5), where);
                double step = t.at(1) - t.at(0);
                int mantissa = new BigDecimal(step).round(new MathContext(6)).stripTrailingZeros().unscaledValue().intValue();
                assertTrue(List.of(1, 2, 5).contains(mantissa), "step " + step + " " + where);
                for (int i = 0; i < t.count(); i++) {
                    assertTrue(t.at(i) >= r[0] - 1e-9 * Math.abs(step) && t.at(i) <= r[1] + 1e-9 * Math.abs(step), where);
                    assertEquals(t.at(i), Double.parseDouble(t.labels().get(i)), Math.abs(step) * 1e-9, "label reads back as its value, " + where);
                    if (i > 0) {
                        assertEquals(step, t.at(i) - t.at(i - 1), Math.abs(step) * 1e-9, "evenly spaced, " + where);
                    }
                }
                assertEquals(t.count(), new HashSet<>(t.labels()).size(), "labels are distinct, " + where);
            }
        }
    }

    @Test
    void negativeRangesAndZeroCrossings() {
        Ticks t = LinearTicks.of(-0.05, -0.012, 6, false);
        assertEquals(List.of("-0.05", "-0.04", "-0.03", "-0.02"), t.labels());
        Ticks across = LinearTicks.of(-2.2, 2.2, 9, false);
        assertEquals(List.of("-2", "-1", "0", "1", "2"), across.labels(), "no '-0'");
    }

    @Test
    void tinyRangesKeepDistinctLabels() {
        Ticks t = LinearTicks.of(1.0, 1.0 + 3e-9, 5, false);
        assertEquals(List.of("1.000000000", "1.000000001", "1.000000002", "1.000000003"), t.labels());
        Ticks small = LinearTicks.of(0, 3e-7, 4, false);
        assertEquals(List.of("0", "1e-7", "2e-7", "3e-7"), small.labels(), "long plain decimals switch to scientific");
    }

    @Test
    void largeValuesUseScientificOnlyWhenPlainIsLong() {
        assertEquals(List.of("0", "5e5", "1e6", "1.5e6", "2e6", "2.5e6"), LinearTicks.of(0, 2.5e6, 6, false).labels());
        assertEquals(List.of("0", "1000", "2000", "3000", "4000", "5000"), LinearTicks.of(0, 5000, 6, false).labels());
    }

    @Test
    void aRangeNarrowerThanTheStepStillGetsTwoTicks() {
        // With two ticks allowed the step would be 0.5, and [0.52, 0.73] holds no multiple of 0.5.
        Ticks t = LinearTicks.of(0.52, 0.73, 2, false);
        assertTrue(t.count() >= 2, t.toString());
        assertTrue(t.count() <= 5, t.toString());
    }

    @Test
    void integerAxesNeverGetFractionalSteps() {
        assertEquals(List.of("0", "1", "2", "3"), LinearTicks.of(0, 3, 10, true).labels());
        assertEquals(List.of("-1", "0", "1"), LinearTicks.of(-1, 1, 11, true).labels());
        Ticks wide = LinearTicks.of(0, 1000, 6, true);
        assertEquals(List.of("0", "200", "400", "600", "800", "1000"), wide.labels());
    }

    @Test
    void rejectsEmptyOrNonFiniteRanges() {
        assertThrows(IllegalArgumentException.class, () -> LinearTicks.of(1, 1, 5, false));
        assertThrows(IllegalArgumentException.class, () -> LinearTicks.of(0, Double.NaN, 5, false));
        assertThrows(IllegalArgumentException.class, () -> LinearTicks.of(0, 1, 1, false));
        assertFalse(LinearTicks.of(0, 1, 2, false).labels().isEmpty());
    }
}
