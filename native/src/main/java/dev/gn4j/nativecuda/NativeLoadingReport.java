package dev.gn4j.nativecuda;

import java.util.List;

/**
 * What {@link NativeLoading#prepare()} did, for the CUDA backend and {@code gn4j info}.
 *
 * @param kind  which case of the CUDA library search applied
 * @param ready whether JCuda's cuBLAS and cuSOLVER natives should now load: false means the backend
 *              should fall back or fail with {@link #lines()} as the explanation
 * @param lines the first line says what was decided and why; the rest list each library and shim loaded
 */
public record NativeLoadingReport(CudaLibraryPlan.Kind kind, boolean ready, List<String> lines) {
    public NativeLoadingReport {
        lines = List.copyOf(lines);
    }

    /** The first line: the decision, or the reason nothing usable was found. */
    public String summary() {
        return lines.isEmpty() ? "" : lines.get(0);
    }
}
