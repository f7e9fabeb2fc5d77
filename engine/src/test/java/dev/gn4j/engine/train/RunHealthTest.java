package dev.gn4j.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gn4j.engine.optim.StepReport;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunHealthTest {
    private static StepReport step(double lambda) {
        return new StepReport(1, 1, lambda, 1, 1, 1, 0, 1);
    }

    @Test
    void aHealthyRunHasNoWarnings() {
        RunHealth h = new RunHealth(1e-12, true, true);
        for (int i = 0; i < 100; i++) {
            h.observe(step(0.5));
        }
        assertEquals(List.of(), h.warnings(1.0, 0.1, 3));
    }

    @Test
    void lossAboveItsStartLambdaAtItsFloorAndFallbacksAreEachSaid() {
        RunHealth h = new RunHealth(1e-12, true, true);
        for (int i = 0; i < 100; i++) {
            h.observe(step(i < 60 ? 1e-12 : 0.5));
        }
        List<String> w = h.warnings(0.825, 1.364, 63);
        assertEquals(3, w.size(), w.toString());
        assertTrue(w.get(0).contains("0.8250 -> 1.364"), w.get(0));
        assertTrue(w.get(1).contains("60 of 100 steps") && w.get(1).contains("--lambda-min"), w.get(1));
        assertTrue(w.get(2).contains("63 times in 100 steps"), w.get(2));
    }

    @Test
    void aFewStepsAtTheFloorOrWithoutAdaptiveLambdaAreNotAWarning() {
        RunHealth fixed = new RunHealth(1, false, true);
        RunHealth brief = new RunHealth(1e-12, true, true);
        for (int i = 0; i < 100; i++) {
            fixed.observe(step(1));
            brief.observe(step(i < 5 ? 1e-12 : 1));
        }
        assertEquals(List.of(), fixed.warnings(1, 1, 0));
        assertEquals(List.of(), brief.warnings(1, 0.5, 9));
        RunHealth fullBatch = new RunHealth(1e-12, true, false); // λ → 0 on the full batch is GGN's quadratic phase
        RunHealth atDefault = new RunHealth(TrainConfig.MINI_BATCH_LAMBDA_MIN, true, true);
        for (int i = 0; i < 100; i++) {
            fullBatch.observe(step(1e-12));
            atDefault.observe(step(TrainConfig.MINI_BATCH_LAMBDA_MIN));
        }
        assertEquals(List.of(), fullBatch.warnings(1, 0.5, 0));
        assertEquals(List.of(), atDefault.warnings(1, 0.5, 0));
    }
}
