package dev.gn4j.engine.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class AxisRangeTest {
    @Test
    void dataArePaddedAtBothEnds() {
        AxisRange r = AxisRange.of(List.of(new double[] {0, 10}, new double[] {5, Double.NaN, Double.POSITIVE_INFINITY}), false);
        assertEquals(-0.4, r.lo(), 1e-12);
        assertEquals(10.4, r.hi(), 1e-12);
        AxisRange log = AxisRange.of(List.of(new double[] {-3, 0, 1e-4, 1}), true);
        assertEquals(Math.pow(10, -4 - 0.16), log.lo(), 1e-15, "non-positive values are skipped on a log axis");
        assertEquals(Math.pow(10, 0.16), log.hi(), 1e-12);
    }

    @Test
    void constantDataGetARangeAroundTheValue() {
        assertEquals(new AxisRange(4.5, 5.5), AxisRange.of(List.of(new double[] {5, 5, 5}), false));
        assertEquals(new AxisRange(-1, 1), AxisRange.of(List.of(new double[] {0}), false));
        AxisRange tiny = AxisRange.of(List.of(new double[] {-2e-9}), false);
        assertEquals(-2.2e-9, tiny.lo(), 1e-24);
        assertEquals(-1.8e-9, tiny.hi(), 1e-24);
        AxisRange log = AxisRange.of(List.of(new double[] {10, 10}), true);
        assertEquals(Math.sqrt(10), log.lo(), 1e-12);
        assertEquals(10 * Math.sqrt(10), log.hi(), 1e-12);
        Ticks ticks = LinearTicks.of(4.5, 5.5, 6, false);
        assertTrue(ticks.count() >= 2, "a constant series still gets an axis with labels: " + ticks);
    }

    @Test
    void noDataGetsAUnitRange() {
        assertEquals(new AxisRange(0, 1), AxisRange.of(List.of(new double[] {Double.NaN}), false));
        assertEquals(new AxisRange(1, 10), AxisRange.of(List.of(new double[] {-1, 0}), true));
    }

    @Test
    void extremeValuesStayFinite() {
        AxisRange r = AxisRange.of(List.of(new double[] {-Double.MAX_VALUE, Double.MAX_VALUE}), false);
        assertEquals(-Double.MAX_VALUE, r.lo());
        assertTrue(LinearTicks.of(r.lo(), r.hi(), 5, false).count() >= 2);
        AxisRange c = AxisRange.of(List.of(new double[] {Double.MAX_VALUE}), false);
        assertTrue(c.lo() < c.hi());
        assertThrows(IllegalArgumentException.class, () -> new AxisRange(1, 1));
    }
}
