package dev.gn4j.engine.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gn4j.engine.backend.Backend;
import dev.gn4j.engine.backend.Backends;
import dev.gn4j.engine.curvature.SolverKind;
import dev.gn4j.engine.curvature.SolverPlan;
import dev.gn4j.engine.data.BatchSampler;
import dev.gn4j.engine.data.Dataset;
import dev.gn4j.engine.data.Seeds;
import dev.gn4j.engine.io.FolderLock;
import dev.gn4j.engine.io.ModelCheckpoint;
import dev.gn4j.engine.model.Activations;
import dev.gn4j.engine.model.Init;
import dev.gn4j.engine.model.InputShape;
import dev.gn4j.engine.model.Loss;
import dev.gn4j.engine.model.Mlp;
import dev.gn4j.engine.model.Network;
import dev.gn4j.engine.optim.Objective;
import dev.gn4j.engine.optim.OptimizerConfig;
import dev.gn4j.engine.optim.Optimizers;
import dev.gn4j.engine.optim.StepInputs;
import dev.gn4j.engine.optim.StepReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A training run: prepare the data, build the network and optimizer on the chosen
 * backend, step, log metrics.csv, checkpoint, and write the run folder. A run can
 * be stopped after any step and resumed from its checkpoint exactly: every random
 * choice derives from (seed, epoch) or (seed, step), and the checkpoint holds θ,
 * the optimizer's state and the data position.
 */
public final class Trainer {
    private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final long STEP_RANDOM = 0x57E9L;
    private static final long METRICS_SUBSAMPLE = 0x3E7EL;
    /** The lock file that makes one gn4j train the only writer of its run folder (FolderLock): not part of the run, never read. */
    public static final String RUN_LOCK = ".lock";
    /** --batch auto: the whole training set up to this many rows, else batches of AUTO_BATCH. */
    public static final int AUTO_FULL_BATCH_ROWS = 512;
    public static final int AUTO_BATCH = 256;

    private final TrainConfig cfg;
    private final RunHooks hooks;
    /** Whether metrics.csv has the iterative solver's columns (a run with conjugate gradients). */
    private boolean solverColumns;

    public Trainer(TrainConfig cfg, RunHooks hooks) {
        this.cfg = cfg;
        this.hooks = hooks;
    }

    /** The image a sample is, for convolutions: --input-shape, else the built-in dataset's or an IDX file's, else none. */
    static InputShape imageShape(TrainConfig cfg) {
        if (cfg.inputShape() != null) {
            return cfg.inputShape();
        }
        if (cfg.dataset() != null) {
            return dev.gn4j.engine.data.BuiltinDatasets.get(cfg.dataset()).imageShape();
        }
        if (cfg.data() != null && dev.gn4j.engine.data.DataFormat.of(cfg.data()) == dev.gn4j.engine.data.DataFormat.IDX) {
            return dev.gn4j.engine.data.IdxReader.imageShape(cfg.data());
        }
        return null;
    }

    /**
     * The run's solver: --solver as given, or for auto the plan's choice with the memory left
     * for the system once everything else a step holds is counted (no limit is known on a GPU).
     */
    /** The optimizer with adaptive λ's floor: --lambda-min, or on mini-batches the auto floor, never above the starting λ. */
    static OptimizerConfig withLambdaFloor(TrainConfig cfg, boolean miniBatch) {
        OptimizerConfig o = cfg.optimizer();
        if (!Double.isNaN(cfg.lambdaMin())) {
            return o.withLambdaMin(cfg.lambdaMin());
        }
        if (miniBatch) {
            // Never above the starting λ: a run that asks for a small --lambda keeps it.
            return o.withLambdaMin(Math.max(o.damping().lambdaMin(), Math.min(TrainConfig.MINI_BATCH_LAMBDA_MIN, o.lambda())));
        }
        return o;
    }

