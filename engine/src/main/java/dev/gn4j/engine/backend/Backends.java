package dev.gn4j.engine.backend;

import dev.gn4j.engine.backend.cpu.CpuBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Chooses the backend for {@code --device auto|cpu|gpu}. */
public final class Backends {
    private static final Logger LOG = LoggerFactory.getLogger(Backends.class);

    private Backends() {
    }

    public static Backend open(String device) {
        String d = device == null ? "auto" : device.toLowerCase(Locale.ROOT);
        switch (d) {
            case "cpu":
                return new CpuBackend();
            case "gpu":
            case "cuda": {
                List<String> reasons = new ArrayList<>();
                for (BackendProvider p : providers("gpu")) {
                    String why = p.unavailableReason();
                    if (why == null) {
                        return p.open();
                    }
                    reasons.add(why);
                }
                throw new DeviceUnavailable("--device gpu: no GPU backend can run here: "
                        + (reasons.isEmpty() ? "this gn4j build has no CUDA backend" : String.join("; ", reasons))
                        + ". Use --device cpu or --device auto.");
            }
            case "auto": {
                for (BackendProvider p : providers("gpu")) {
                    String why = p.unavailableReason();
                    if (why == null) {
                        return p.open();
                    }
                    LOG.info("no GPU ({}); using the CPU backend", why);
                }
                return new CpuBackend();
            }
            default:
                throw new IllegalArgumentException("unknown --device '" + device + "' (expected auto, cpu or gpu)");
        }
    }

    private static List<BackendProvider> providers(String device) {
        List<BackendProvider> out = new ArrayList<>();
        try {
            for (BackendProvider p : ServiceLoader.load(BackendProvider.class)) {
                if (p.device().equals(device)) {
                    out.add(p);
                }
            }
        } catch (java.util.ServiceConfigurationError | LinkageError e) {
            LOG.debug("a backend provider failed to load", e);
        }
        return out;
    }
}
