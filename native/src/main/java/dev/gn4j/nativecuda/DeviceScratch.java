package dev.gn4j.nativecuda;

import static jcuda.driver.JCudaDriver.cuMemAlloc;
import static jcuda.driver.JCudaDriver.cuMemFree;
import static jcuda.driver.JCudaDriver.cuStreamSynchronize;

import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUstream;

/**
 * A device allocation that only grows (cuSOLVER workspaces, pivots, reduction partials):
 * after the first step of a given shape it is large enough and no step allocates again.
 */
final class DeviceScratch implements AutoCloseable {
    private final CUstream stream;
    private CUdeviceptr pointer;
    private long capacity;

    /** {@code stream}: the stream whose queued work may still use the buffer when it has to grow. */
    DeviceScratch(long initialBytes, CUstream stream) {
        this.stream = stream;
        ensure(initialBytes);
    }

    /** At least {@code bytes} bytes of device memory; the contents are not preserved when it grows. */
    CUdeviceptr ensure(long bytes) {
        long want = Math.max(bytes, 8);
        if (want > capacity) {
            long grown = Math.max(want, capacity + capacity / 2);
            release();
            CUdeviceptr p = new CUdeviceptr();
            cuMemAlloc(p, grown);
            pointer = p;
            capacity = grown;
        }
        return pointer;
    }

    CUdeviceptr pointer() {
        return pointer;
    }

    private void release() {
        if (pointer != null) {
            cuStreamSynchronize(stream); // a queued cuSOLVER call may still read the old buffer
            cuMemFree(pointer);
            pointer = null;
            capacity = 0;
        }
    }

    @Override
    public void close() {
        release();
    }
}
