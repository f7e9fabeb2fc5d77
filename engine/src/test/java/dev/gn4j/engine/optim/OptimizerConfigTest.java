package dev.gn4j.engine.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gn4j.engine.curvature.FisherKind;
import dev.gn4j.engine.curvature.GramMode;
import dev.gn4j.engine.optim.control.AdaptiveDamping;
import dev.gn4j.engine.optim.control.ArmijoSearch;
import dev.gn4j.engine.optim.control.LevenbergMarquardt;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class OptimizerConfigTest {

    @Test
    void defaultsAreMathMdConstants() {
        OptimizerConfig c = OptimizerConfig.of(Method.EGN);
        assertEquals(1.0, c.lambda());
        assertEquals(1.0, c.effectiveLr());
        assertEquals(0.0, c.momentum());
        assertEquals(GramMode.FACTORED, c.gram());
        assertEquals(FisherKind.EMPIRICAL, c.fisher());
        assertEquals(new OptimizerConfig.AdamConstants(0.9, 0.999, 1e-8), c.adam());
        assertEquals(new ArmijoSearch.Rule(1.5, 0.8, 0.1, 15), c.armijo());
        assertEquals(new AdaptiveDamping(0.25, 0.75, 1.5, 1e-12, 1e6), c.damping());
        assertEquals(new LevenbergMarquardt(0.1, 10, 10, 1e-10, 1e10), c.lm());
        assertEquals(0.01, OptimizerConfig.of(Method.SGD).effectiveLr());
        assertEquals(0.001, OptimizerConfig.of(Method.ADAM).effectiveLr());
    }

    @Test
    void eachValueOutOfRangeIsRefusedNamingItsFlag() {
        refused("--lr", b -> b.lr = 0);
        refused("--lr", b -> b.lr = Double.POSITIVE_INFINITY);
        refused("--lambda", b -> b.lambda = -1);
        refused("--lambda", b -> b.lambda = Double.NaN);
        refused("--momentum", b -> b.momentum = 1);
        refused("--momentum", b -> b.momentum = -0.1);
        refused("--weight-decay", b -> b.weightDecay = -1e-3);
        refused("--curvature-batch", b -> b.curvatureBatch = -1);
        refused("--beta1", b -> b.adam = new OptimizerConfig.AdamConstants(1, 0.999, 1e-8));
        refused("--beta2", b -> b.adam = new OptimizerConfig.AdamConstants(0.9, -0.5, 1e-8));
        refused("--eps", b -> b.adam = new OptimizerConfig.AdamConstants(0.9, 0.999, 0));
        refused("--line-search", b -> {
            b.method = Method.LM;
            b.lineSearch = true;
        });
        refused("--momentum", b -> {
            b.method = Method.LM;
            b.momentum = 0.9;
        });
    }

    @Test
    void controlConstantsOutOfRangeAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ArmijoSearch.Rule(1.5, 1.0, 0.1, 15));
        assertThrows(IllegalArgumentException.class, () -> new ArmijoSearch.Rule(1.5, 0.8, 0.1, 0));
        assertThrows(IllegalArgumentException.class, () -> new AdaptiveDamping(0.75, 0.25, 1.5, 1e-12, 1e6));
        assertThrows(IllegalArgumentException.class, () -> new AdaptiveDamping(0.25, 0.75, 1.5, 2, 1));
        assertThrows(IllegalArgumentException.class, () -> new LevenbergMarquardt(2, 10, 10, 1e-10, 1e10));
    }

    @Test
    void theFloorOfAdaptiveLambdaChangesAloneAndTheBuilderRoundTrips() {
        OptimizerConfig.Builder b = new OptimizerConfig.Builder();
        b.method = Method.SMW_NG;
        b.lr = 0.5;
        b.lambda = 3;
        b.adaptiveLambda = true;
        b.curvatureBatch = 7;
        b.fisher = FisherKind.SAMPLED;
        OptimizerConfig c = b.build();
        assertEquals(c, c.toBuilder().build());
        OptimizerConfig floored = c.withLambdaMin(0.1);
        assertEquals(0.1, floored.damping().lambdaMin());
        assertEquals(c, floored.withLambdaMin(c.damping().lambdaMin()));
        assertEquals("smw-ng", c.normalizedName());
    }

    private static void refused(String flag, Consumer<OptimizerConfig.Builder> change) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> {
            OptimizerConfig.Builder b = new OptimizerConfig.Builder();
            change.accept(b);
            b.build();
        }, flag);
        assertTrue(e.getMessage().contains(flag), e.getMessage());
    }
}
