package dev.gn4j.bench;

import dev.gn4j.engine.backend.Backend;
import dev.gn4j.engine.backend.DType;
import dev.gn4j.engine.backend.DeviceUnavailable;
import dev.gn4j.engine.curvature.GramMode;
import dev.gn4j.engine.curvature.NumericalFailure;
import dev.gn4j.engine.curvature.SolverKind;
import dev.gn4j.engine.memory.InsufficientMemory;
import dev.gn4j.engine.model.Loss;
import dev.gn4j.engine.train.Version;
import java.io.PrintStream;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs a benchmark matrix: for each device that opens, its ceilings in each dtype,
 * then every meaningful (dtype, optimizer, Gram, batch) cell. A device that is not
 * there, a combination that makes no sense, an explicit Jacobian too large for
 * memory and a cell that fails numerically are each recorded as a {@link Skip}
 * with the reason, never fatal.
 */
public final class Bench {
    /** Opens a backend by device name, throwing {@link DeviceUnavailable} when it cannot run here. */
    @FunctionalInterface
    public interface DeviceOpener {
        Backend open(String device);
    }

    /** Ceiling sizes when the options leave them at 0: the CPU's keep its probe near a second; a GPU needs more work to fill. */
    static final int CPU_GEMM = 2048;
    static final int GPU_GEMM = 8192;
    static final long CPU_COPY = 1L << 25;
    static final long GPU_COPY = 1L << 28;
    static final int CEILING_REPEATS = 5;

    private final BenchOptions opts;
    private final DeviceOpener opener;
    private final PrintStream progress;

    public Bench(BenchOptions opts, DeviceOpener opener, PrintStream progress) {
        this.opts = opts;
        this.opener = opener;
        this.progress = progress;
    }

    public BenchResults run() {
        MachineInfo machine = MachineInfo.here();
        String date = OffsetDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        List<DeviceReport> devices = new ArrayList<>();
        List<ConfigResult> results = new ArrayList<>();
        List<Skip> skipped = new ArrayList<>(matrixSkips());
        ConfigRunner runner = new ConfigRunner(opts.warmup(), opts.warmupSeconds(), opts.steps(), opts.seed());
        double hostMemcpy = Double.NaN;
        for (String device : opts.devices()) {
            Backend be;
            try {
                be = opener.open(device);
            } catch (DeviceUnavailable | LinkageError e) {
                String why = e.getMessage() == null ? e.toString() : e.getMessage();
                progress.println(device + ": skipped: " + why);
                devices.add(new DeviceReport(device, null, List.of(), why));
                skipped.add(new Skip(device, "device unavailable: " + why));
                continue;
            }
            try (be) {
                List<Ceiling> ceilings = new ArrayList<>();
                CeilingProbe probe = probe(device);
                for (DType dt : opts.dtypes()) {
                    Ceiling c = probe.measure(be, dt);
                    ceilings.add(c);
                    progress.printf(Locale.ROOT, "%s %s ceilings: GEMM %d³ %.1f GFLOP/s, copy %d elements %.1f GB/s%n", device,
                            c.dtype(), c.gemmSize(), c.gemmGflops(), c.copyElements(), c.copyGbs());
                }
                if (device.equals("cpu")) {
                    hostMemcpy = probe.hostMemcpyGbs((opts.ceilingCopy() > 0 ? opts.ceilingCopy() : CPU_COPY) * Double.BYTES);
                    progress.printf(Locale.ROOT, "cpu host memcpy: %.1f GB/s%n", hostMemcpy);
                }
                devices.add(new DeviceReport(device, be.description(), ceilings, null));
                List<BenchConfig> cells = new ArrayList<>();
                for (BenchConfig cfg : cells(device)) {
                    String tooLarge = explicitTooLarge(cfg);
                    if (tooLarge != null) {
                        skipped.add(new Skip(cfg.label(), tooLarge));
                        progress.println(cfg.label() + ": skipped: " + tooLarge);
                    } else {
                        cells.add(cfg);
                    }
                }
                if (opts.rounds() == 1) {
                    for (BenchConfig cfg : cells) {
                        ConfigResult r = guarded(cfg, skipped, () -> runner.run(be, cfg));
                        if (r != null) {
                            results.add(r);
                            report(r);
                        }
                        System.gc(); // free the last cell's off-heap buffers before the next allocates its own
                    }
                } else {
                    results.addAll(interleaved(runner, be, cells, skipped));
                }
            }
        }
        return new BenchResults(date, Version.get(), machine, hostMemcpy, MachineInfo.currentLoadAverage(), opts, devices, results, skipped,
                Ratios.of(results));
    }

