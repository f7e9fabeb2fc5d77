package dev.gn4j.engine.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gn4j.engine.backend.Backend;
import dev.gn4j.engine.backend.Backends;
import dev.gn4j.engine.backend.Mat;
import dev.gn4j.engine.data.BatchSampler;
import dev.gn4j.engine.data.ColumnScaler;
import dev.gn4j.engine.data.CsvReader;
import dev.gn4j.engine.data.DataException;
import dev.gn4j.engine.data.Dataset;
import dev.gn4j.engine.data.Standardization;
import dev.gn4j.engine.io.AtomicFiles;
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
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A training run: read and standardize the data, build the network and optimizer
 * on the chosen backend, step, log metrics.csv, write model.safetensors,
 * config.json and summary.json into the run folder.
 */
public final class Trainer {
    private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final int EVAL_CHUNK = 4096;
    private static final long PROGRESS_NANOS = 2_000_000_000L;

    private final TrainConfig cfg;

    public Trainer(TrainConfig cfg) {
        this.cfg = cfg;
    }

    public TrainResult run() throws IOException {
        if (cfg.data == null) {
            throw new DataException("no training data: pass --data FILE.csv");
        }
        Dataset raw = CsvReader.read(cfg.data, cfg.targets, cfg.loss == Loss.CE);
        ColumnScaler features = cfg.standardize == Standardization.NONE
                ? ColumnScaler.identity(raw.featureCount())
                : ColumnScaler.fit(raw.features(), raw.rows(), raw.featureCount());
        ColumnScaler targets = cfg.standardize == Standardization.ALL && cfg.loss == Loss.MSE
                ? ColumnScaler.fit(raw.targets(), raw.rows(), raw.targetWidth())
                : ColumnScaler.identity(raw.targetWidth());
        Dataset data = new Dataset(raw.source(), raw.rows(), raw.featureNames(), features.apply(raw.features()),
                raw.targetNames(), cfg.loss == Loss.MSE ? targets.apply(raw.targets()) : raw.targets(), raw.classNames());

        Mlp mlp;
        try {
            mlp = Mlp.parse(cfg.model, data.featureCount(), data.outputs());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--model: " + e.getMessage(), e);
        }
        int batchSize = cfg.batch <= 0 ? data.rows() : Math.min(cfg.batch, data.rows());
        BatchSampler sampler = new BatchSampler(data.rows(), batchSize, cfg.seed);
        long steps = cfg.steps > 0 ? cfg.steps : (long) cfg.epochs * sampler.stepsPerEpoch();
        if (steps <= 0) {
            throw new IllegalArgumentException("--epochs and --steps must be positive");
        }
        int curvatureBatch = cfg.optimizer.curvatureBatch > 0 ? Math.min(cfg.optimizer.curvatureBatch, batchSize) : batchSize;
        long logEvery = cfg.logEvery > 0 ? cfg.logEvery
                : data.rows() <= 20_000 ? 1 : Math.max(1, sampler.stepsPerEpoch() / 10);
        double[] theta0 = cfg.init != null ? ModelCheckpoint.load(cfg.init, mlp) : Init.draw(mlp, cfg.seed);
        Path runDir = cfg.out != null ? cfg.out
                : Path.of("runs", java.time.LocalDateTime.now().format(java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))
                        + "-" + cfg.optimizer.normalizedName());

