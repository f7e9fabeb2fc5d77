package dev.gn4j.engine.backend;

/**
 * The numerical machine gn4j runs on. Model and optimizer code is written against
 * this interface once; the CPU backend (OpenBLAS) and the CUDA backend (cuBLAS,
 * cuSOLVER, PTX kernels) implement it. All matrices are column-major and live in
 * the backend's memory; only scalars (losses, dot products, factorization info)
 * and explicit transfers cross to the host.
 *
 * <p>The operations come in kernel families, one interface each, and each family has its
 * CPU twin, its {@code kernels/*.cu} file and its Java launcher class side by side
 * (docs/architecture.md has the table): {@link MemoryOps}, {@link BlasOps}, {@link SolveOps},
 * {@link LayerOps}, {@link ConvOps}, {@link LossOps}, {@link GramOps}, {@link OptimizerOps}. Their shape
 * contracts are written once, in {@link Shapes}.
 */
public interface Backend extends MemoryOps, BlasOps, SolveOps, LayerOps, ConvOps, LossOps, GramOps, OptimizerOps,
        AutoCloseable {

    String name();

    /** The most bytes one matrix may take here, whatever the memory (a CPU matrix is one NIO buffer, sized by an int). */
    default long maxMatrixBytes() {
        return Long.MAX_VALUE;
    }

    /** What this backend runs on, for run provenance: the BLAS and threads, or the GPU, driver and CUDA versions. */
    default String description() {
        return name();
    }

    /**
     * Waits until every operation queued so far has finished. Backends that queue work
     * asynchronously (the CUDA stream) override it; the default is for backends whose
     * calls return when the work is done. Used where a host clock must see the device's
     * work, such as phase timing in {@code gn4j bench}; never needed for correctness.
     */
    default void synchronize() {
    }

    @Override
    void close();
}
