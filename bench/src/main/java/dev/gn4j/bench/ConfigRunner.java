package dev.gn4j.bench;

import dev.gn4j.engine.backend.Backend;
import dev.gn4j.engine.backend.Mat;
import dev.gn4j.engine.curvature.SolverPlan;
import dev.gn4j.engine.curvature.SolverSettings;
import dev.gn4j.engine.model.Activations;
import dev.gn4j.engine.model.Init;
import dev.gn4j.engine.model.Loss;
import dev.gn4j.engine.model.Mlp;
import dev.gn4j.engine.model.Network;
import dev.gn4j.engine.optim.Objective;
import dev.gn4j.engine.optim.Method;
import dev.gn4j.engine.optim.Optimizer;
import dev.gn4j.engine.optim.OptimizerConfig;
import dev.gn4j.engine.optim.Optimizers;
import dev.gn4j.engine.optim.StepInputs;
import dev.gn4j.engine.optim.StepReport;
import dev.gn4j.engine.profile.Phase;
import dev.gn4j.engine.profile.PhaseClock;
import dev.gn4j.engine.profile.PhaseTimes;
import dev.gn4j.engine.profile.StepProfiler;
import dev.gn4j.engine.train.MemoryPlan;
import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Times one configuration on one backend: synthetic data of the right shape
 * (values do not change the cost), the optimizer built as {@code gn4j train}
 * builds it, untimed warm-up steps (at least a number of them and at least a
 * time), then {@code steps} timed ones alternating plain and profiled, in one go or
 * in slices ({@link Cell}). Every step starts from the same θ, so each
 * timed step does the same work and the spread is the machine's, not the data's.
 */
public final class ConfigRunner {
    private final int warmup;
    private final double warmupSeconds;
    private final int steps;
    private final long seed;

    /**
     * @param warmup untimed steps at least
     * @param warmupSeconds and untimed for at least this long: a cell of 1 ms steps needs far more than a few steps
     *                      before the JIT has compiled its Java loops
     */
    public ConfigRunner(int warmup, double warmupSeconds, int steps, long seed) {
        if (warmup < 0 || !(warmupSeconds >= 0) || steps < 2) {
            throw new IllegalArgumentException("need warm-up ≥ 0 and at least 2 timed steps (one plain, one profiled), got "
                    + warmup + ", " + warmupSeconds + " s and " + steps);
        }
        this.warmup = warmup;
        this.warmupSeconds = warmupSeconds;
        this.steps = steps;
        this.seed = seed;
    }

    /** Warms one cell up and times all its steps in one go. */
    public ConfigResult run(Backend be, BenchConfig cfg) {
        Cell cell = open(be, cfg);
        cell.warmUp();
        cell.time(steps);
        return cell.result();
    }

    /** A cell's data, optimizer and buffers, ready to be warmed up and timed, possibly in several slices. */
    public Cell open(Backend device, BenchConfig cfg) {
        CountingBackend be = new CountingBackend(device);
        Mlp mlp = cfg.mlp();
        Network net = new Network(be, mlp);
        Objective objective = new Objective(net, cfg.loss());
        OptimizerConfig.Builder oc = new OptimizerConfig.Builder();
        oc.method = Method.parse(cfg.optimizer());
        if (cfg.jacobian() != null) {
            oc.gram = cfg.jacobian();
        }
        oc.lineSearch = cfg.lineSearch();
        oc.solver = SolverSettings.DEFAULT.withKind(cfg.solver());
        OptimizerConfig config = oc.build();
        // As gn4j train does: auto resolved against what the device may allocate, and a cell whose
        // step cannot fit refused (InsufficientMemory) before anything of it is allocated.
        long allocatable = MemoryPlan.allocatable(device);
        SolverPlan plan = null;
        if (!config.method().isFirstOrder()) {
            plan = MemoryPlan.planSolver(mlp, cfg.batch(), cfg.loss(), config, cfg.dtype(), allocatable, device.maxMatrixBytes());
            config = config.withSolver(plan.settings(config.solver()));
        }
        MemoryPlan memory = MemoryPlan.of(mlp, cfg.batch(), cfg.loss(), config, cfg.dtype());
        memory.requireFits(device, cfg.model(), cfg.batch());
        Optimizer optimizer = Optimizers.create(config, net, cfg.loss(), cfg.dtype());
        double[] theta0 = Init.draw(mlp, seed);
        Mat theta = be.zeros(theta0.length, 1, cfg.dtype());
        Activations batch = new Activations(be, mlp, cfg.loss(), cfg.dtype(), cfg.batch());
        fillSynthetic(be, batch, mlp, cfg.loss(), cfg.batch());
        return new Cell(cfg, plan, memory.totalBytes(), objective, be, new Stepper(be, objective, optimizer, theta, theta0, batch));
    }

    /**
     * One cell's timing state. {@link #time} may be called several times (the slices of
     * interleaved rounds); the samples pool, and plain and profiled steps keep alternating.
     */
    public final class Cell {
        private final BenchConfig cfg;
        private final SolverPlan plan;
        private final long modelledBytes;
        private final Objective objective;
        private final CountingBackend counter;
        private final Stepper stepper;
        private final double[] plain = new double[(steps + 1) / 2];
        private final double[] profiled = new double[steps / 2];
        private final double[][] phases = new double[Phase.values().length][steps / 2];
        private final double[] unattributed = new double[steps / 2];
        private int warmed;
        private int timed;
        private long evaluations;
        private int fallbacks;
        private StepCost cost;

