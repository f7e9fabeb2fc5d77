package dev.gn4j.cli.compare;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gn4j.report.Series;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpreadCurveTest {
    @Test
    void runsLoggedAtTheSameXAreSummarisedThere() {
        Series a = new Series("a", new double[] {0, 1, 2}, new double[] {1, 2, 3});
        Series b = new Series("b", new double[] {0, 1, 2}, new double[] {3, 2, 7});
        SpreadCurve c = SpreadCurve.of(List.of(a, b), 50);
        assertArrayEquals(new double[] {0, 1, 2}, c.x());
        assertArrayEquals(new double[] {2, 2, 5}, c.mean(), 1e-15);
        assertArrayEquals(new double[] {1, 2, 3}, c.lo());
        assertArrayEquals(new double[] {3, 2, 7}, c.hi());
        assertEquals(2, c.runs());
    }

    @Test
    void runsOnDifferentClocksAreInterpolatedUpToTheShortestRun() {
        // y = x on both, sampled at different times: the mean on the grid is x itself.
        Series a = new Series("a", new double[] {0, 0.3, 1.1, 2.0}, new double[] {0, 0.3, 1.1, 2.0});
        Series b = new Series("b", new double[] {0, 0.5, 1.5}, new double[] {0, 0.5, 1.5});
        SpreadCurve c = SpreadCurve.of(List.of(a, b), 7);
        assertEquals(7, c.x().length);
        assertEquals(0, c.x()[0]);
        assertEquals(1.5, c.x()[6], "ends where the shortest run ends");
        for (int i = 0; i < 7; i++) {
            assertEquals(c.x()[i], c.mean()[i], 1e-12);
            assertTrue(c.lo()[i] <= c.mean()[i] && c.mean()[i] <= c.hi()[i]);
        }
    }

    @Test
    void interpolationIsExactAtKnotsAndLinearBetween() {
        double[] x = {0, 2, 4};
        double[] y = {0, 10, 0};
        assertEquals(10, SpreadCurve.interpolate(x, y, 2));
        assertEquals(5, SpreadCurve.interpolate(x, y, 1), 1e-15);
        assertEquals(7.5, SpreadCurve.interpolate(x, y, 2.5), 1e-15);
        assertTrue(Double.isNaN(SpreadCurve.interpolate(x, y, 5)));
    }

    @Test
    void anEmptyCurveIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> SpreadCurve.of(List.of(), 10));
        assertThrows(IllegalArgumentException.class,
                () -> SpreadCurve.of(List.of(new Series("e", new double[0], new double[0])), 10));
    }

    @Test
    void summaryStatsUseTheSampleStandardDeviationAndSkipMissingValues() {
        SummaryStats s = SummaryStats.of(new double[] {1, 2, 3, Double.NaN});
        assertEquals(3, s.n());
        assertEquals(2, s.mean(), 1e-15);
        assertEquals(1, s.sd(), 1e-15);
        assertEquals(1, s.min());
        assertEquals(3, s.max());
        assertEquals("2.000 ± 1.0", s.text());
        assertEquals("5.000", SummaryStats.of(new double[] {5}).text());
        assertEquals("–", SummaryStats.of(new double[] {Double.NaN}).text());
    }
}
