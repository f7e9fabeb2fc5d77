package dev.gn4j.nativecuda;

import dev.gn4j.engine.backend.Backend;
import dev.gn4j.engine.backend.BackendProvider;
import dev.gn4j.engine.backend.DeviceUnavailable;
import java.util.ArrayList;
import java.util.List;

/**
 * The CUDA backend for device "gpu", registered through META-INF/services. The probe runs
 * once per JVM and is cached. Without signs of an NVIDIA driver it answers from the file
 * system alone ({@link GpuMarkers}), so no JCuda class is loaded on a machine without a GPU;
 * everything JCuda-related lives in classes this one reaches only after that check.
 */
public final class CudaBackendProvider implements BackendProvider {
    private static ProbeResult cached;

    @Override
    public String device() {
        return "gpu";
    }

    @Override
    public String unavailableReason() {
        return probe().reason();
    }

    @Override
    public Backend open() {
        ProbeResult p = probe();
        if (!p.available()) {
            throw new DeviceUnavailable(p.reason());
        }
        return CudaBackend.open(p.device(), p.kernels());
    }

    @Override
    public List<String> diagnostics() {
        ProbeResult p = probe();
        List<String> lines = new ArrayList<>();
        lines.add("gpu: " + (p.available() ? "available (CUDA backend)" : "unavailable: " + p.reason()));
        for (String d : p.details()) {
            lines.add("  " + d);
        }
        if (p.details().isEmpty()) {
            // The probe stopped before the driver: still say what this build carries (pure Java, no JCuda).
            lines.add("  " + kernelsLine());
        }
        return lines;
    }

    private static String kernelsLine() {
        try {
            PtxBundle ptx = PtxBundle.load();
            return "kernels: PTX from " + ptx.origin() + (ptx.buildInfo().isEmpty() ? "" : " (" + ptx.buildInfo() + ")");
        } catch (PtxBundle.Missing e) {
            return e.getMessage();
        } catch (RuntimeException e) {
            return "kernels: unreadable (" + e.getMessage() + ")";
        }
    }

    /** The cached probe; never throws. */
    static synchronized ProbeResult probe() {
        if (cached == null) {
            cached = computeProbe();
        }
        return cached;
    }

    private static ProbeResult computeProbe() {
        try {
            String absent = GpuMarkers.absentReason();
            if (absent != null) {
                return ProbeResult.unavailable(absent, List.of());
            }
            return CudaProbe.run();
        } catch (RuntimeException | LinkageError e) {
            String msg = String.valueOf(e.getMessage()).strip().split("\\R", 2)[0];
            return ProbeResult.unavailable("probing the GPU failed: " + e.getClass().getSimpleName() + ": " + msg, List.of());
        }
    }
}