        private Cell(BenchConfig cfg, SolverPlan plan, long modelledBytes, Objective objective, CountingBackend counter, Stepper stepper) {
            this.cfg = cfg;
            this.plan = plan;
            this.modelledBytes = modelledBytes;
            this.objective = objective;
            this.counter = counter;
            this.stepper = stepper;
        }

        public BenchConfig config() {
            return cfg;
        }

        /**
         * Untimed steps, at least the runner's number and time; they alternate plain and profiled so both paths are
         * compiled. One more, the same work as every timed step, is counted: the cell's FLOPs and bytes.
         */
        public void warmUp() {
            long warmStart = System.nanoTime();
            while (warmed < warmup || (System.nanoTime() - warmStart) / 1e9 < warmupSeconds) {
                stepper.step(warmed % 2 == 1, warmed + 1);
                warmed++;
            }
            if (cost == null) {
                cost = stepper.counted(counter, warmed + 1); // the same step as the first timed one, not a warm-up step
            }
        }

        /** Times the next n of the cell's steps (fewer if fewer are left). */
        public void time(int n) {
            int end = Math.min(steps, timed + n);
            for (int j = timed; j < end; j++) {
                boolean profile = j % 2 == 1;
                StepReport report = stepper.step(profile, warmed + j + 1);
                if (profile) {
                    PhaseTimes t = stepper.lastPhases;
                    profiled[j / 2] = t.totalNanos() / 1e6;
                    unattributed[j / 2] = t.unattributedNanos() / 1e6;
                    for (Phase p : Phase.values()) {
                        phases[p.ordinal()][j / 2] = t.nanos(p) / 1e6;
                    }
                } else {
                    plain[j / 2] = stepper.lastNanos / 1e6;
                }
                evaluations += report.lossEvaluations();
                fallbacks += report.fallbacks();
            }
            timed = end;
            objective.setProfiler(StepProfiler.NONE);
        }

        /** One step's FLOPs and bytes, counted once the cell has warmed up. */
        public StepCost cost() {
            if (cost == null) {
                throw new IllegalStateException(cfg.label() + ": not warmed up, so not counted yet");
            }
            return cost;
        }

        public ConfigResult result() {
            if (timed < steps) {
                throw new IllegalStateException(cfg.label() + ": " + timed + " of " + steps + " steps timed");
            }
            Map<Phase, Spread> phaseMs = new EnumMap<>(Phase.class);
            for (Phase p : Phase.values()) {
                phaseMs.put(p, Spread.of(phases[p.ordinal()]));
            }
            double meanEvaluations = (double) evaluations / steps;
            return new ConfigResult(cfg, warmed, Spread.of(plain), Spread.of(profiled), phaseMs, Spread.of(unattributed),
                    meanEvaluations, fallbacks, cost, plan, modelledBytes);
        }
    }

    /** One step from θ0, plain (timed whole) or profiled (timed by phase). */
    private final class Stepper {
        private final Backend be;
        private final Objective objective;
        private final Optimizer optimizer;
        private final Mat theta;
        private final double[] theta0;
        private final Activations batch;
        private final PhaseClock clock;
        private final StepInputs.FullGradient noFullGradient = (th, out) -> {
            throw new UnsupportedOperationException("the bench runs no semi-stochastic variant");
        };
        long lastNanos;
        PhaseTimes lastPhases;

        Stepper(Backend be, Objective objective, Optimizer optimizer, Mat theta, double[] theta0, Activations batch) {
            this.be = be;
            this.objective = objective;
            this.optimizer = optimizer;
            this.theta = theta;
            this.theta0 = theta0;
            this.batch = batch;
            this.clock = new PhaseClock(be);
        }

        /** A step like the timed ones, with every backend call counted in its phase. */
        StepCost counted(CountingBackend counter, long t) {
            be.upload(theta0, theta);
            StepInputs in = inputs(t);
            objective.setProfiler(counter.phaseTracker());
            StepCost cost = counter.count(() -> optimizer.step(in));
            objective.setProfiler(StepProfiler.NONE);
            return cost;
        }

        StepReport step(boolean profile, long t) {
            be.upload(theta0, theta);
            StepInputs in = inputs(t);
            objective.setProfiler(profile ? clock : StepProfiler.NONE);
            StepReport report;
            if (profile) {
                clock.beginStep();
                report = optimizer.step(in);
                lastPhases = clock.endStep();
            } else {
                be.synchronize();
                long t0 = System.nanoTime();
                report = optimizer.step(in);
                be.synchronize();
                lastNanos = System.nanoTime() - t0;
            }
            return report;
        }

        private StepInputs inputs(long t) {
            return new StepInputs(objective, theta, batch, batch, noFullGradient, t, new SplittableRandom(seed + t));
        }
    }

    /** Gaussian inputs; uniform class labels (ce) or Gaussian targets (mse). */
    private void fillSynthetic(Backend be, Activations batch, Mlp mlp, Loss loss, int b) {
        SplittableRandom rng = new SplittableRandom(seed ^ 0x5DEECE66DL);
        double[] x = new double[b * mlp.inputs()];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextGaussian();
        }
        be.upload(x, batch.input());
        double[] y = new double[b * loss.targetColumns(mlp.outputs())];
        for (int i = 0; i < y.length; i++) {
            y[i] = loss == Loss.CE ? rng.nextInt(mlp.outputs()) : rng.nextGaussian();
        }
        be.upload(y, batch.target());
    }
}
