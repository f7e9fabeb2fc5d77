package dev.gn4j.cli;

import dev.gn4j.engine.model.Loss;
import dev.gn4j.engine.train.LogProgress;
import dev.gn4j.engine.train.ProgressBar;
import dev.gn4j.engine.train.RunHooks;
import dev.gn4j.engine.train.TrainConfig;
import dev.gn4j.engine.train.TrainResult;
import dev.gn4j.engine.train.Trainer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "train", sortOptions = false, mixinStandardHelpOptions = true,
        description = "Train a dense or convolutional network on a data file (CSV, NPY, LIBSVM, IDX) or a built-in dataset "
                + "and write a run folder "
                + "(metrics.csv, model.safetensors, config.json, summary.json).",
        footer = {"", "Examples:",
                "  gn4j train --data house.csv --target price --model 64-tanh-64-tanh --optimizer egn --lambda 1 --batch 128 --epochs 5",
                "  gn4j train --data iris.csv --target species --loss ce --model 16-relu --optimizer egn --line-search --adaptive-lambda",
                "  gn4j train --data d.csv --target y --optimizer ggn --batch full --steps 12 --lambda 1e-8 --dtype f64",
                "  gn4j train --data d.csv --target y --optimizer smw-ng --curvature-batch 32 --batch 256",
                "  gn4j train --dataset mnist --model conv32k3-relu-maxpool2-conv32k3-relu-maxpool2-64-relu --optimizer egn --batch 64",
                "",
                "  gn4j train                      (no arguments: a demo run on a built-in dataset)",
                "  gn4j train --config sweep-best.yaml --seed 3",
                "  gn4j train --resume runs/20261122-120000-egn --steps 2000",
                "",
                "Ctrl-C, SIGTERM and SIGHUP finish the current step, save a checkpoint and exit with 130, 143 and 129; --resume continues exactly.",
                "Exit codes: 0 ok, 2 usage error, 3 data error, 4 device unavailable, 5 numerical failure, 6 out of memory, "
                        + "130, 143 or 129 stopped by SIGINT (Ctrl-C), SIGTERM or SIGHUP."})
final class TrainCommand implements Callable<Integer> {

    @CommandLine.Mixin
    Verbosity verbosity = new Verbosity();

    @CommandLine.Mixin
    DataOptions dataOptions = new DataOptions();

    @Option(names = "--resume", paramLabel = "DIR", description = "Continue the run in DIR from its last checkpoint, with its options (flags given here override them, e.g. a larger --steps).")
    Path resume;

    @Option(names = "--resume-on-new-data", description = "With --resume: continue on a data file whose contents differ "
            + "from the run's (same columns); without it that is refused.")
    boolean resumeOnNewData;

    @Option(names = "--config", paramLabel = "FILE", description = "Options from a YAML or JSON file (keys are the flag names, e.g. 'lr: 0.1'); flags override it. A run's config.json works too.")
    Path config;

    @Option(names = "--model", paramLabel = "SPEC", defaultValue = "64-tanh",
            description = "Hidden layers, e.g. 64-tanh-64-relu (activations identity, relu, tanh, sigmoid, gelu), with convolutions convFkK[sS][pP|same] and pooling maxpoolK[sS] or avgpoolK[sS] over images, e.g. conv32k3same-relu-avgpool2-64-relu. Default: ${DEFAULT-VALUE} (64-tanh-64-tanh for the no-argument demo run).")
    String model;

    @Option(names = "--loss", paramLabel = "mse|ce", description = "Loss: mse (regression) or ce (softmax cross-entropy). Default: mse, or ce for a built-in classification dataset.")
    String loss;

    @CommandLine.Mixin
    OptimizerOptions optimizerOptions = new OptimizerOptions();

    @CommandLine.Mixin
    RunOptions runOptions = new RunOptions();

    @CommandLine.Mixin
    ThreadsOption threadsOption = new ThreadsOption();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The defaults that --config and --resume's config.json gave this command, or null. */
    private FileDefaults fileDefaults;

    /** The built-in dataset trained on when no data is given. */
    static final String DEFAULT_DATASET = "abalone";
    static final String DEFAULT_MODEL = "64-tanh-64-tanh";

