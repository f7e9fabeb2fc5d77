package dev.gn4j.nativecuda;

import java.util.List;

/**
 * The single call site of the CUDA library loader, {@link NativeLoading#prepare()} (DESIGN.md,
 * "CUDA 12 and CUDA 13 hosts"): it runs after the driver probe and before any JCublas2 or
 * JCusolver class initializes, so that on a CUDA-13-only host the CUDA 13 libraries and the
 * forwarding shims are loaded when JCuda's natives ask for libcublas.so.12 / libcusolver.so.11.
 */
final class NativeHook {
    private NativeHook() {
    }

    /**
     * Prepares the libraries and appends what was loaded from where to {@code details}.
     * Returns null when JCuda's cuBLAS and cuSOLVER natives should now load, else why not
     * (one sentence, no final period).
     */
    static String prepare(List<String> details) {
        NativeLoadingReport report = NativeLoading.prepare();
        details.addAll(report.lines());
        if (report.ready()) {
            return null;
        }
        StringBuilder why = new StringBuilder(sentence(report.summary()));
        List<String> lines = report.lines();
        if (lines.size() > 1) {
            why.append("; ").append(sentence(lines.get(lines.size() - 1)));
        }
        return why.toString();
    }

    private static String sentence(String line) {
        String s = line.strip().replaceAll("\\s+", " ");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
