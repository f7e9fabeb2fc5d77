package dev.gn4j.report;

import dev.gn4j.bench.BenchConfig;
import dev.gn4j.bench.BenchOptions;
import dev.gn4j.bench.BenchResults;
import dev.gn4j.bench.ConfigResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** bench.png: median time per step against batch size, from a benchmark's results. */
public final class BenchPlot {
    public static final String FILE_NAME = "bench.png";

    private BenchPlot() {
    }

    /** Median ms per step against batch size, one line per device × optimizer × dtype (× Gram mode and × solver when several ran). */
    public static LinePlot plot(BenchResults r) {
        Map<String, List<ConfigResult>> lines = new LinkedHashMap<>();
        boolean severalModes = r.options().jacobians().size() > 1;
        boolean severalSolvers = r.options().solvers().size() > 1;
        for (ConfigResult c : r.results()) {
            BenchConfig cfg = c.config();
            String name = cfg.device() + " " + cfg.optimizer() + " " + cfg.dtypeName()
                    + (severalModes && !cfg.firstOrder() ? " " + cfg.jacobianName() : "")
                    + (severalSolvers && !cfg.firstOrder() ? " " + cfg.solver().flag() : "");
            lines.computeIfAbsent(name, k -> new ArrayList<>()).add(c);
        }
        BenchOptions o = r.options();
        LinePlot plot = LinePlot.scaling("gn4j bench: " + o.inputs() + "-" + o.model() + "-" + o.outputs() + ", " + o.loss().spelling(),
                "batch size", "median ms per step");
        for (Map.Entry<String, List<ConfigResult>> e : lines.entrySet()) {
            List<ConfigResult> cs = new ArrayList<>(e.getValue());
            cs.sort(Comparator.comparingInt(c -> c.config().batch()));
            double[] x = cs.stream().mapToDouble(c -> c.config().batch()).toArray();
            double[] y = cs.stream().mapToDouble(c -> c.stepMs().median()).toArray();
            plot.add(e.getKey(), x, y);
        }
        return plot;
    }

    /**
     * Writes DIR/bench.png. A plot that cannot be drawn (nothing measured, no fonts) is not a failed benchmark:
     * the reason is returned, else null.
     */
    public static String write(BenchResults r, Path dir) {
        if (r.results().isEmpty()) {
            return "nothing was measured";
        }
        try {
            Files.createDirectories(dir);
            plot(r).write(dir.resolve(FILE_NAME));
            return null;
        } catch (IOException | RuntimeException e) {
            return e.getMessage();
        }
    }
}