    /**
     * Every cell of a device open at once, all warmed up, then timed in rounds: each
     * round times the next slice of every cell's steps, so a slow spell of a shared
     * machine falls on all cells alike instead of on whichever was running.
     */
    private List<ConfigResult> interleaved(ConfigRunner runner, Backend be, List<BenchConfig> cells, List<Skip> skipped) {
        List<ConfigRunner.Cell> open = new ArrayList<>();
        for (BenchConfig cfg : cells) {
            ConfigRunner.Cell cell = guarded(cfg, skipped, () -> {
                ConfigRunner.Cell c = runner.open(be, cfg);
                c.warmUp();
                return c;
            });
            if (cell != null) {
                open.add(cell);
            }
        }
        int rounds = opts.rounds(), steps = opts.steps();
        for (int round = 0; round < rounds; round++) {
            int slice = (int) ((long) steps * (round + 1) / rounds - (long) steps * round / rounds);
            for (var it = open.iterator(); it.hasNext(); ) {
                ConfigRunner.Cell cell = it.next();
                if (guarded(cell.config(), skipped, () -> {
                    cell.time(slice);
                    return cell;
                }) == null) {
                    it.remove();
                }
            }
            progress.printf(Locale.ROOT, "round %d of %d done%n", round + 1, rounds);
        }
        List<ConfigResult> out = new ArrayList<>();
        for (ConfigRunner.Cell cell : open) {
            ConfigResult r = cell.result();
            out.add(r);
            report(r);
        }
        return out;
    }

    private void report(ConfigResult r) {
        progress.printf(Locale.ROOT, "%s: %.3f ms per step (p10 %.3f, p90 %.3f)%n", r.config().label(), r.stepMs().median(),
                r.stepMs().p10(), r.stepMs().p90());
    }

    /** Runs one cell's work; a failure becomes a {@link Skip} of that cell (and null), not the end of the matrix. */
    private <T> T guarded(BenchConfig cfg, List<Skip> skipped, java.util.function.Supplier<T> work) {
        try {
            return work.get();
        } catch (RuntimeException | OutOfMemoryError e) {
            // NumericalFailure, an allocation the device refuses, a CUDA error: this cell, not the matrix
            String why = e instanceof InsufficientMemory ? "does not fit: " + e.getMessage()
                    : "failed: " + (e instanceof NumericalFailure ? e.getMessage() : e.toString());
            skipped.add(new Skip(cfg.label(), why));
            progress.println(cfg.label() + ": " + why);
            return null;
        }
    }

    private CeilingProbe probe(String device) {
        boolean cpu = device.equals("cpu");
        int gemm = opts.ceilingGemm() > 0 ? opts.ceilingGemm() : cpu ? CPU_GEMM : GPU_GEMM;
        long copy = opts.ceilingCopy() > 0 ? opts.ceilingCopy() : cpu ? CPU_COPY : GPU_COPY;
        return new CeilingProbe(gemm, copy, CEILING_REPEATS);
    }

    /** The cells that make sense on one device, in table order. */
    List<BenchConfig> cells(String device) {
        List<BenchConfig> out = new ArrayList<>();
        for (DType dt : opts.dtypes()) {
            for (String optimizer : opts.optimizers()) {
                if (optimizer.equals("ggn") && opts.loss() == Loss.CE) {
                    continue;
                }
                boolean firstOrder = optimizer.equals("sgd") || optimizer.equals("adam");
                List<GramMode> modes = firstOrder ? java.util.Collections.singletonList(null) : opts.jacobians();
                for (GramMode mode : modes) {
                    List<SolverKind> solvers = firstOrder ? List.of(SolverKind.AUTO) : opts.solvers();
                    for (SolverKind solver : solvers) {
                        for (int b : opts.batches()) {
                            out.add(new BenchConfig(device, optimizer, b, opts.model(), opts.inputs(), opts.outputs(), opts.loss(),
                                    dt, mode, opts.lineSearch() && !firstOrder, opts.inputShape(), solver));
                        }
                    }
                }
            }
        }
        return out;
    }

    /** Combinations left out of the whole matrix, said once each. */
    private List<Skip> matrixSkips() {
        List<Skip> out = new ArrayList<>();
        if (opts.optimizers().contains("ggn") && opts.loss() == Loss.CE) {
            out.add(new Skip("ggn", "GGN is defined for the mse loss only (MATH.md); egn is its generalization to ce"));
        }
        List<String> firstOrder = opts.optimizers().stream().filter(o -> o.equals("sgd") || o.equals("adam")).toList();
        if (!firstOrder.isEmpty() && opts.jacobians().size() > 1) {
            out.add(new Skip(String.join(", ", firstOrder) + " × --jacobian",
                    "first-order steps form no Gram: run once each, not once per Gram mode"));
        }
        for (Skip s : out) {
            progress.println(s.what() + ": skipped: " + s.reason());
        }
        return out;
    }

    /** Why an explicit-Gram cell is skipped for memory, or null. */
    private String explicitTooLarge(BenchConfig cfg) {
        if (cfg.jacobian() != GramMode.EXPLICIT) {
            return null;
        }
        long rows = cfg.systemRows();
        double mb = (double) rows * cfg.mlp().parameterCount() * cfg.dtype().bytes() / (1 << 20);
        if (mb > opts.maxJacobianMb()) {
            return String.format(Locale.ROOT, "the explicit Jacobian would take %.0f MiB (%d rows × %d parameters), over "
                    + "--max-jacobian-mb %d", mb, rows, cfg.mlp().parameterCount(), opts.maxJacobianMb());
        }
        return null;
    }
}