    public static Path defaultRunDir(String optimizer) {
        return Path.of("runs", java.time.LocalDateTime.now().format(java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))
                + "-" + optimizer);
    }

    public TrainResult run() throws IOException {
        TrainingData data = TrainingData.load(cfg);
        Dataset train = data.train();
        Mlp mlp;
        try {
            mlp = Mlp.parse(cfg.model(), imageShape(cfg), train.featureCount(), train.outputs());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--model: " + e.getMessage(), e);
        }
        int batchSize = cfg.batch() == TrainConfig.AUTO_BATCH_SIZE
                ? (train.rows() <= AUTO_FULL_BATCH_ROWS ? train.rows() : AUTO_BATCH)
                : cfg.batch() <= 0 ? train.rows() : Math.min(cfg.batch(), train.rows());
        BatchSampler sampler = new BatchSampler(train.rows(), batchSize, cfg.seed());
        long steps = cfg.steps() > 0 ? cfg.steps() : (long) cfg.epochs() * sampler.stepsPerEpoch();
        int curvatureBatch = cfg.optimizer().curvatureBatch() > 0 ? Math.min(cfg.optimizer().curvatureBatch(), batchSize) : batchSize;
        RunSchedule schedule = RunSchedule.of(cfg, train.rows(), data.val() == null ? 0 : data.val().rows(), batchSize,
                sampler.stepsPerEpoch(), steps);
        Path runDir = cfg.out() != null ? cfg.out() : defaultRunDir(cfg.optimizer().normalizedName());

        OptimizerConfig optimizer = withLambdaFloor(cfg, batchSize < train.rows());
        MemoryPlan memory = MemoryPlan.of(mlp, batchSize, cfg.loss(), optimizer, cfg.dtype());
        memory.requireHost(dev.gn4j.engine.memory.HeapBudget.available(), cfg.model());
        // One writer per run folder, taken before the folder is looked at: two runs started at once cannot both pass.
        try (FolderLock lock = FolderLock.acquire(runDir, RUN_LOCK, "another gn4j train")) {
            return run(data, train, mlp, batchSize, sampler, steps, curvatureBatch, schedule, runDir, memory, optimizer);
        }
    }

    private TrainResult run(TrainingData data, Dataset train, Mlp mlp, int batchSize, BatchSampler sampler, long steps,
                            int curvatureBatch, RunSchedule schedule, Path runDir, MemoryPlan memory,
                            OptimizerConfig optimizer) throws IOException {
        RunFolder folder = new RunFolder(runDir);
        boolean deadEnd = folder.deadEnd();
        if (!cfg.resume()) {
            folder.requireFreshStart();
        }
        if (deadEnd) {
            LOG.info("{}: the run there stopped before its first checkpoint; starting it again from step 0", runDir);
        }
        TrainingCheckpoint resumed = null;
        double[] theta0;
        if (cfg.resume() && !deadEnd) {
            folder.requireCheckpoint();
            RunConfigJson.requireSameData(runDir, cfg, train);
            resumed = folder.resumable(mlp, cfg.optimizer().normalizedName(), steps);
            theta0 = resumed.theta();
        } else {
            theta0 = cfg.init() != null ? ModelCheckpoint.load(cfg.init(), mlp) : Init.draw(mlp, cfg.seed(), cfg.optimizer().parameterization());
        }

        try (Backend be = Backends.open(cfg.device())) {
            long available = MemoryPlan.allocatable(be);
            SolverPlan solverPlan = null;
            if (!optimizer.method().isFirstOrder()) {
                solverPlan = MemoryPlan.planSolver(mlp, batchSize, cfg.loss(), optimizer, cfg.dtype(), available, be.maxMatrixBytes());
                optimizer = optimizer.withSolver(solverPlan.settings(optimizer.solver()));
                solverColumns = solverPlan.kind() == SolverKind.CG;
                memory = MemoryPlan.of(mlp, batchSize, cfg.loss(), optimizer, cfg.dtype());
                LOG.info("solver: {} ({})", solverPlan.kind().flag(), solverPlan.reason());
            }
            memory.requireFits(be, cfg.model(), batchSize);
            Network net = new Network(be, mlp);
            Objective objective = new Objective(net, cfg.loss());
            RunState run = new RunState(be, objective, Optimizers.create(optimizer, net, cfg.loss(), cfg.dtype()), sampler, steps,
                    curvatureBatch, schedule, folder);
            run.theta = be.zeros(theta0.length, 1, cfg.dtype());
            be.upload(theta0, run.theta);
            if (resumed != null) {
                run.optimizer.restore(resumed.optimizer(), be, run.theta);
                sampler.restore(resumed.epoch(), resumed.position());
                run.resumeFrom(resumed);
                LOG.info("resuming {} at step {} of {} (epoch {})", runDir, resumed.step(), steps,
                        String.format(Locale.ROOT, "%.2f", sampler.epochProgress()));
            } else {
                LOG.info("training {} ({} parameters) with {} on {} ({}): {}, batch {}, {} steps",
                        mlp, mlp.parameterCount(), run.optimizer.name(), be.name(), cfg.dtype(),
                        String.join(", ", data.describeSplits()), batchSize, steps);
            }
            Files.createDirectories(runDir);
            RunConfigJson.write(runDir, cfg, mlp, be, data, batchSize, steps, solverPlan);

            run.feeder = new DeviceFeeder(be, mlp, cfg.loss(), cfg.dtype(), train);
            run.trainEval = new DatasetEvaluator(run.feeder, objective, data.targets());
            // The metrics rows between the first and the last: a fixed subsample of a large training set.
            run.rowsEval = !RunSchedule.subsampled(train.rows()) ? run.trainEval
                    : new DatasetEvaluator(new DeviceFeeder(be, mlp, cfg.loss(), cfg.dtype(), metricsSubsample(train)), objective,
                            data.targets());
            run.valEval = data.val() == null ? null
                    : new DatasetEvaluator(new DeviceFeeder(be, mlp, cfg.loss(), cfg.dtype(), data.val()), objective, data.targets());
            run.modelWriter = new SavedModelWriter(mlp, cfg.dtype(), cfg.loss(), train, data);
            run.health = new RunHealth(optimizer.damping().lambdaMin(), optimizer.adaptiveLambda(), batchSize < train.rows());
            List<String> header = header(run.valEval != null);
            run.start = System.nanoTime();
            run.lastSave = run.start;
            try (MetricsLog metrics = resumed == null ? MetricsLog.create(folder.metrics(), header)
                    : MetricsLog.resume(folder.metrics(), header, resumed.step())) {
                loop(run, metrics, resumed != null);
            } finally {
                hooks.progress().finish();
            }
            return finish(run, data, mlp, runDir);
        }
    }

    /** The run's steps from where it stands: step, log, evaluate, checkpoint, until the last step or a stop request. */
    private void loop(RunState run, MetricsLog metrics, boolean resumed) throws IOException {
        Backend be = run.be;
        BatchSampler sampler = run.sampler;
        long steps = run.steps;
        if (!resumed) {
            run.lastTrain = run.trainEval.evaluate(run.theta);
            run.initialLoss = run.lastTrain.loss();
            run.lastVal = run.valEval == null ? null : run.valEval.evaluate(run.theta);
            if (run.lastVal != null) {
                run.best = run.best.offer(run.lastVal, 0);
            }
            metrics.row(row(0, 0, 0, Double.NaN, 0, run.lastTrain, run.lastVal, null));
        }
        run.stepSeconds = new double[(int) Math.min(steps - run.t, 1_000_000)];
        hooks.trainingStarted().run();
        while (run.t < steps) {
            long t = ++run.t;
            long loadStart = System.nanoTime();
            int[] idx = sampler.next();
            Activations batch = run.feeder.load(idx, 0, idx.length, DeviceFeeder.BATCH);
            Activations curvature = run.curvatureBatch >= idx.length ? batch
                    : run.feeder.load(idx, 0, run.curvatureBatch, DeviceFeeder.CURVATURE);
            StepInputs in = new StepInputs(run.objective, run.theta, batch, curvature, run.trainEval::gradient, t,
                    new SplittableRandom(Seeds.mix(cfg.seed(), STEP_RANDOM, t)));
            long stepStart = System.nanoTime();
            StepReport report = run.optimizer.step(in);
            be.synchronize(); // a device step may still be running when step() returns
            long stepEnd = System.nanoTime();
            double stepTime = (stepEnd - stepStart) / 1e9;
            run.trainSeconds += (stepEnd - loadStart) / 1e9;
            if (run.timed < run.stepSeconds.length) {
                run.stepSeconds[run.timed++] = stepTime;
            }
            run.fallbacks += report.fallbacks();
            run.health.observe(report);
            run.interrupted = hooks.stopRequested().getAsBoolean() && t < steps;
            boolean last = t == steps || run.interrupted;
            boolean valDue = run.valEval != null && (t % run.schedule.evalEvery() == 0 || last);
            double wall = run.wallSeconds();
            if (t % run.schedule.logEvery() == 0 || valDue || last) {
                run.lastTrain = (last ? run.trainEval : run.rowsEval).evaluate(run.theta);
                run.lastVal = valDue ? run.valEval.evaluate(run.theta) : null;
                if (run.lastVal != null) {
                    run.best = run.best.offer(run.lastVal, t);
                }
                metrics.row(row(t, sampler.epochProgress(), wall, stepTime, run.trainSeconds, run.lastTrain, run.lastVal, report));
            }
            if (!run.interrupted) { // after Ctrl-C the stop message is on screen: drawing the bar again would repeat it below
                hooks.progress().update(t, steps, sampler.epochProgress(), report.batchLoss(),
                        run.lastTrain == null ? Double.NaN : run.lastTrain.loss(), report.lambda(), report.stepSize(), wall);
            }
            if (last || run.schedule.saveDue(t, t % sampler.stepsPerEpoch() == 0, (System.nanoTime() - run.lastSave) / 1e9,
                    resumed || run.savedCheckpoint)) {
                run.folder.save(be, run.theta, cfg.dtype(), run.optimizer, sampler, t, wall, run.trainSeconds, run.best,
                        run.modelWriter);
                run.lastSave = System.nanoTime();
                run.savedCheckpoint = true;
            }
            if (run.interrupted) {
                break;
            }
        }
    }

    /** The final evaluations, the health warnings and summary.json. */
    private TrainResult finish(RunState run, TrainingData data, Mlp mlp, Path runDir) throws IOException {
        double wall = run.wallSeconds();
        Evaluation finalVal = run.valEval == null ? null : (run.lastVal != null ? run.lastVal : run.valEval.evaluate(run.theta));
        Evaluation finalTest = null;
        if (data.test() != null) {
            finalTest = new DatasetEvaluator(new DeviceFeeder(run.be, mlp, cfg.loss(), cfg.dtype(), data.test()), run.objective,
                    data.targets()).evaluate(run.theta);
        }
        if (Double.isNaN(run.initialLoss)) {
            run.initialLoss = run.folder.initialLoss();
        }
        Evaluation finalTrain = run.lastTrain != null ? run.lastTrain : run.trainEval.evaluate(run.theta);
        List<String> warnings = run.health.warnings(run.initialLoss, finalTrain.loss(), run.fallbacks);
        warnings.forEach(w -> LOG.warn("{}", w));
        TrainResult result = new TrainResult(runDir, run.t, run.sampler.epochProgress(), run.initialLoss, finalTrain, finalVal,
                finalTest, run.best, wall, run.trainSeconds, median(run.stepSeconds, run.timed), run.be.name(),
                run.optimizer.name(), mlp.parameterCount(), run.fallbacks, run.interrupted, warnings);
        run.folder.finish(JSON.writeValueAsString(summaryJson(result)));
        LOG.info("{}: train loss {} → {} in {} steps, {} s; wrote {}", run.interrupted ? "stopped" : "done",
                fmt(run.initialLoss), fmt(result.finalTrainLoss()), run.t, String.format(Locale.ROOT, "%.2f", wall), runDir);
        return result;
    }

    /** The first {@link RunSchedule#METRICS_ROWS} rows of a permutation fixed by the seed, in file order. */
    private Dataset metricsSubsample(Dataset train) {
        int[] rows = Arrays.copyOf(TrainingData.permutation(train.rows(), Seeds.mix(cfg.seed(), METRICS_SUBSAMPLE, 0)),
                RunSchedule.METRICS_ROWS);
        Arrays.sort(rows);
        return train.subset(rows, "metrics subsample");
    }

    private List<String> header(boolean validation) {
        List<String> h = new ArrayList<>(List.of("step", "epoch", "wall_s", "step_s", "train_s", "train_loss"));
        if (cfg.loss() == Loss.CE) {
            h.add("train_accuracy");
        }
        if (validation) {
            h.add("val_loss");
            h.addAll(cfg.loss() == Loss.CE ? List.of("val_accuracy", "val_nll") : List.of("val_rmse", "val_mae", "val_r2"));
        }
        h.addAll(List.of("batch_loss", "lambda", "step_size", "rho", "grad_norm", "direction_norm", "fallbacks", "loss_evals"));
        if (solverColumns) {
            h.addAll(List.of("cg_iterations", "cg_residual"));
        }
        return h;
    }

    private List<Object> row(long step, double epoch, double wall, double stepSeconds, double trainSeconds, Evaluation train,
                             Evaluation val, StepReport s) {
        List<Object> row = new ArrayList<>(List.of(step, epoch, wall, stepSeconds, trainSeconds, train.loss()));
        if (cfg.loss() == Loss.CE) {
            row.add(train.accuracy());
        }
        if (val != null || hasValidationColumns()) {
            Evaluation v = val;
            row.add(v == null ? Double.NaN : v.loss());
            if (cfg.loss() == Loss.CE) {
                row.addAll(List.of(v == null ? Double.NaN : v.accuracy(), v == null ? Double.NaN : v.nll()));
            } else {
                row.addAll(List.of(v == null ? Double.NaN : v.rmse(), v == null ? Double.NaN : v.mae(), v == null ? Double.NaN : v.r2()));
            }
        }
        if (s == null) {
            row.addAll(List.of(Double.NaN, cfg.optimizer().lambda(), Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, 0));
        } else {
            row.addAll(List.of(s.batchLoss(), s.lambda(), s.stepSize(), s.rho(), s.gradientNorm(), s.directionNorm(),
                    s.fallbacks(), s.lossEvaluations()));
        }
        if (solverColumns) {
            row.addAll(s == null ? List.of(0, Double.NaN) : List.of(s.solverIterations(), s.solverResidual()));
        }
        return row;
    }

    private boolean hasValidationColumns() {
        return cfg.val() != null || cfg.valSplit() > 0;
    }

    /** Median of the first n values, over the steps after the first quarter so JIT warm-up does not count. */
    private static double median(double[] v, int n) {
        int from = n >= 8 ? n / 4 : 0;
        double[] tail = Arrays.copyOfRange(v, from, n);
        Arrays.sort(tail);
        return tail.length == 0 ? Double.NaN : tail[tail.length / 2];
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }

    private static ObjectNode summaryJson(TrainResult r) {
        ObjectNode s = JSON.createObjectNode();
        s.put("optimizer", r.optimizer());
        s.put("device", r.device());
        s.put("steps", r.steps());
        s.put("epochs", r.epochs());
        s.put("interrupted", r.interrupted());
        s.put("parameters", r.parameters());
        s.put("initial_train_loss", r.initialTrainLoss());
        s.put("final_train_loss", r.finalTrainLoss());
        if (r.finalTrain().isClassification()) {
            s.put("final_train_accuracy", r.finalTrain().accuracy());
        }
        if (r.finalVal() != null) {
            r.finalVal().asMap().forEach((k, v) -> s.putPOJO("final_val_" + k, v));
            s.put("best_val_loss", r.best().loss());
            s.put("best_val_" + r.finalVal().headlineName(), r.best().headline());
            s.put("best_step", r.best().step());
        }
        if (r.finalTest() != null) {
            r.finalTest().asMap().forEach((k, v) -> s.putPOJO("test_" + k, v));
        }
        s.put("wall_seconds", r.wallSeconds());
        s.put("train_seconds", r.trainSeconds());
        s.put("median_step_seconds", r.medianStepSeconds());
        s.put("cholesky_fallbacks", r.fallbacks());
        s.putPOJO("warnings", r.warnings());
        return s;
    }
}
