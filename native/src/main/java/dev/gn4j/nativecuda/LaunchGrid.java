package dev.gn4j.nativecuda;

/**
 * The grid arithmetic of every kernel launch: threads a block, the cap on a grid-stride
 * kernel's blocks, the blocks of a reduction's first pass (one partial each, so also the
 * size of the partials buffer) and the threads of its second pass (sum_partials, one block).
 * The CUDA backend takes {@link #forMultiprocessors}; the kernel lab takes a small grid
 * so that every grid-stride loop and every reduction wraps.
 */
record LaunchGrid(int threads, int maxBlocks, int partials, int sumThreads) {
    static final int THREADS = 256;
    static final int PARTIALS = 1024;
    static final int SUM_THREADS = 1024;

    LaunchGrid {
        if (threads < 32 || threads % 32 != 0 || threads > 1024 || sumThreads < 32 || sumThreads % 32 != 0
                || sumThreads > 1024 || maxBlocks < 1 || partials < 1) {
            throw new IllegalArgumentException("launch grid: " + threads + " threads, " + maxBlocks + " blocks, " + partials
                    + " partials, " + sumThreads + " sum threads (blocks are whole warps of at most 1024 threads)");
        }
    }

    /** 32 resident blocks per multiprocessor cover any GPU's occupancy; more only adds scheduling. */
    static LaunchGrid forMultiprocessors(int multiprocessors) {
        return new LaunchGrid(THREADS, Math.max(1, multiprocessors) * 32, PARTIALS, SUM_THREADS);
    }

    /** Blocks for a grid-stride kernel over {@code work} items. */
    int blocks(long work) {
        return (int) Math.max(1, Math.min(ceilDiv(work), maxBlocks));
    }

    /** Blocks for the first pass of a reduction: each writes one partial. */
    int reductionBlocks(long work) {
        return (int) Math.max(1, Math.min(ceilDiv(work), partials));
    }

    private long ceilDiv(long work) {
        return work / threads + (work % threads == 0 ? 0 : 1);
    }
}