        try (Backend be = Backends.open(cfg.device)) {
            Network net = new Network(be, mlp);
            Objective objective = new Objective(net, cfg.loss);
            Optimizer optimizer = Optimizers.create(cfg.optimizer, net, cfg.loss, cfg.dtype);
            Mat theta = be.zeros(theta0.length, 1, cfg.dtype);
            be.upload(theta0, theta);
            LOG.info("training {} ({} parameters) with {} on {} ({}): {} rows, batch {}, {} steps",
                    mlp, mlp.parameterCount(), optimizer.name(), be.name(), cfg.dtype, data.rows(), batchSize, steps);
            writeConfig(runDir, mlp, be, data, batchSize, steps);

            DeviceFeeder feeder = new DeviceFeeder(be, mlp, cfg.loss, cfg.dtype, data);
            FullDataEvaluator evaluator = new FullDataEvaluator(feeder, objective, EVAL_CHUNK);
            SplittableRandom random = new SplittableRandom(cfg.seed * 31 + 7);
            List<String> header = new java.util.ArrayList<>(List.of("step", "epoch", "wall_s", "step_s", "train_loss"));
            if (cfg.loss == Loss.CE) {
                header.add("train_accuracy");
            }
            header.addAll(List.of("batch_loss", "lambda", "step_size", "rho", "grad_norm", "direction_norm", "fallbacks",
                    "loss_evals"));
            int fallbacks = 0;
            double[] stepSeconds = new double[(int) Math.min(steps, 1_000_000)];
            long start = System.nanoTime();
            double initialLoss;
            double lastLoss;
            double lastAccuracy;
            try (MetricsLog metrics = new MetricsLog(runDir.resolve("metrics.csv"), header)) {
                FullDataEvaluator.Result r0 = evaluator.evaluate(theta);
                initialLoss = r0.loss();
                lastLoss = r0.loss();
                lastAccuracy = r0.accuracy();
                logRow(metrics, 0, 0.0, 0.0, Double.NaN, r0, null);
                long lastProgress = System.nanoTime();
                for (long t = 1; t <= steps; t++) {
                    int[] idx = sampler.next();
                    Activations batch = feeder.load(idx, 0, idx.length, 0);
                    Activations curvature = curvatureBatch >= idx.length ? batch
                            : feeder.load(idx, 0, curvatureBatch, 1);
                    StepInputs in = new StepInputs(objective, theta, batch, curvature,
                            (th, out) -> evaluator.gradient(th, out), t, random);
                    long stepStart = System.nanoTime();
                    StepReport report = optimizer.step(in);
                    double stepSecondsNow = (System.nanoTime() - stepStart) / 1e9;
                    if (t <= stepSeconds.length) {
                        stepSeconds[(int) t - 1] = stepSecondsNow;
                    }
                    fallbacks += report.fallbacks();
                    if (t % logEvery == 0 || t == steps) {
                        FullDataEvaluator.Result r = evaluator.evaluate(theta);
                        lastLoss = r.loss();
                        lastAccuracy = r.accuracy();
                        logRow(metrics, t, sampler.epochProgress(), (System.nanoTime() - start) / 1e9, stepSecondsNow, r, report);
                    }
                    long now = System.nanoTime();
                    if (now - lastProgress > PROGRESS_NANOS || t == steps) {
                        lastProgress = now;
                        double elapsed = (now - start) / 1e9;
                        LOG.info(String.format(java.util.Locale.ROOT,
                                "step %d/%d  epoch %.2f  batch loss %.6g  train loss %.6g  λ %.3g  α %.3g  %.1f steps/s",
                                t, steps, sampler.epochProgress(), report.batchLoss(), lastLoss, report.lambda(),
                                report.stepSize(), t / elapsed));
                    }
                }
            }
            double wall = (System.nanoTime() - start) / 1e9;
            double medianStep = median(stepSeconds, (int) Math.min(steps, stepSeconds.length));
            Map<String, String> meta = checkpointMetadata(mlp, data, features, targets);
            ModelCheckpoint.save(runDir.resolve("model.safetensors"), mlp, be.download(theta), cfg.dtype, meta);
            TrainResult result = new TrainResult(runDir, steps, sampler.epochProgress(), initialLoss, lastLoss, lastAccuracy,
                    wall, medianStep, be.name(), optimizer.name(), mlp.parameterCount(), fallbacks);
            AtomicFiles.writeString(runDir.resolve("summary.json"), JSON.writeValueAsString(summaryJson(result)));
            LOG.info("done: train loss {} → {} in {} steps, {} s; wrote {}", fmt(initialLoss), fmt(lastLoss), steps,
                    String.format(java.util.Locale.ROOT, "%.2f", wall), runDir);
            return result;
        }
    }

    private void logRow(MetricsLog metrics, long step, double epoch, double wall, double stepSeconds,
                        FullDataEvaluator.Result r, StepReport s) throws IOException {
        List<Object> row = new java.util.ArrayList<>(List.of(step, epoch, wall, stepSeconds, r.loss()));
        if (cfg.loss == Loss.CE) {
            row.add(r.accuracy());
        }
        if (s == null) {
            row.addAll(List.of(Double.NaN, cfg.optimizer.lambda, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, 0));
        } else {
            row.addAll(List.of(s.batchLoss(), s.lambda(), s.stepSize(), s.rho(), s.gradientNorm(), s.directionNorm(),
                    s.fallbacks(), s.lossEvaluations()));
        }
        metrics.row(row.toArray());
    }

    /** Median of the first n values; steps after the first quarter only, so JIT warm-up does not count. */
    private static double median(double[] v, int n) {
        int from = n >= 8 ? n / 4 : 0;
        double[] tail = java.util.Arrays.copyOfRange(v, from, n);
        java.util.Arrays.sort(tail);
        return tail.length == 0 ? Double.NaN : tail[tail.length / 2];
    }

    private static String fmt(double v) {
        return String.format(java.util.Locale.ROOT, "%.6g", v);
    }

    private Map<String, String> checkpointMetadata(Mlp mlp, Dataset data, ColumnScaler features, ColumnScaler targets)
            throws IOException {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", "gn4j");
        meta.put("model", mlp.hiddenSpec());
        meta.put("sizes", JSON.writeValueAsString(mlp.sizes()));
        meta.put("loss", cfg.loss.spelling());
        meta.put("features", JSON.writeValueAsString(data.featureNames()));
        meta.put("targets", JSON.writeValueAsString(data.targetNames()));
        if (data.classNames() != null) {
            meta.put("classes", JSON.writeValueAsString(data.classNames()));
        }
        meta.put("feature_mean", JSON.writeValueAsString(features.mean()));
        meta.put("feature_scale", JSON.writeValueAsString(features.scale()));
        meta.put("target_mean", JSON.writeValueAsString(targets.mean()));
        meta.put("target_scale", JSON.writeValueAsString(targets.scale()));
        return meta;
    }

    private void writeConfig(Path runDir, Mlp mlp, Backend be, Dataset data, int batchSize, long steps) throws IOException {
        ObjectNode c = JSON.createObjectNode();
        c.put("gn4j_version", Version.get());
        c.put("data", String.valueOf(cfg.data));
        c.put("data_sha256", Checksums.sha256(cfg.data));
        c.put("rows", data.rows());
        c.putPOJO("target", cfg.targets);
        c.put("model", cfg.model);
        c.put("network", mlp.toString());
        c.put("parameters", mlp.parameterCount());
        c.put("loss", cfg.loss.spelling());
        ObjectNode o = c.putObject("optimizer");
        var oc = cfg.optimizer;
        o.put("name", oc.normalizedName());
        o.put("lr", oc.effectiveLr());
        o.put("lambda", oc.lambda);
        o.put("momentum", oc.momentum);
        o.put("nesterov", oc.nesterov);
        o.put("weight_decay", oc.weightDecay);
        o.put("line_search", oc.lineSearch);
        o.put("adaptive_lambda", oc.adaptiveLambda);
        o.put("jacobian", oc.gram.name().toLowerCase(java.util.Locale.ROOT));
        o.put("solve_dtype", oc.solveDtype == null ? cfg.dtype.name().toLowerCase(java.util.Locale.ROOT)
                : oc.solveDtype.name().toLowerCase(java.util.Locale.ROOT));
        o.put("curvature_batch", oc.curvatureBatch);
        o.put("semi_stochastic", oc.semiStochastic);
        o.put("fisher", oc.fisher.name().toLowerCase(java.util.Locale.ROOT));
        o.put("beta1", oc.beta1);
        o.put("beta2", oc.beta2);
        o.put("epsilon", oc.epsilon);
        c.put("batch", batchSize);
        c.put("steps", steps);
        c.put("dtype", cfg.dtype.name().toLowerCase(java.util.Locale.ROOT));
        c.put("seed", cfg.seed);
        c.put("standardize", cfg.standardize.name().toLowerCase(java.util.Locale.ROOT));
        c.put("init", cfg.init == null ? null : cfg.init.toString());
        c.put("device_requested", cfg.device);
        c.put("device", be.name());
        c.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        c.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        if (be instanceof dev.gn4j.engine.backend.cpu.CpuBackend) {
            c.put("blas", dev.gn4j.engine.backend.cpu.CpuBackend.blasDescription());
        }
        AtomicFiles.writeString(runDir.resolve("config.json"), JSON.writeValueAsString(c));
    }

    private static ObjectNode summaryJson(TrainResult r) {
        ObjectNode s = JSON.createObjectNode();
        s.put("optimizer", r.optimizer());
        s.put("device", r.device());
        s.put("steps", r.steps());
        s.put("epochs", r.epochs());
        s.put("parameters", r.parameters());
        s.put("initial_train_loss", r.initialTrainLoss());
        s.put("final_train_loss", r.finalTrainLoss());
        if (!Double.isNaN(r.finalTrainAccuracy())) {
            s.put("final_train_accuracy", r.finalTrainAccuracy());
        }
        s.put("wall_seconds", r.wallSeconds());
        s.put("median_step_seconds", r.medianStepSeconds());
        s.put("cholesky_fallbacks", r.fallbacks());
        return s;
    }
}
