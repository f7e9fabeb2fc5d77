package dev.gn4j.engine.train;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gn4j.engine.backend.Backend;
import dev.gn4j.engine.data.DataException;
import dev.gn4j.engine.data.Dataset;
import dev.gn4j.engine.io.AtomicFiles;
import dev.gn4j.engine.model.Mlp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A run folder's config.json: what the run is (its options as given, the data and its SHA-256,
 * the network, the optimizer's settings, the machine), written by this class alone and read
 * back when the run is resumed.
 */
final class RunConfigJson {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private RunConfigJson() {
    }

    /**
     * A resumed run continues on the data it started on: the file's SHA-256 must be the one in
     * config.json, unless {@link TrainConfig#resumeOnNewData()} says the change is meant; the
     * feature and target columns must match either way.
     */
    static void requireSameData(Path runDir, TrainConfig cfg, Dataset train) throws IOException {
        Path configFile = runDir.resolve(RunFolder.CONFIG);
        if (!Files.exists(configFile)) {
            return; // a folder from before config.json was written first: nothing to compare with
        }
        JsonNode saved = JSON.readTree(configFile.toFile());
        String before = saved.path("data_sha256").asText(null);
        if (cfg.data() != null && before != null && !cfg.resumeOnNewData()) {
            String now = Checksums.sha256(cfg.data());
            if (!now.equals(before)) {
                throw new DataException("cannot resume " + runDir + " on " + cfg.data() + ": the run was trained on data with SHA-256 "
                        + before + ", this file has " + now + "; pass --resume-on-new-data to continue on it anyway");
            }
        }
        List<String> features = JSON.convertValue(saved.path("features"), new TypeReference<List<String>>() { });
        List<String> targets = JSON.convertValue(saved.path("target"), new TypeReference<List<String>>() { });
        if (features != null && !features.equals(train.featureNames()) || targets != null && !targets.equals(train.targetNames())) {
            throw new DataException("cannot resume " + runDir + ": it was trained on features " + features + " and target " + targets
                    + ", this data has " + train.featureNames() + " and " + train.targetNames());
        }
    }

    /** Written once, at the start of a run (and again when it is resumed, with the options it goes on with). */
    static void write(Path runDir, TrainConfig cfg, Mlp mlp, Backend be, TrainingData data, int batchSize, long steps,
                      dev.gn4j.engine.curvature.SolverPlan solverPlan) throws IOException {
        ObjectNode c = JSON.createObjectNode();
        c.putPOJO("options", cfg.options());
        c.put("gn4j_version", Version.get());
        c.put("data", data.description());
        if (cfg.data() != null) {
            c.put("data_sha256", Checksums.sha256(cfg.data()));
        }
        c.put("train_rows", data.train().rows());
        // metrics.csv's train_loss between its first and last rows is over this many training rows (a fixed subsample).
        c.put("metrics_train_rows", RunSchedule.subsampled(data.train().rows()) ? RunSchedule.METRICS_ROWS : data.train().rows());
        c.put("val_rows", data.val() == null ? 0 : data.val().rows());
        c.putPOJO("features", data.train().featureNames());
        c.putPOJO("target", data.train().targetNames());
        if (data.train().classNames() != null) {
            c.putPOJO("classes", data.train().classNames());
        }
        c.put("network", mlp.toString());
        c.put("parameters", mlp.parameterCount());
        c.put("loss", cfg.loss().spelling());
        ObjectNode o = c.putObject("optimizer");
        var oc = cfg.optimizer();
        o.put("name", oc.normalizedName());
        o.put("lr", oc.effectiveLr());
        o.put("lambda", oc.lambda());
        o.put("momentum", oc.momentum());
        o.put("nesterov", oc.nesterov());
        o.put("weight_decay", oc.weightDecay());
        o.put("line_search", oc.lineSearch());
        o.put("adaptive_lambda", oc.adaptiveLambda());
        o.put("jacobian", oc.gram().name().toLowerCase(Locale.ROOT));
        o.put("solver_requested", oc.solver().kind().flag());
        if (solverPlan != null) {
            o.put("solver", solverPlan.kind().flag());
            o.put("solver_reason", solverPlan.reason());
        }
        o.put("cg_tol", oc.solver().toleranceFor(cfg.dtype()));
        o.put("cg_max_iter", oc.solver().cgMaxIterations());
        o.put("solve_dtype", (oc.solveDtype() == null ? cfg.dtype() : oc.solveDtype()).name().toLowerCase(Locale.ROOT));
        o.put("curvature_batch", oc.curvatureBatch());
        o.put("semi_stochastic", oc.semiStochastic());
        o.put("fisher", oc.fisher().name().toLowerCase(Locale.ROOT));
        o.put("parameterization", oc.parameterization().flag());
        o.put("beta1", oc.adam().beta1());
        o.put("beta2", oc.adam().beta2());
        o.put("epsilon", oc.adam().epsilon());
        c.put("batch", batchSize);
        c.put("steps", steps);
        c.put("dtype", cfg.dtype().name().toLowerCase(Locale.ROOT));
        c.put("seed", cfg.seed());
        c.put("standardize", cfg.standardize().name().toLowerCase(Locale.ROOT));
        c.put("init", cfg.init() == null ? null : cfg.init().toString());
        c.put("device_requested", cfg.device());
        c.put("device", be.name());
        c.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        c.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        c.put("git_commit", GitCommit.describe());
        c.put("device_description", be.description());
        AtomicFiles.writeString(runDir.resolve(RunFolder.CONFIG), JSON.writeValueAsString(c));
    }
}
