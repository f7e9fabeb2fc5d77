package dev.gn4j.engine.profile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gn4j.engine.backend.Backend;
import dev.gn4j.engine.backend.DType;
import dev.gn4j.engine.backend.Mat;
import dev.gn4j.engine.backend.cpu.CpuBackend;
import dev.gn4j.engine.model.Activations;
import dev.gn4j.engine.model.Init;
import dev.gn4j.engine.model.Loss;
import dev.gn4j.engine.model.Mlp;
import dev.gn4j.engine.model.Network;
import dev.gn4j.engine.optim.Objective;
import dev.gn4j.engine.optim.Optimizer;
import dev.gn4j.engine.optim.Method;
import dev.gn4j.engine.optim.OptimizerConfig;
import dev.gn4j.engine.optim.Optimizers;
import dev.gn4j.engine.optim.StepInputs;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The instrumented optimizers on a tiny CPU network: the phases of a step cover it
 * (no timing thresholds: only how the measured time is split), the phases a method
 * does not have stay at zero, and profiling changes no number.
 */
class StepPhasesTest {
    private static final int STEPS = 12;

    static Stream<Arguments> methods() {
        Consumer<OptimizerConfig.Builder> plain = c -> { };
        // The last flag: whether the step runs the gradient's backward pass. EGN with mse, GGN and
        // LM take ∇Lᵀd and ‖∇L‖ from K in batch space and skip it unless momentum needs ∇L itself.
        return Stream.of(
                Arguments.of("egn", Loss.CE, plain, true, true),
                Arguments.of("egn", Loss.MSE, plain, true, false),
                Arguments.of("ggn", Loss.MSE, plain, true, false),
                Arguments.of("smw-gn", Loss.CE, plain, true, true),
                Arguments.of("smw-ng", Loss.CE, (Consumer<OptimizerConfig.Builder>) c -> c.curvatureBatch = 5, true, true),
                Arguments.of("lm", Loss.MSE, plain, true, false),
                Arguments.of("egn", Loss.CE, (Consumer<OptimizerConfig.Builder>) c -> {
                    c.lineSearch = true;
                    c.adaptiveLambda = true;
                    c.momentum = 0.5;
                }, true, true),
                Arguments.of("egn", Loss.MSE, (Consumer<OptimizerConfig.Builder>) c -> {
                    c.lineSearch = true;
                    c.adaptiveLambda = true;
                }, true, false),
                Arguments.of("ggn", Loss.MSE, (Consumer<OptimizerConfig.Builder>) c -> c.momentum = 0.5, true, true),
                Arguments.of("sgd", Loss.CE, (Consumer<OptimizerConfig.Builder>) c -> c.momentum = 0.9, false, true),
                Arguments.of("adam", Loss.MSE, plain, false, true));
    }

    @ParameterizedTest(name = "{0} {1} #{index}")
    @MethodSource("methods")
    void phasesCoverTheStepAndProfilingChangesNothing(String name, Loss loss, Consumer<OptimizerConfig.Builder> options,
                                                      boolean secondOrder, boolean backwardPass) {
        try (Backend be = new CpuBackend()) {
            Fixture profiled = new Fixture(be, name, loss, options);
            Fixture plain = new Fixture(be, name, loss, options);
            PhaseClock clock = new PhaseClock(be);
            profiled.objective.setProfiler(clock);
            double[] covered = new double[STEPS];
            long[] phaseTotals = new long[Phase.values().length];
            for (int t = 1; t <= STEPS; t++) {
                clock.beginStep();
                profiled.step(t);
                PhaseTimes times = clock.endStep();
                plain.step(t);
                assertTrue(times.attributedNanos() <= times.totalNanos());
                covered[t - 1] = (double) times.attributedNanos() / times.totalNanos();
                for (Phase p : Phase.values()) {
                    phaseTotals[p.ordinal()] += times.nanos(p);
                }
            }
            Arrays.sort(covered);
            assertTrue(covered[STEPS / 2] > 0.5, "the phases cover most of the step: " + Arrays.toString(covered));
            for (Phase p : new Phase[] {Phase.FORWARD, Phase.UPDATE}) {
                assertTrue(phaseTotals[p.ordinal()] > 0, p + " was timed");
            }
            if (backwardPass) {
                assertTrue(phaseTotals[Phase.BACKWARD.ordinal()] > 0, "BACKWARD was timed");
            } else {
                assertEquals(0, phaseTotals[Phase.BACKWARD.ordinal()], "no gradient backward pass in a " + name + " step");
            }
            for (Phase p : new Phase[] {Phase.GRAM, Phase.SOLVE, Phase.DIRECTION}) {
                if (secondOrder) {
                    assertTrue(phaseTotals[p.ordinal()] > 0, p + " was timed");
                } else {
                    assertEquals(0, phaseTotals[p.ordinal()], p + " is not part of a " + name + " step");
                }
            }
            if (!secondOrder) {
                assertEquals(0, phaseTotals[Phase.LINE_SEARCH.ordinal()]);
            }
            assertArrayEquals(be.download(plain.theta), be.download(profiled.theta), 0.0, "profiling changed the numbers");
        }
    }

    /** A 6-8-8-3 tanh network, batch 10 of fixed random data, one optimizer. */
    private static final class Fixture {
        final Objective objective;
        final Mat theta;
        final Activations batch;
        final Activations curvature;
        final Optimizer optimizer;

        Fixture(Backend be, String name, Loss loss, Consumer<OptimizerConfig.Builder> options) {
            Mlp mlp = Mlp.parse("8-tanh-8-tanh", 6, 3);
            Network net = new Network(be, mlp);
            objective = new Objective(net, loss);
            OptimizerConfig.Builder cfg = new OptimizerConfig.Builder();
            cfg.method = Method.parse(name);
            if (name.equals("lm")) {
                cfg.lambda = 1e-3;
            }
            options.accept(cfg);
            optimizer = Optimizers.create(cfg.build(), net, loss, DType.F64);
            theta = be.zeros(Math.toIntExact(mlp.parameterCount()), 1, DType.F64);
            be.upload(Init.draw(mlp, 7), theta);
            batch = new Activations(be, mlp, loss, DType.F64, 10);
            SplittableRandom rng = new SplittableRandom(3);
            be.upload(rng.doubles(10 * 6, -1, 1).toArray(), batch.input());
            be.upload(loss == Loss.CE ? rng.ints(10, 0, 3).asDoubleStream().toArray() : rng.doubles(10 * 3, -1, 1).toArray(),
                    batch.target());
            curvature = cfg.curvatureBatch > 0 ? new Activations(be, mlp, loss, DType.F64, cfg.curvatureBatch) : batch;
            if (curvature != batch) {
                double[] x = be.download(batch.input());
                double[] y = be.download(batch.target());
                be.upload(firstRows(x, 10, 6, cfg.curvatureBatch), curvature.input());
                be.upload(firstRows(y, 10, y.length / 10, cfg.curvatureBatch), curvature.target());
            }
        }

        void step(long t) {
            optimizer.step(new StepInputs(objective, theta, batch, curvature, (th, out) -> {
                throw new UnsupportedOperationException();
            }, t, new SplittableRandom(t)));
        }

        /** The first n rows of a column-major rows × cols matrix. */
        private static double[] firstRows(double[] m, int rows, int cols, int n) {
            double[] out = new double[n * cols];
            for (int j = 0; j < cols; j++) {
                System.arraycopy(m, j * rows, out, j * n, n);
            }
            return out;
        }
    }
}
