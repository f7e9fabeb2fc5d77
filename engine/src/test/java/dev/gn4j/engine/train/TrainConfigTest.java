package dev.gn4j.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gn4j.engine.optim.Method;
import dev.gn4j.engine.optim.OptimizerConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class TrainConfigTest {

    @Test
    void eachValueOutOfRangeIsRefusedNamingItsFlag() {
        refused("--data", b -> b.data = Path.of("x.csv"));
        refused("no data", b -> b.dataset = null);
        refused("--target is given", b -> b.targets = List.of("y"));
        refused("--target COLS is required", b -> {
            b.dataset = null;
            b.data = Path.of("x.csv");
        });
        refused("--val-split", b -> b.valSplit = 1);
        refused("--batch", b -> b.batch = -2);
        refused("--steps", b -> b.steps = -1);
        refused("--epochs", b -> b.epochs = 0);
        refused("--log-every", b -> b.logEvery = -1);
        refused("--eval-every", b -> b.evalEvery = -1);
        refused("--save-every", b -> b.saveEvery = -1);
        refused("--lambda-min", b -> b.lambdaMin = 0);
        refused("--resume-on-new-data", b -> b.resumeOnNewData = true);
        refused("--resume", b -> b.resume = true);
    }

    @Test
    void theValueIsImmutableAndKeepsTheOrderOfTheOptions() {
        TrainConfig.Builder b = valid();
        b.options.put("optimizer", "egn");
        b.options.put("batch", "full");
        TrainConfig c = b.build();
        b.options.put("seed", 3);
        assertEquals(List.of("optimizer", "batch"), List.copyOf(c.options().keySet()));
        assertThrows(UnsupportedOperationException.class, () -> c.options().put("x", 1));
        assertThrows(UnsupportedOperationException.class, () -> c.targets().add("y"));
    }

    @Test
    void theLambdaFloorIsTheFlagOrOnMiniBatchesTheAutoFloorNeverAboveTheStartingLambda() {
        TrainConfig.Builder b = valid();
        assertEquals(1e-12, Trainer.withLambdaFloor(b.build(), false).damping().lambdaMin());
        assertEquals(TrainConfig.MINI_BATCH_LAMBDA_MIN, Trainer.withLambdaFloor(b.build(), true).damping().lambdaMin());
        OptimizerConfig.Builder small = new OptimizerConfig.Builder();
        small.lambda = 0.01;
        b.optimizer = small.build();
        assertEquals(0.01, Trainer.withLambdaFloor(b.build(), true).damping().lambdaMin());
        b.lambdaMin = 0.5;
        assertEquals(0.5, Trainer.withLambdaFloor(b.build(), false).damping().lambdaMin());
        assertEquals(Map.of(), valid().build().options());
        assertEquals(Method.EGN, valid().build().optimizer().method());
    }

    private static TrainConfig.Builder valid() {
        TrainConfig.Builder b = new TrainConfig.Builder();
        b.dataset = "diabetes";
        return b;
    }

    private static void refused(String text, Consumer<TrainConfig.Builder> change) {
        TrainConfig.Builder b = valid();
        change.accept(b);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, b::build, text);
        assertTrue(e.getMessage().contains(text), e.getMessage());
    }
}
