package dev.gn4j.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gn4j.engine.io.AtomicFiles;
import dev.gn4j.engine.profile.Phase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a benchmark shows: the printed table (one row per cell: step time and
 * spread, the phases, GFLOP/s and GB/s against the device's ceilings), the
 * ratios, and bench.json with everything. bench.png, time per step against batch
 * size, is drawn by gn4j-report's BenchPlot.
 */
public final class BenchReport {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String[] PHASE_HEADS = {"fwd", "bwd", "gram", "solve", "dir", "ls", "upd"};

    private BenchReport() {
    }

    /** The ceilings, the table, the ratios and what was skipped, as printed. */
    public static String text(BenchResults r) {
        StringBuilder sb = new StringBuilder();
        for (DeviceReport d : r.devices()) {
            if (d.skipped() != null) {
                sb.append(d.name()).append(": skipped: ").append(d.skipped()).append('\n');
                continue;
            }
            sb.append(d.name()).append(": ").append(d.description()).append('\n');
            for (Ceiling c : d.ceilings()) {
                sb.append(String.format(Locale.ROOT, "  ceiling %s: GEMM %d³ %.1f GFLOP/s, copy %d elements %.1f GB/s%n",
                        c.dtype(), c.gemmSize(), c.gemmGflops(), c.copyElements(), c.copyGbs()));
            }
            if (d.name().equals("cpu") && Double.isFinite(r.hostMemcpyGbs())) {
                sb.append(String.format(Locale.ROOT, "  host memcpy (native, for reference): %.1f GB/s%n", r.hostMemcpyGbs()));
            }
        }
        sb.append('\n').append(table(r));
        if (!r.ratios().isEmpty()) {
            sb.append("\nratios of median step times (same run):\n");
            for (Ratio q : r.ratios()) {
                sb.append(String.format(Locale.ROOT, "  %-18s %-28s %8.2f  (%.3f / %.3f ms)%n", q.kind(), q.config(), q.ratio(),
                        q.numeratorMs(), q.denominatorMs()));
            }
        }
        if (!r.skipped().isEmpty()) {
            sb.append("\nskipped:\n");
            for (Skip s : r.skipped()) {
                sb.append("  ").append(s.what()).append(": ").append(s.reason()).append('\n');
            }
        }
        return sb.toString();
    }

    /** One row per measured cell; phase columns are medians of the profiled steps, in ms. */
    public static String table(BenchResults r) {
        List<String[]> rows = new ArrayList<>();
        List<String> head = new ArrayList<>(List.of("config", "step ms", "p10-p90"));
        head.addAll(List.of(PHASE_HEADS));
        head.addAll(List.of("GFLOP", "GFLOP/s", "%gemm", "GB/s", "%copy", "MiB", "solver"));
        rows.add(head.toArray(String[]::new));
        for (ConfigResult c : r.results()) {
            List<String> row = new ArrayList<>();
            row.add(c.config().label());
            row.add(fmt(c.stepMs().median()));
            row.add(fmt(c.stepMs().p10()) + "-" + fmt(c.stepMs().p90()));
            for (Phase p : Phase.values()) {
                row.add(fmt(c.phaseMs().get(p).median()));
            }
            Ceiling ceiling = ceiling(r, c);
            row.add(String.format(Locale.ROOT, "%.3f", c.cost().total().gflop()));
            row.add(String.format(Locale.ROOT, "%.1f", c.gflops()));
            row.add(ceiling == null ? "-" : String.format(Locale.ROOT, "%.0f%%", 100 * c.gflops() / ceiling.gemmGflops()));
            row.add(String.format(Locale.ROOT, "%.1f", c.gbs()));
            row.add(ceiling == null ? "-" : String.format(Locale.ROOT, "%.0f%%", 100 * c.gbs() / ceiling.copyGbs()));
            row.add(String.format(Locale.ROOT, "%.0f", c.modelledBytes() / (1024.0 * 1024)));
            row.add(c.solver() == null ? "-" : c.solver().label());
            rows.add(row.toArray(String[]::new));
        }
        int[] width = new int[head.size()];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                String cell = i == 0 ? pad(row[i], width[i]) : padLeft(row[i], width[i]);
                line.append(i == 0 ? "" : "  ").append(cell);
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        return sb.toString();
    }

    /** Milliseconds with three significant digits, down to a microsecond. */
    static String fmt(double ms) {
        if (Double.isNaN(ms)) {
            return "-";
        }
        if (ms >= 100) {
            return String.format(Locale.ROOT, "%.0f", ms);
        }
        if (ms >= 10) {
            return String.format(Locale.ROOT, "%.1f", ms);
        }
        if (ms >= 1) {
            return String.format(Locale.ROOT, "%.2f", ms);
        }
        return String.format(Locale.ROOT, "%.3f", ms);
    }

    private static String pad(String s, int w) {
        return s + " ".repeat(w - s.length());
    }

    private static String padLeft(String s, int w) {
        return " ".repeat(w - s.length()) + s;
    }

    private static Ceiling ceiling(BenchResults r, ConfigResult c) {
        DeviceReport d = r.device(c.config().device());
        return d == null ? null : d.ceiling(c.config().dtypeName());
    }

    /** bench.json: the machine, the options, the devices and their ceilings, every cell's numbers, skips and ratios. */
    public static ObjectNode json(BenchResults r, List<String> command) {
        ObjectNode root = JSON.createObjectNode();
        root.put("gn4j_version", r.version());
        root.put("date", r.date());
        ArrayNode cmd = root.putArray("command");
        command.forEach(cmd::add);
        ObjectNode m = root.putObject("machine");
        m.put("cpu_model", r.machine().cpuModel());
        m.put("cores", r.machine().cores());
        m.put("memory", r.machine().memory());
        m.put("os", r.machine().os());
        m.put("java", r.machine().javaVersion());
        m.put("blas", r.machine().blas());
        m.put("load_average_start", r.machine().loadAverageStart());
        m.put("load_average_end", r.loadAverageAfter());
        putFinite(m, "host_memcpy_gbs", r.hostMemcpyGbs());
        root.set("options", JSON.valueToTree(optionsMap(r.options())));
        ArrayNode devices = root.putArray("devices");
        for (DeviceReport d : r.devices()) {
            ObjectNode n = devices.addObject();
            n.put("name", d.name());
            n.put("description", d.description());
            n.put("skipped", d.skipped());
            ArrayNode cs = n.putArray("ceilings");
            for (Ceiling c : d.ceilings()) {
                ObjectNode cn = cs.addObject();
                cn.put("dtype", c.dtype());
                cn.put("gemm_size", c.gemmSize());
                cn.put("gemm_gflops", c.gemmGflops());
                cn.put("copy_elements", c.copyElements());
                cn.put("copy_gbs", c.copyGbs());
            }
        }
        ArrayNode results = root.putArray("results");
        for (ConfigResult c : r.results()) {
            results.add(result(r, c));
        }
        ArrayNode skipped = root.putArray("skipped");
        for (Skip s : r.skipped()) {
            skipped.addObject().put("what", s.what()).put("reason", s.reason());
        }
        ArrayNode ratios = root.putArray("ratios");
        for (Ratio q : r.ratios()) {
            ratios.addObject().put("kind", q.kind()).put("config", q.config()).put("ratio", q.ratio())
                    .put("numerator_ms", q.numeratorMs()).put("denominator_ms", q.denominatorMs());
        }
        return root;
    }

    private static ObjectNode result(BenchResults r, ConfigResult c) {
        BenchConfig cfg = c.config();
        ObjectNode n = JSON.createObjectNode();
        n.put("label", cfg.label());
        n.put("device", cfg.device());
        n.put("optimizer", cfg.optimizer());
        n.put("batch", cfg.batch());
        n.put("model", cfg.model());
        ArrayNode sizes = n.putArray("sizes");
        for (int s : cfg.sizes()) {
            sizes.add(s);
        }
        n.put("parameters", cfg.mlp().parameterCount());
        n.put("loss", cfg.loss().spelling());
        n.put("dtype", cfg.dtypeName());
        n.put("jacobian", cfg.firstOrder() ? null : cfg.jacobianName());
        n.put("line_search", cfg.lineSearch());
        n.put("warmup_steps", c.warmupSteps());
        n.put("system_rows", cfg.systemRows());
        n.put("gram_dtype", cfg.gramDtype() == null ? null : cfg.gramDtype().name().toLowerCase(Locale.ROOT));
        n.set("step_ms", spread(c.stepMs()));
        n.set("profiled_step_ms", spread(c.profiledStepMs()));
        n.set("unattributed_ms", spread(c.unattributedMs()));
        ObjectNode phases = n.putObject("phases");
        for (Phase p : Phase.values()) {
            ObjectNode pn = phases.putObject(p.label());
            pn.set("ms", spread(c.phaseMs().get(p)));
            Cost cost = c.cost().phase(p);
            pn.put("gflop", cost.gflop());
            pn.put("gbytes", cost.gbytes());
            putFinite(pn, "gflops", c.phaseGflops(p));
            putFinite(pn, "gbs", c.phaseGbs(p));
        }
        n.put("gflop", c.cost().total().gflop());
        n.put("gbytes", c.cost().total().gbytes());
        putFinite(n, "gflops", c.gflops());
        putFinite(n, "gbs", c.gbs());
        Ceiling ceiling = ceiling(r, c);
        if (ceiling != null) {
            putFinite(n, "gemm_ceiling_fraction", c.gflops() / ceiling.gemmGflops());
            putFinite(n, "copy_ceiling_fraction", c.gbs() / ceiling.copyGbs());
        }
        n.put("loss_evaluations", c.lossEvaluations());
        n.put("fallbacks", c.fallbacks());
        n.put("solver", c.solver() == null ? null : c.solver().kind().flag());
        n.put("solver_direct_after", c.solver() == null ? null : (Integer) c.solver().directAfter());
        n.put("solver_direct", c.solver() == null || c.solver().direct() == null ? null : c.solver().direct().flag());
        n.put("solver_reason", c.solver() == null ? null : c.solver().reason());
        n.put("memory_bytes_modelled", c.modelledBytes());
        ArrayNode items = n.putArray("cost_items");
        for (CostItem item : c.cost().items()) {
            items.addObject().put("phase", item.phase().label()).put("what", item.what())
                    .put("gflop", item.cost().gflop()).put("gbytes", item.cost().gbytes());
        }
        return n;
    }

    private static void putFinite(ObjectNode n, String key, double v) {
        if (Double.isFinite(v)) {
            n.put(key, v);
        } else {
            n.putNull(key);
        }
    }

    private static ObjectNode spread(Spread s) {
        ObjectNode n = JSON.createObjectNode();
        putFinite(n, "median", s.median());
        putFinite(n, "p10", s.p10());
        putFinite(n, "p90", s.p90());
        n.put("n", s.n());
        return n;
    }

    private static Map<String, Object> optionsMap(BenchOptions o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("devices", o.devices());
        m.put("optimizers", o.optimizers());
        m.put("batch", o.batches());
        m.put("model", o.model());
        m.put("inputs", o.inputs());
        m.put("outputs", o.outputs());
        m.put("loss", o.loss().spelling());
        m.put("dtypes", o.dtypes().stream().map(d -> d.name().toLowerCase(Locale.ROOT)).toList());
        m.put("jacobian", o.jacobians().stream().map(j -> j.name().toLowerCase(Locale.ROOT)).toList());
        m.put("steps", o.steps());
        m.put("warmup", o.warmup());
        m.put("warmup_seconds", o.warmupSeconds());
        m.put("rounds", o.rounds());
        m.put("seed", o.seed());
        m.put("line_search", o.lineSearch());
        m.put("max_jacobian_mb", o.maxJacobianMb());
        return m;
    }

    /** Writes DIR/bench.json (bench.png is gn4j-report's BenchPlot). */
    public static void write(BenchResults r, List<String> command, Path dir) throws IOException {
        Files.createDirectories(dir);
        AtomicFiles.writeString(dir.resolve("bench.json"), JSON.writeValueAsString(json(r, command)) + "\n");
    }
}
