package dev.gn4j.engine.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogTicksTest {
    @Test
    void everyDecadeWithShortestLabelsAndMinorTicks() {
        Ticks t = LogTicks.of(1e-6, 1e2, 10);
        assertEquals(List.of("1e-6", "1e-5", "1e-4", "1e-3", "0.01", "0.1", "1", "10", "100"), t.labels());
        assertArrayEquals(new double[] {1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1, 10, 100}, t.major(), 0);
        // 2..9 × 10^k between the decades: 8 per decade, 8 decades.
        assertEquals(64, t.minor().length);
        assertTrue(Arrays.stream(t.minor()).anyMatch(v -> v == 2e-6));
        assertTrue(Arrays.stream(t.minor()).anyMatch(v -> v == 90));
        assertEquals(List.of("1", "10", "100", "1e3", "1e4"), LogTicks.of(0.5, 2e4, 10).labels());
    }

    @Test
    void manyDecadesAreLabelledEveryFewWithTheOthersAsMinorTicks() {
        Ticks t = LogTicks.of(1e-12, 1e4, 6);
        assertEquals(List.of("1e-12", "1e-9", "1e-6", "1e-3", "1", "1e3"), t.labels());
        assertEquals(11, t.minor().length, "the 17 decades less the 6 labelled ones");
        assertTrue(Arrays.stream(t.minor()).allMatch(v -> Math.abs(Math.log10(v) - Math.rint(Math.log10(v))) < 1e-9));

        Ticks huge = LogTicks.of(1e-300, 1e300, 8);
        assertTrue(huge.count() >= 2 && huge.count() <= 8, huge.toString());
        assertEquals("1e-300", huge.labels().get(0));
    }

    @Test
    void narrowRangesFallBackToOneTwoFiveThenOneToNineThenLinear() {
        Ticks oneTwoFive = LogTicks.of(2, 30, 6);
        assertEquals(List.of("2", "5", "10", "20"), oneTwoFive.labels());
        assertTrue(Arrays.stream(oneTwoFive.minor()).anyMatch(v -> v == 3), "the other multiples are minor ticks");
        assertEquals(List.of("0.3", "0.4", "0.5", "0.6", "0.7", "0.8"), LogTicks.of(0.3, 0.8, 6).labels());
        Ticks linear = LogTicks.of(1.1, 1.3, 5);
        assertEquals(List.of("1.10", "1.15", "1.20", "1.25", "1.30"), linear.labels());
    }

    @Test
    void rejectsNonPositiveRanges() {
        assertThrows(IllegalArgumentException.class, () -> LogTicks.of(0, 1, 5));
        assertThrows(IllegalArgumentException.class, () -> LogTicks.of(-1, 1, 5));
        assertThrows(IllegalArgumentException.class, () -> LogTicks.of(10, 1, 5));
    }
}
