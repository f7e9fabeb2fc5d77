package dev.gn4j.engine.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gn4j.engine.backend.Backend;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The clock's bookkeeping: device waits at every boundary, nesting, and instrumentation mistakes caught. */
class PhaseClockTest {
    private final AtomicInteger waits = new AtomicInteger();

    /** A backend that only counts synchronize(); the clock calls nothing else. */
    private Backend countingBackend() {
        return (Backend) Proxy.newProxyInstance(Backend.class.getClassLoader(), new Class<?>[] {Backend.class}, (p, m, a) -> {
            if (m.getName().equals("synchronize")) {
                waits.incrementAndGet();
                return null;
            }
            throw new UnsupportedOperationException(m.getName());
        });
    }

    @Test
    void waitsForTheDeviceAtEveryBoundaryAndChargesOnlyOpenPhases() {
        PhaseClock clock = new PhaseClock(countingBackend());
        clock.enter(Phase.FORWARD); // outside a step: ignored, no wait
        clock.exit(Phase.FORWARD);
        assertEquals(0, waits.get());

        clock.beginStep();
        clock.enter(Phase.DIRECTION);
        clock.enter(Phase.SOLVE);
        clock.exit(Phase.SOLVE);
        clock.exit(Phase.DIRECTION);
        PhaseTimes t = clock.endStep();
        assertEquals(6, waits.get(), "begin, four boundaries, end");
        assertEquals(0, t.nanos(Phase.FORWARD));
        assertEquals(0, t.nanos(Phase.GRAM));
        assertTrue(t.attributedNanos() <= t.totalNanos());
        assertEquals(t.totalNanos() - t.attributedNanos(), t.unattributedNanos());
    }

    @Test
    void mismatchedOrMissingExitsAreInstrumentationBugs() {
        PhaseClock clock = new PhaseClock(countingBackend());
        clock.beginStep();
        clock.enter(Phase.GRAM);
        assertThrows(IllegalStateException.class, () -> clock.exit(Phase.SOLVE));
        clock.beginStep();
        clock.enter(Phase.GRAM);
        IllegalStateException open = assertThrows(IllegalStateException.class, clock::endStep);
        assertTrue(open.getMessage().contains("GRAM"), open.getMessage());
        assertThrows(IllegalStateException.class, clock::endStep, "endStep without beginStep");
    }

    @Test
    void labelsAreTheTableNames() {
        assertEquals("line-search", Phase.LINE_SEARCH.label());
        assertEquals("forward", Phase.FORWARD.label());
    }
}
