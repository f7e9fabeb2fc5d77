package dev.gn4j.nativecuda;

import java.util.List;

/**
 * The outcome of looking for a usable GPU: a reason (one sentence, no final period, since
 * Backends.open appends to it) or null when the CUDA backend can open, the lines for
 * `gn4j info`, and what open() needs.
 */
record ProbeResult(String reason, List<String> details, GpuDevice device, PtxBundle kernels) {
    ProbeResult {
        details = List.copyOf(details);
    }

    static ProbeResult unavailable(String reason, List<String> details) {
        return new ProbeResult(reason, details, null, null);
    }

    boolean available() {
        return reason == null;
    }
}
