package dev.gn4j.bench;

import dev.gn4j.engine.curvature.GramMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The comparisons the issue asks for, from one run's median step times: GPU/CPU
 * for the same cell, each second-order optimizer over SGD on the same device,
 * dtype and batch, and factored over explicit Gram.
 */
public final class Ratios {
    private Ratios() {
    }

    public static List<Ratio> of(List<ConfigResult> results) {
        Map<BenchConfig, ConfigResult> byConfig = new HashMap<>();
        for (ConfigResult r : results) {
            byConfig.put(r.config(), r);
        }
        List<Ratio> out = new ArrayList<>();
        for (ConfigResult r : results) {
            BenchConfig c = r.config();
            if (c.device().equals("gpu")) {
                add(out, "gpu/cpu", c.optimizer() + " " + c.dtypeName() + jacobian(c) + " b" + c.batch(), r, byConfig.get(c.onDevice("cpu")));
            }
        }
        for (ConfigResult r : results) {
            BenchConfig c = r.config();
            if (!c.firstOrder()) {
                add(out, c.optimizer() + "/sgd", c.device() + " " + c.dtypeName() + jacobian(c) + " b" + c.batch(), r,
                        byConfig.get(c.withOptimizer("sgd", null)));
            }
        }
        for (ConfigResult r : results) {
            BenchConfig c = r.config();
            if (c.jacobian() == GramMode.FACTORED) {
                add(out, "factored/explicit", c.device() + " " + c.optimizer() + " " + c.dtypeName() + " b" + c.batch(), r,
                        byConfig.get(c.withOptimizer(c.optimizer(), GramMode.EXPLICIT)));
            }
        }
        return out;
    }

    private static String jacobian(BenchConfig c) {
        return c.firstOrder() ? "" : " " + c.jacobianName();
    }

    private static void add(List<Ratio> out, String kind, String config, ConfigResult num, ConfigResult den) {
        if (den != null) {
            double a = num.stepMs().median();
            double b = den.stepMs().median();
            out.add(new Ratio(kind, config, a / b, a, b));
        }
    }
}