    @Override
    public Integer call() throws Exception {
        verbosity.apply();
        TrainCommand effective = withFileOptions();
        effective.threadsOption.apply();
        TrainConfig config = effective.resolve(resume, resumeOnNewData);
        if (effective.isDefaultRun()) {
            System.err.println("gn4j: no --data or --dataset given: training a " + config.model() + " network with "
                    + config.optimizer().normalizedName() + " on the built-in '" + DEFAULT_DATASET + "' regression dataset. "
                    + "Pass --data FILE or --dataset NAME (see 'gn4j data list') to train on other data.");
        }
        dev.gn4j.engine.train.Progress progress = verbosity.quiet ? dev.gn4j.engine.train.Progress.NONE
                : System.console() != null ? new ProgressBar(System.err) : new LogProgress(10);
        TrainResult r;
        int stopCode;
        try (StopSignal stop = StopSignal.install(); ParentWatch lifeline = ParentWatch.start(stop)) {
            r = new Trainer(config, new RunHooks(progress, stop::requested, stop::arm)).run();
            stopCode = stop.exitCode();
        }
        print(r);
        return r.interrupted() ? stopCode : Main.OK;
    }

    /** mse for files; for a built-in dataset, the loss of its task. */
    static Loss defaultLoss(TrainConfig.Builder cfg) {
        return cfg.dataset != null && dev.gn4j.engine.data.BuiltinDatasets.get(cfg.dataset).classification() ? Loss.CE : Loss.MSE;
    }

    private static void print(TrainResult r) {
        StringBuilder sb = new StringBuilder(String.format(java.util.Locale.ROOT, "%s on %s: train loss %.6g -> %.6g in %d steps (%.2f s)",
                r.optimizer(), r.device(), r.initialTrainLoss(), r.finalTrainLoss(), r.steps(), r.wallSeconds()));
        if (r.finalVal() != null) {
            sb.append(String.format(java.util.Locale.ROOT, "; val %s %.4g (best val loss %.6g at step %d)",
                    r.finalVal().headlineName(), r.finalVal().headline(), r.best().loss(), r.best().step()));
        }
        if (r.finalTest() != null) {
            sb.append(String.format(java.util.Locale.ROOT, "; test %s %.4g", r.finalTest().headlineName(), r.finalTest().headline()));
        }
        sb.append("; run folder ").append(r.runDir());
        System.out.println(sb);
        if (r.interrupted()) {
            System.out.println("Stopped at step " + r.steps() + " with a checkpoint; continue with: gn4j train --resume " + r.runDir());
        }
    }

    /** This command with --config and --resume's options applied beneath the flags given, as picocli defaults. */
    private TrainCommand withFileOptions() {
        if (config == null && resume == null) {
            return this;
        }
        FileDefaults defaults = new FileDefaults(spec);
        java.util.Map<String, Object> savedOptions = null;
        if (resume != null) {
            java.util.Map<String, Object> saved = ConfigFile.read(resume.resolve("config.json"));
            savedOptions = new java.util.LinkedHashMap<>(saved);
            saved.remove("out");
            defaults.add(saved, resume.resolve("config.json").toString());
        }
        if (config != null) {
            defaults.add(ConfigFile.read(config), config.toString());
        }
        TrainCommand merged = new TrainCommand();
        merged.fileDefaults = defaults;
        CommandLine cl = new CommandLine(merged);
        cl.setOverwrittenOptionsAllowed(true); // as Main parses the command line
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setDefaultValueProvider(defaults);
        cl.parseArgs(explicitArguments().toArray(String[]::new));
        merged.verbosity = verbosity;
        // Without a checkpoint (a run that stopped before its first) nothing would override a flag: it starts again from step 0.
        if (savedOptions != null && java.nio.file.Files.exists(resume.resolve("checkpoint.safetensors"))) {
            refuseChangesOnResume(spec.commandLine().getParseResult().matchedOptions(), savedOptions, cl.getCommandSpec());
        }
        return merged;
    }

    /** What --resume may change: how long the run goes on, how it reports and saves, where it runs, its validation data. */
    static final java.util.Set<String> CHANGEABLE_ON_RESUME = java.util.Set.of("steps", "epochs", "log-every", "eval-every",
            "save-every", "device", "val", "data", "resume-on-new-data", "verbose", "quiet", "resume", "config");

