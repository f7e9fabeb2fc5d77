package dev.gn4j.engine.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gn4j.engine.backend.Backend;
import dev.gn4j.engine.backend.Backends;
import dev.gn4j.engine.backend.Mat;
import dev.gn4j.engine.data.BatchSampler;
import dev.gn4j.engine.data.Dataset;
import dev.gn4j.engine.data.Seeds;
import dev.gn4j.engine.io.FolderLock;
import dev.gn4j.engine.io.ModelCheckpoint;
import dev.gn4j.engine.model.Activations;
import dev.gn4j.engine.model.Init;
import dev.gn4j.engine.model.Loss;
import dev.gn4j.engine.model.Mlp;
import dev.gn4j.engine.model.Network;
import dev.gn4j.engine.optim.Objective;
import dev.gn4j.engine.optim.Optimizer;
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

    public Trainer(TrainConfig cfg) {
        this.cfg = cfg;
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
            mlp = Mlp.parse(cfg.model, train.featureCount(), train.outputs());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--model: " + e.getMessage(), e);
        }
        int batchSize = cfg.batch == TrainConfig.AUTO_BATCH_SIZE
                ? (train.rows() <= AUTO_FULL_BATCH_ROWS ? train.rows() : AUTO_BATCH)
                : cfg.batch <= 0 ? train.rows() : Math.min(cfg.batch, train.rows());
        BatchSampler sampler = new BatchSampler(train.rows(), batchSize, cfg.seed);
        long steps = cfg.steps > 0 ? cfg.steps : (long) cfg.epochs * sampler.stepsPerEpoch();
        int curvatureBatch = cfg.optimizer.curvatureBatch > 0 ? Math.min(cfg.optimizer.curvatureBatch, batchSize) : batchSize;
        RunSchedule schedule = RunSchedule.of(cfg, train.rows(), data.val() == null ? 0 : data.val().rows(), batchSize,
                sampler.stepsPerEpoch(), steps);
        Path runDir = cfg.out != null ? cfg.out : defaultRunDir(cfg.optimizer.normalizedName());

        if (!Double.isNaN(cfg.lambdaMin)) {
            cfg.optimizer.lambdaMin = cfg.lambdaMin;
        } else if (batchSize < train.rows()) {
            // Never above the starting λ: a run that asks for a small --lambda keeps it.
            cfg.optimizer.lambdaMin = Math.max(cfg.optimizer.lambdaMin, Math.min(TrainConfig.MINI_BATCH_LAMBDA_MIN, cfg.optimizer.lambda));
        }
        MemoryPlan memory = MemoryPlan.of(mlp, batchSize, cfg.loss, cfg.optimizer, cfg.dtype);
        memory.requireHost(dev.gn4j.engine.memory.HeapBudget.available(), cfg.model);
        // One writer per run folder, taken before the folder is looked at: two runs started at once cannot both pass.
        try (FolderLock lock = FolderLock.acquire(runDir, RUN_LOCK, "another gn4j train")) {
            return run(data, train, mlp, batchSize, sampler, steps, curvatureBatch, schedule, runDir, memory);
        }
    }

    private TrainResult run(TrainingData data, Dataset train, Mlp mlp, int batchSize, BatchSampler sampler, long steps,
                            int curvatureBatch, RunSchedule schedule, Path runDir, MemoryPlan memory) throws IOException {
        long logEvery = schedule.logEvery();
        long evalEvery = schedule.evalEvery();
        RunFolder folder = new RunFolder(runDir);
        boolean deadEnd = folder.deadEnd();
        if (!cfg.resume) {
            folder.requireFreshStart();
        }
        if (deadEnd) {
            LOG.info("{}: the run there stopped before its first checkpoint; starting it again from step 0", runDir);
        }
        TrainingCheckpoint resumed = null;
        double[] theta0;
        if (cfg.resume && !deadEnd) {
            folder.requireCheckpoint();
            RunConfigJson.requireSameData(runDir, cfg, train);
            resumed = folder.resumable(mlp, cfg.optimizer.normalizedName(), steps);
            theta0 = resumed.theta();
        } else {
            theta0 = cfg.init != null ? ModelCheckpoint.load(cfg.init, mlp) : Init.draw(mlp, cfg.seed);
        }

        try (Backend be = Backends.open(cfg.device)) {
            if (be.name().equals("cpu")) {
                // Host matrices are off-heap (JavaCPP, capped at maxBytes); θ and the data are on the heap.
                memory.requireFits(Math.max(org.bytedeco.javacpp.Pointer.maxBytes(), Runtime.getRuntime().maxMemory()), cfg.model,
                        batchSize);
            }
            Network net = new Network(be, mlp);
            Objective objective = new Objective(net, cfg.loss);
            Optimizer optimizer = Optimizers.create(cfg.optimizer, net, cfg.loss, cfg.dtype);
            Mat theta = be.zeros(theta0.length, 1, cfg.dtype);
            be.upload(theta0, theta);
            long firstStep = 1;
            double elapsedBefore = 0;
            double trainSeconds = 0;
            BestValidation best = BestValidation.NONE;
            if (resumed != null) {
                optimizer.restore(resumed.optimizer(), be, theta);
                sampler.restore(resumed.epoch(), resumed.position());
                firstStep = resumed.step() + 1;
                elapsedBefore = resumed.elapsedSeconds();
                trainSeconds = resumed.trainSeconds();
                best = resumed.best();
                LOG.info("resuming {} at step {} of {} (epoch {})", runDir, resumed.step(), steps,
                        String.format(Locale.ROOT, "%.2f", sampler.epochProgress()));
            } else {
                LOG.info("training {} ({} parameters) with {} on {} ({}): {}, batch {}, {} steps",
                        mlp, mlp.parameterCount(), optimizer.name(), be.name(), cfg.dtype,
                        String.join(", ", data.describeSplits()), batchSize, steps);
            }
            Files.createDirectories(runDir);
            RunConfigJson.write(runDir, cfg, mlp, be, data, batchSize, steps);

            DeviceFeeder feeder = new DeviceFeeder(be, mlp, cfg.loss, cfg.dtype, train);
            DatasetEvaluator trainEval = new DatasetEvaluator(feeder, objective, data.targets());
            // The metrics rows between the first and the last: a fixed subsample of a large training set.
            DatasetEvaluator rowsEval = !RunSchedule.subsampled(train.rows()) ? trainEval
                    : new DatasetEvaluator(new DeviceFeeder(be, mlp, cfg.loss, cfg.dtype, metricsSubsample(train)), objective,
                            data.targets());
            DatasetEvaluator valEval = data.val() == null ? null
                    : new DatasetEvaluator(new DeviceFeeder(be, mlp, cfg.loss, cfg.dtype, data.val()), objective, data.targets());
            List<String> header = header(valEval != null);
            SavedModelWriter modelWriter = new SavedModelWriter(mlp, cfg.dtype, cfg.loss, train, data);
            int fallbacks = 0;
            RunHealth health = new RunHealth(cfg.optimizer.lambdaMin, cfg.optimizer.adaptiveLambda, batchSize < train.rows());
            double[] stepSeconds = new double[(int) Math.min(steps - firstStep + 1, 1_000_000)];
            int timed = 0;
            long start = System.nanoTime();
            long lastSave = start;
            boolean savedCheckpoint = false;
            double initialLoss = Double.NaN;
            Evaluation lastTrain = null;
            Evaluation lastVal = null;
            boolean interrupted = false;
            long t = firstStep - 1;
            try (MetricsLog metrics = resumed == null ? MetricsLog.create(folder.metrics(), header)
                    : MetricsLog.resume(folder.metrics(), header, resumed.step())) {
                if (resumed == null) {
                    lastTrain = trainEval.evaluate(theta);
                    initialLoss = lastTrain.loss();
                    lastVal = valEval == null ? null : valEval.evaluate(theta);
                    if (lastVal != null) {
                        best = best.offer(lastVal, 0);
                    }
                    metrics.row(row(0, 0, 0, Double.NaN, 0, lastTrain, lastVal, null));
                }
                StepReport report = null;
                cfg.trainingStarted.run();
                while (t < steps) {
                    t++;
                    long loadStart = System.nanoTime();
                    int[] idx = sampler.next();
                    Activations batch = feeder.load(idx, 0, idx.length, DeviceFeeder.BATCH);
                    Activations curvature = curvatureBatch >= idx.length ? batch
                            : feeder.load(idx, 0, curvatureBatch, DeviceFeeder.CURVATURE);
                    StepInputs in = new StepInputs(objective, theta, batch, curvature, trainEval::gradient, t,
                            new SplittableRandom(Seeds.mix(cfg.seed, STEP_RANDOM, t)));
                    long stepStart = System.nanoTime();
                    report = optimizer.step(in);
                    be.synchronize(); // a device step may still be running when step() returns
                    long stepEnd = System.nanoTime();
                    double stepTime = (stepEnd - stepStart) / 1e9;
                    trainSeconds += (stepEnd - loadStart) / 1e9;
                    if (timed < stepSeconds.length) {
                        stepSeconds[timed++] = stepTime;
                    }
                    fallbacks += report.fallbacks();
                    health.observe(report);
                    interrupted = cfg.stopRequested.getAsBoolean() && t < steps;
                    boolean last = t == steps || interrupted;
                    boolean valDue = valEval != null && (t % evalEvery == 0 || last);
                    double wall = elapsedBefore + (System.nanoTime() - start) / 1e9;
                    if (t % logEvery == 0 || valDue || last) {
                        lastTrain = (last ? trainEval : rowsEval).evaluate(theta);
                        lastVal = valDue ? valEval.evaluate(theta) : null;
                        if (lastVal != null) {
                            best = best.offer(lastVal, t);
                        }
                        metrics.row(row(t, sampler.epochProgress(), wall, stepTime, trainSeconds, lastTrain, lastVal, report));
                    }
                    if (!interrupted) { // after Ctrl-C the stop message is on screen: drawing the bar again would repeat it below
                        cfg.progress.update(t, steps, sampler.epochProgress(), report.batchLoss(),
                                lastTrain == null ? Double.NaN : lastTrain.loss(), report.lambda(), report.stepSize(), wall);
                    }
                    if (last || schedule.saveDue(t, t % sampler.stepsPerEpoch() == 0, (System.nanoTime() - lastSave) / 1e9,
                            resumed != null || savedCheckpoint)) {
                        folder.save(be, theta, cfg.dtype, optimizer, sampler, t, wall, trainSeconds, best, modelWriter);
                        lastSave = System.nanoTime();
                        savedCheckpoint = true;
                    }
                    if (interrupted) {
                        break;
                    }
                }
            } finally {
                cfg.progress.finish();
            }
            double wall = elapsedBefore + (System.nanoTime() - start) / 1e9;
            Evaluation finalVal = valEval == null ? null : (lastVal != null ? lastVal : valEval.evaluate(theta));
            Evaluation finalTest = null;
            if (data.test() != null) {
                finalTest = new DatasetEvaluator(new DeviceFeeder(be, mlp, cfg.loss, cfg.dtype, data.test()), objective,
                        data.targets()).evaluate(theta);
            }
            if (Double.isNaN(initialLoss)) {
                initialLoss = folder.initialLoss();
            }
            Evaluation finalTrain = lastTrain != null ? lastTrain : trainEval.evaluate(theta);
            List<String> warnings = health.warnings(initialLoss, finalTrain.loss(), fallbacks);
            warnings.forEach(w -> LOG.warn("{}", w));
            TrainResult result = new TrainResult(runDir, t, sampler.epochProgress(), initialLoss, finalTrain, finalVal, finalTest,
                    best, wall, trainSeconds, median(stepSeconds, timed), be.name(), optimizer.name(), mlp.parameterCount(),
                    fallbacks, interrupted, warnings);
            folder.finish(JSON.writeValueAsString(summaryJson(result)));
            LOG.info("{}: train loss {} → {} in {} steps, {} s; wrote {}", interrupted ? "stopped" : "done",
                    fmt(initialLoss), fmt(result.finalTrainLoss()), t, String.format(Locale.ROOT, "%.2f", wall), runDir);
            return result;
        }
    }

    /** The first {@link RunSchedule#METRICS_ROWS} rows of a permutation fixed by the seed, in file order. */
    private Dataset metricsSubsample(Dataset train) {
        int[] rows = Arrays.copyOf(TrainingData.permutation(train.rows(), Seeds.mix(cfg.seed, METRICS_SUBSAMPLE, 0)),
                RunSchedule.METRICS_ROWS);
        Arrays.sort(rows);
        return train.subset(rows, "metrics subsample");
    }

    private List<String> header(boolean validation) {
        List<String> h = new ArrayList<>(List.of("step", "epoch", "wall_s", "step_s", "train_s", "train_loss"));
        if (cfg.loss == Loss.CE) {
            h.add("train_accuracy");
        }
        if (validation) {
            h.add("val_loss");
            h.addAll(cfg.loss == Loss.CE ? List.of("val_accuracy", "val_nll") : List.of("val_rmse", "val_mae", "val_r2"));
        }
        h.addAll(List.of("batch_loss", "lambda", "step_size", "rho", "grad_norm", "direction_norm", "fallbacks", "loss_evals"));
        return h;
    }

    private List<Object> row(long step, double epoch, double wall, double stepSeconds, double trainSeconds, Evaluation train,
                             Evaluation val, StepReport s) {
        List<Object> row = new ArrayList<>(List.of(step, epoch, wall, stepSeconds, trainSeconds, train.loss()));
        if (cfg.loss == Loss.CE) {
            row.add(train.accuracy());
        }
        if (val != null || hasValidationColumns()) {
            Evaluation v = val;
            row.add(v == null ? Double.NaN : v.loss());
            if (cfg.loss == Loss.CE) {
                row.addAll(List.of(v == null ? Double.NaN : v.accuracy(), v == null ? Double.NaN : v.nll()));
            } else {
                row.addAll(List.of(v == null ? Double.NaN : v.rmse(), v == null ? Double.NaN : v.mae(), v == null ? Double.NaN : v.r2()));
            }
        }
        if (s == null) {
            row.addAll(List.of(Double.NaN, cfg.optimizer.lambda, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, 0));
        } else {
            row.addAll(List.of(s.batchLoss(), s.lambda(), s.stepSize(), s.rho(), s.gradientNorm(), s.directionNorm(),
                    s.fallbacks(), s.lossEvaluations()));
        }
        return row;
    }

    private boolean hasValidationColumns() {
        return cfg.val != null || cfg.valSplit > 0;
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
