package dev.gn4j.nativecuda;

/**
 * Where the launchers enqueue kernels, in order: the CUDA backend's stream, or the kernel
 * lab that runs kernels/*.cu on the CPU in the tests. Both take the same launchers, so the
 * grid arithmetic, the argument lists and the shape checks the lab proves are the ones the
 * GPU runs.
 */
interface KernelStream {
    LaunchGrid grid();

    /** Launches one entry of a kernel, after checking the arguments against its signature ({@link Kernel#requireSignature}). */
    void launch(String entry, int blocks, int threads, KernelArgs args);

    /** The buffer of {@link LaunchGrid#partials()} doubles that a reduction's first pass writes. */
    DevicePointer partials();

    /** One double that sum_partials writes. */
    DevicePointer result();

    /** Waits for the stream and returns {@link #result()}. */
    double readResult();

    /** m ← all-zero bytes (+0.0 in both dtypes). */
    void zero(DeviceMat m);

    /** dst ← src, both of one dtype and size. */
    void copy(DeviceMat src, DeviceMat dst);
}
