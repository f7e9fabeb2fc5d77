package dev.gn4j.cli;

import dev.gn4j.engine.backend.Backends;
import dev.gn4j.engine.backend.DType;
import dev.gn4j.engine.backend.DeviceUnavailable;
import dev.gn4j.bench.Bench;
import dev.gn4j.bench.BenchOptions;
import dev.gn4j.bench.BenchReport;
import dev.gn4j.bench.BenchResults;
import dev.gn4j.engine.curvature.GramMode;
import dev.gn4j.engine.model.Loss;
import dev.gn4j.report.BenchPlot;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "bench", sortOptions = false, mixinStandardHelpOptions = true,
        description = "Time optimizer steps phase by phase over a matrix of devices, optimizers, batch sizes, dtypes and "
                + "Gram modes, on synthetic data; print a table with GFLOP/s and GB/s against the device's measured "
                + "ceilings, and write bench.json and bench.png.",
        footer = {"", "Examples:",
                "  gn4j bench                   (the defaults: under a minute on 2 CPU cores)",
                "  gn4j bench --devices cpu,gpu --optimizers egn,ggn,smw-ng,sgd,adam \\",
                "             --batch 32,64,128,256 --model 256-tanh-256-tanh --inputs 784 \\",
                "             --outputs 10 --loss ce --dtypes f32,f64 \\",
                "             --jacobian factored,explicit --steps 30 --warmup 5 --out DIR",
                "  gn4j bench --optimizers egn,ggn,sgd --model 64-tanh-32-tanh --inputs 32 \\",
                "             --outputs 1 --loss mse --batch 128",
                "",
                "Phases: forward, backward (gradient), gram (rows backprop and Gram), solve (factor and solve), direction "
                        + "(U∇L, Uᵀw and vector work), line-search (trial evaluations), update. Timed steps alternate "
                        + "plain (the step time) and profiled (the phases; the device is waited for at each boundary).",
                "A device that cannot run here is reported and skipped. Exit codes: 0 ok, 2 usage error, "
                        + "4 no device in --devices could run."})
final class BenchCommand implements Callable<Integer> {

    @CommandLine.Mixin
    ThreadsOption threadsOption = new ThreadsOption();

    @CommandLine.Mixin
    Verbosity verbosity = new Verbosity();

    @Option(names = "--devices", split = ",", paramLabel = "DEVICE", defaultValue = "cpu,gpu",
            description = "Devices to time; an unavailable one is skipped with the reason. Default: ${DEFAULT-VALUE}.")
    List<String> devices;

    @Option(names = "--optimizers", split = ",", paramLabel = "NAME", defaultValue = "egn,smw-ng,sgd,adam",
            description = "Any of egn, ggn, smw-gn, smw-ng, sgd, adam (ggn only with --loss mse; lm is not benchmarked, "
                    + "as its number of solves per step depends on its accept/reject loop). Default: ${DEFAULT-VALUE}.")
    List<String> optimizers;

    @Option(names = "--batch", split = ",", paramLabel = "N", defaultValue = "32,64,128,256",
            description = "Batch sizes. Default: ${DEFAULT-VALUE}.")
    List<Integer> batches;

    @Option(names = "--model", paramLabel = "SPEC", defaultValue = "256-tanh-256-tanh",
            description = "Hidden layers as for train. Default: ${DEFAULT-VALUE}.")
    String model;

    @Option(names = "--inputs", paramLabel = "N", defaultValue = "784", description = "Input features. Default: ${DEFAULT-VALUE}.")
    int inputs;

    @Option(names = "--input-shape", paramLabel = "C×H×W",
            description = "The image each input is (C·H·W must be --inputs), for a --model with conv, maxpool or avgpool layers.")
    String inputShape;

    @Option(names = "--outputs", paramLabel = "N", defaultValue = "10",
            description = "Outputs: classes for ce, targets for mse. Default: ${DEFAULT-VALUE}.")
    int outputs;

    @Option(names = "--loss", paramLabel = "mse|ce", defaultValue = "ce", description = "Loss. Default: ${DEFAULT-VALUE}.")
    String loss;

    @Option(names = "--dtypes", split = ",", paramLabel = "f32|f64", defaultValue = "f32,f64",
            description = "Working precisions. Default: ${DEFAULT-VALUE}.")
    List<String> dtypes;