    /**
     * Every other flag given with --resume must agree with the run's own value: the checkpoint's state (λ, moments, the
     * data's standardization, the weights) would silently win over it, while config.json recorded the new value.
     */
    private void refuseChangesOnResume(java.util.List<CommandLine.Model.OptionSpec> given, java.util.Map<String, Object> saved,
                                       CommandLine.Model.CommandSpec mergedSpec) {
        for (CommandLine.Model.OptionSpec o : given) {
            String name = o.longestName().replaceFirst("^--", "");
            if (CHANGEABLE_ON_RESUME.contains(name)) {
                continue;
            }
            if (name.equals("out")) {
                throw new IllegalArgumentException("--out cannot go with --resume: a resumed run continues in its own folder, " + resume);
            }
            String before = ConfigFile.text(saved.get(name));
            String now = ConfigFile.text(mergedSpec.findOption(o.longestName()).getValue());
            if (!java.util.Objects.equals(before, now)) {
                throw new IllegalArgumentException("--" + name + " cannot change on --resume (the run has "
                        + (before == null ? "no --" + name : before) + ", and its checkpoint would keep it); start a new run from "
                        + "its weights instead: gn4j train --init " + resume.resolve("model.safetensors")
                        + (name.equals("init") ? "" : " --" + name + " " + now) + " ...");
            }
        }
    }

    /** The arguments given on the command line after 'train', without --config and --resume. */
    private List<String> explicitArguments() {
        List<String> given = spec.commandLine().getParseResult().originalArgs();
        int start = given.indexOf(spec.name()) + 1;
        List<String> out = new java.util.ArrayList<>();
        for (int i = start; i < given.size(); i++) {
            String a = given.get(i);
            if (a.equals("--config") || a.equals("--resume")) {
                i++;
            } else if (!a.startsWith("--config=") && !a.startsWith("--resume=")) {
                out.add(a);
            }
        }
        return out;
    }

    /** Every option's value after defaults, files and flags: what config.json records. */
    private java.util.Map<String, Object> resolvedOptions(TrainConfig.Builder cfg) {
        java.util.Map<String, Object> out = new java.util.LinkedHashMap<>();
        for (CommandLine.Model.OptionSpec o : spec.options()) {
            String name = o.longestName().replaceFirst("^--", "");
            if (java.util.Set.of("help", "version", "verbose", "quiet", "config", "resume", "resume-on-new-data").contains(name)) {
                continue;
            }
            Object v = o.getValue();
            if (v instanceof Path p) {
                v = p.toString();
            }
            if (v != null) {
                out.put(name, v);
            }
        }
        // Resolved where the flags left it open: the default run's dataset and model, the loss of a dataset.
        if (cfg.dataset != null) {
            out.put("dataset", cfg.dataset);
        }
        out.put("model", cfg.model);
        out.put("loss", cfg.loss.spelling());
        if (cfg.out != null) {
            out.put("out", cfg.out.toString());
        }
        return out;
    }

    private boolean isDefaultRun() {
        return dataOptions.data == null && dataOptions.dataset == null;
    }

    /**
     * The run's configuration from these options, checked: without data, the built-in demo run; without --loss, the
     * data's; {@code resume} (or null) the run folder to continue.
     */
    TrainConfig resolve(Path resume, boolean resumeOnNewData) {
        TrainConfig.Builder cfg = new TrainConfig.Builder();
        dataOptions.applyTo(cfg);
        cfg.model = model;
        cfg.loss = loss == null ? null : Loss.parse(loss);
        optimizerOptions.applyTo(cfg);
        runOptions.applyTo(cfg);
        if (resume != null) {
            cfg.resume = true;
            cfg.out = resume;
        }
        cfg.resumeOnNewData = resumeOnNewData;
        if (isDefaultRun()) {
            cfg.dataset = DEFAULT_DATASET;
            boolean modelGiven = !spec.findOption("--model").originalStringValues().isEmpty()
                    || fileDefaults != null && fileDefaults.gives(spec.findOption("--model"));
            if (!modelGiven) {
                cfg.model = DEFAULT_MODEL;
            }
        }
        if (cfg.loss == null) {
            cfg.loss = defaultLoss(cfg);
        }
        cfg.options = resolvedOptions(cfg);
        return cfg.build();
    }
}
