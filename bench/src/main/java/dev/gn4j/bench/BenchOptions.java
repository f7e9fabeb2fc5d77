package dev.gn4j.bench;

import dev.gn4j.engine.backend.DType;
import dev.gn4j.engine.curvature.GramMode;
import dev.gn4j.engine.curvature.SolverKind;
import dev.gn4j.engine.model.InputShape;
import dev.gn4j.engine.model.Loss;
import dev.gn4j.engine.model.Mlp;
import java.util.List;
import java.util.Locale;

/**
 * The axes of a benchmark matrix and how long to time each cell. Invalid values
 * are {@link IllegalArgumentException}s (usage errors at the command line).
 *
 * @param warmup untimed steps per cell, at least
 * @param warmupSeconds untimed time per cell, at least (the JIT needs time, not a step count)
 * @param ceilingGemm n of the ceiling GEMM, 0 for the device's default
 * @param ceilingCopy elements of the ceiling copy, 0 for the device's default
 * @param maxJacobianMb explicit-Gram cells whose m × P Jacobian would exceed this are skipped
 * @param rounds 1: each cell warmed up and timed alone, one after the other; more: all of a
 *               device's cells open at once and timed in this many interleaved slices
 */
public record BenchOptions(List<String> devices, List<String> optimizers, List<Integer> batches, String model, int inputs,
                           int outputs, Loss loss, List<DType> dtypes, List<GramMode> jacobians, int steps, int warmup,
                           double warmupSeconds, long seed, boolean lineSearch, long maxJacobianMb, int ceilingGemm, long ceilingCopy, int rounds,
                           InputShape inputShape, List<SolverKind> solvers) {
    /** The optimizers the bench times: every method but lm, whose solves per step depend on the data. */
    public static final List<String> OPTIMIZERS = List.of("egn", "ggn", "smw-gn", "smw-ng", "sgd", "adam");

    public static final List<String> DEVICES = List.of("cpu", "gpu");

    /** A matrix over plain features (no image shape). */
    public BenchOptions(List<String> devices, List<String> optimizers, List<Integer> batches, String model, int inputs,
                        int outputs, Loss loss, List<DType> dtypes, List<GramMode> jacobians, int steps, int warmup,
                        double warmupSeconds, long seed, boolean lineSearch, long maxJacobianMb, int ceilingGemm, long ceilingCopy,
                        int rounds) {
        this(devices, optimizers, batches, model, inputs, outputs, loss, dtypes, jacobians, steps, warmup, warmupSeconds, seed,
                lineSearch, maxJacobianMb, ceilingGemm, ceilingCopy, rounds, null);
    }

    /** A matrix with --solver auto only. */
    public BenchOptions(List<String> devices, List<String> optimizers, List<Integer> batches, String model, int inputs,
                        int outputs, Loss loss, List<DType> dtypes, List<GramMode> jacobians, int steps, int warmup,
                        double warmupSeconds, long seed, boolean lineSearch, long maxJacobianMb, int ceilingGemm, long ceilingCopy,
                        int rounds, InputShape inputShape) {
        this(devices, optimizers, batches, model, inputs, outputs, loss, dtypes, jacobians, steps, warmup, warmupSeconds, seed,
                lineSearch, maxJacobianMb, ceilingGemm, ceilingCopy, rounds, inputShape, List.of(SolverKind.AUTO));
    }

    public BenchOptions {
        devices = normalized(devices, "--devices");
        optimizers = normalized(optimizers, "--optimizers");
        batches = List.copyOf(nonEmpty(batches, "--batch"));
        dtypes = List.copyOf(nonEmpty(dtypes, "--dtypes"));
        jacobians = List.copyOf(nonEmpty(jacobians, "--jacobian"));
        solvers = List.copyOf(nonEmpty(solvers, "--solvers"));
        for (String d : devices) {
            if (!DEVICES.contains(d)) {
                throw new IllegalArgumentException("unknown device '" + d + "' in --devices (expected cpu and/or gpu)");
            }
        }
        for (String o : optimizers) {
            if (o.equals("lm")) {
                throw new IllegalArgumentException("--optimizers: lm is not benchmarked (its number of solves per step depends "
                        + "on the data); egn times the same direction");
            }
            if (!OPTIMIZERS.contains(o)) {
                throw new IllegalArgumentException("unknown optimizer '" + o + "' in --optimizers (expected some of "
                        + String.join(", ", OPTIMIZERS) + ")");
            }
        }
        for (int b : batches) {
            if (b < 1) {
                throw new IllegalArgumentException("--batch sizes must be positive, got " + b);
            }
        }
        if (inputs < 1 || outputs < 1) {
            throw new IllegalArgumentException("--inputs and --outputs must be positive, got " + inputs + " and " + outputs);
        }
        if (loss == Loss.CE && outputs < 2) {
            throw new IllegalArgumentException("--loss ce needs at least 2 --outputs (classes), got " + outputs);
        }
        Mlp.parse(model, inputShape, inputs, outputs); // a bad --model is a usage error here, not halfway through the matrix
        if (steps < 2) {
            throw new IllegalArgumentException("--steps must be at least 2 (timed steps alternate plain and profiled), got " + steps);
        }
        if (warmup < 0) {
            throw new IllegalArgumentException("--warmup must be 0 or more, got " + warmup);
        }
        if (!(warmupSeconds >= 0) || warmupSeconds > 3600) {
            throw new IllegalArgumentException("--warmup-seconds must be between 0 and 3600, got " + warmupSeconds);
        }
        if (rounds < 1 || rounds > steps) {
            throw new IllegalArgumentException("--rounds must be between 1 and --steps (" + steps + "), got " + rounds);
        }
        if (maxJacobianMb < 1 || ceilingGemm < 0 || ceilingCopy < 0) {
            throw new IllegalArgumentException("--max-jacobian-mb must be positive and the ceiling sizes 0 (default) or positive");
        }
    }

    private static List<String> normalized(List<String> values, String flag) {
        return nonEmpty(values, flag).stream().map(v -> v.trim().toLowerCase(Locale.ROOT)).distinct().toList();
    }

    private static <T> List<T> nonEmpty(List<T> values, String flag) {
        if (values == null || values.isEmpty()) {
            throw new IllegalArgumentException(flag + " needs at least one value");
        }
        return values.stream().distinct().toList();
    }
}
