package dev.gn4j.nativecuda;

import java.util.Locale;

/**
 * What the probe learned about one GPU and its driver.
 *
 * @param driverCudaVersion cuDriverGetVersion, e.g. 13000 for a driver of CUDA 13.0
 */
record GpuDevice(int ordinal, String name, int ccMajor, int ccMinor, long totalMemory, int multiprocessors,
                 int driverCudaVersion) {

    /** The kernels are PTX for compute_75 (see kernels/build-ptx.sh). */
    static final int MIN_CC_MAJOR = 7;
    static final int MIN_CC_MINOR = 5;

    boolean supported() {
        return ccMajor > MIN_CC_MAJOR || (ccMajor == MIN_CC_MAJOR && ccMinor >= MIN_CC_MINOR);
    }

    String describe() {
        return String.format(Locale.ROOT, "GPU %d: %s, compute capability %d.%d, %.1f GiB, %d multiprocessors", ordinal, name,
                ccMajor, ccMinor, totalMemory / (double) (1L << 30), multiprocessors);
    }

    static String cudaVersion(int v) {
        return (v / 1000) + "." + (v % 1000) / 10;
    }
}