    @Option(names = "--solvers", split = ",", paramLabel = "SOLVER", defaultValue = "auto",
            description = "How the Gauss-Newton cells solve their damped system: any of auto, cholesky, cg, param (as train's "
                    + "--solver, resolved against what the device may allocate; a cell that cannot fit is refused). "
                    + "Default: ${DEFAULT-VALUE}.")
    List<String> solvers;

    @Option(names = "--jacobian", split = ",", paramLabel = "MODE", defaultValue = "factored",
            description = "How the Gram is formed; explicit is the memory-hungry reference. Default: ${DEFAULT-VALUE}.")
    List<String> jacobians;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "30",
            description = "Timed steps per cell after warm-up, alternating plain and profiled. Default: ${DEFAULT-VALUE}.")
    int steps;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "5", description = "Untimed steps first, at least. Default: ${DEFAULT-VALUE}.")
    int warmup;

    // 0.5 s left the JIT unfinished on small cells: EGN/SGD at 32-64-32-1, b128, read 2.8 after 0.5 s,
    // 2.6 after 2 s and 2.35 in 2000-step runs (bench/results/2026-11-22-cpu-targets.md).
    @Option(names = "--warmup-seconds", paramLabel = "S", defaultValue = "2",
            description = "And untimed for at least this long per cell, so the JIT has compiled the step's loops. Default: ${DEFAULT-VALUE}.")
    double warmupSeconds;

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "1",
            description = {"Time the cells in N interleaved rounds (all of a device's cells warmed up first, then a slice of "
                    + "each cell's steps per round), so that a busy spell of a shared machine falls on all cells alike and "
                    + "ratios hold. Keeps every cell's buffers in memory at once. Default: ${DEFAULT-VALUE} (one cell at a time)."})
    int rounds;

    @Option(names = "--line-search", negatable = true, description = "Armijo line search in the Gauss-Newton steps (times the line-search phase).")
    boolean lineSearch;

    @Option(names = "--max-jacobian-mb", paramLabel = "MB", defaultValue = "2048",
            description = "Skip explicit-Gram cells whose Jacobian would exceed this. Default: ${DEFAULT-VALUE}.")
    long maxJacobianMb;

    @Option(names = "--ceiling-gemm", paramLabel = "N", defaultValue = "0",
            description = "n of the n³ ceiling GEMM (default: 2048 on the CPU, 8192 on a GPU).")
    int ceilingGemm;

    @Option(names = "--ceiling-copy", paramLabel = "N", defaultValue = "0",
            description = "Elements of the ceiling copy (default: 2^25 on the CPU, 2^28 on a GPU).")
    long ceilingCopy;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the weights and synthetic data. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--out", paramLabel = "DIR", description = "Where bench.json and bench.png go (default: runs/<timestamp>-bench).")
    Path out;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        verbosity.apply();
        threadsOption.apply();
        BenchOptions opts = new BenchOptions(devices, optimizers, batches, model, inputs, outputs, Loss.parse(loss),
                dtypes.stream().map(DType::parse).toList(), jacobians.stream().map(GramMode::parse).toList(), steps, warmup,
                warmupSeconds, seed, lineSearch, maxJacobianMb, ceilingGemm, ceilingCopy, rounds,
                inputShape == null ? null : dev.gn4j.engine.model.InputShape.parse(inputShape),
                solvers.stream().map(dev.gn4j.engine.curvature.SolverKind::parse).toList());
        Path dir = out != null ? out
                : Path.of("runs", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-bench");
        PrintStream progress = verbosity.quiet ? new PrintStream(OutputStream.nullOutputStream()) : System.err;
        BenchResults results = new Bench(opts, Backends::open, progress).run();
        System.out.print(BenchReport.text(results));
        List<String> command = new java.util.ArrayList<>(List.of("gn4j"));
        command.addAll(spec.commandLine().getParseResult().originalArgs()); // from "bench" on
        BenchReport.write(results, command, dir);
        String plotProblem = BenchPlot.write(results, dir);
        if (plotProblem != null && !results.results().isEmpty()) {
            System.err.println("gn4j: warning: bench.png not drawn: " + plotProblem);
        }
        System.out.println("wrote " + dir.resolve("bench.json") + (plotProblem == null ? " and " + dir.resolve(BenchPlot.FILE_NAME) : ""));
        if (results.results().isEmpty() && results.devices().stream().allMatch(d -> d.skipped() != null)) {
            throw new DeviceUnavailable("no device in --devices " + String.join(",", opts.devices()) + " could run here");
        }
        return Main.OK;
    }
}
