import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gn4j.report.Figure;
import dev.gn4j.report.LinePlot;
import dev.gn4j.report.Scale;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Issue 17's crossover figure: one panel per `gn4j bench --solvers ...` run (one network, so one P),
 * median step time against the system's rows m, a line per solver asked for (auto among them), on
 * log axes; and the same for the memory each cell's plan counted. Also prints a Markdown table of
 * both, with the solver auto picked in each cell.
 * Run: java -cp cli/target/gn4j.jar bench/SolverCrossover.java OUT_PREFIX BENCH_DIR...
 * (writes OUT_PREFIX-time.png and OUT_PREFIX-memory.png).
 */
public class SolverCrossover {
    // param last: a run without it keeps the same colour for each of the others (the n-th series takes the n-th colour)
    private static final List<String> SOLVERS = List.of("cholesky", "cg", "auto", "param");

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: SolverCrossover OUT_PREFIX BENCH_DIR...");
            System.exit(2);
        }
        List<LinePlot> time = new ArrayList<>(), memory = new ArrayList<>();
        System.out.println("| network (P) | b | m | cholesky | cg | auto (picks) | param |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (int i = 1; i < args.length; i++) {
            JsonNode bench = new ObjectMapper().readTree(Path.of(args[i], "bench.json").toFile());
            JsonNode options = bench.get("options");
            JsonNode results = bench.get("results");
            String net = options.get("inputs").asInt() + "-" + options.get("model").asText() + "-" + options.get("outputs").asInt();
            long p = results.get(0).get("parameters").asLong();
            String title = String.format(Locale.ROOT, "%s %s, P = %,d", net, options.get("loss").asText(), p);
            // solver → m → (ms, MiB); and per batch, each solver's cell text
            Map<String, TreeMap<Long, double[]>> lines = new LinkedHashMap<>();
            TreeMap<Integer, Map<String, String>> rows = new TreeMap<>();
            TreeMap<Integer, Long> rowsOf = new TreeMap<>();
            for (JsonNode r : results) {
                String solver = requested(r.get("label").asText());
                long m = r.get("system_rows").asLong();
                double ms = r.get("step_ms").get("median").asDouble();
                double mib = r.get("memory_bytes_modelled").asDouble() / (1 << 20);
                lines.computeIfAbsent(solver, k -> new TreeMap<>()).put(m, new double[] {ms, mib});
                int b = r.get("batch").asInt();
                rowsOf.put(b, m);
                String cell = String.format(Locale.ROOT, "%s ms, %s MiB", fmt(ms), fmt(mib));
                if (solver.equals("auto")) {
                    // bench.json before the turn to P × P said solver_cholesky_after
                    JsonNode after = r.has("solver_direct_after") ? r.get("solver_direct_after") : r.get("solver_cholesky_after");
                    String direct = r.has("solver_direct") && r.get("solver_direct").asText().equals("param") ? "P × P" : "K";
                    cell += " (" + r.get("solver").asText() + (after.asInt() > 0 ? ", then " + direct + " after " + after.asInt() : "")
                            + ")";
                }
                rows.computeIfAbsent(b, k -> new LinkedHashMap<>()).put(solver, cell);
            }
            for (JsonNode s : bench.get("skipped")) {
                String what = s.get("what").asText();
                int b = Integer.parseInt(what.substring(what.lastIndexOf(" b") + 2));
                String reason = s.get("reason").asText();
                rows.computeIfAbsent(b, k -> new LinkedHashMap<>()).put(requested(what),
                        reason.startsWith("does not fit") ? "does not fit" : reason);
            }
            boolean first = true;
            for (var e : rows.entrySet()) {
                StringBuilder line = new StringBuilder(first ? String.format(Locale.ROOT, "| %s (%,d) ", net, p) : "| ");
                line.append(String.format(Locale.ROOT, "| %,d | %s ", e.getKey(), rowsOf.containsKey(e.getKey())
                        ? String.format(Locale.ROOT, "%,d", rowsOf.get(e.getKey())) : "–"));
                for (String solver : SOLVERS) {
                    line.append("| ").append(e.getValue().getOrDefault(solver, "–")).append(' ');
                }
                System.out.println(line.append('|'));
                first = false;
            }
            LinePlot t = LinePlot.scaling(title, "rows m", "median ms per step").yScale(Scale.LOG);
            LinePlot mem = LinePlot.scaling(title, "rows m", "modelled MiB").yScale(Scale.LOG);
            for (String solver : SOLVERS) {
                TreeMap<Long, double[]> pts = lines.get(solver);
                if (pts == null) {
                    continue;
                }
                double[] x = pts.keySet().stream().mapToDouble(Long::doubleValue).toArray();
                t.add(solver, x, pts.values().stream().mapToDouble(v -> v[0]).toArray());
                mem.add(solver, x, pts.values().stream().mapToDouble(v -> v[1]).toArray());
            }
            time.add(t);
            memory.add(mem);
        }
        Figure.row("EGN step time by solver (CPU, f32)", time).write(Path.of(args[0] + "-time.png"));
        Figure.row("Memory the plan counts, by solver", memory).write(Path.of(args[0] + "-memory.png"));
    }

    /** The solver a cell asked for: its label names it unless it is auto. */
    private static String requested(String label) {
        for (String s : SOLVERS) {
            if ((" " + label + " ").contains(" " + s + " ")) {
                return s;
            }
        }
        return "auto";
    }

    private static String fmt(double v) {
        return v >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : v >= 10 ? String.format(Locale.ROOT, "%.1f", v)
                : String.format(Locale.ROOT, "%.2f", v);
    }
}
