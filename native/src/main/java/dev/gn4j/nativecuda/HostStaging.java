package dev.gn4j.nativecuda;

import static jcuda.driver.JCudaDriver.cuMemAllocHost;
import static jcuda.driver.JCudaDriver.cuMemFreeHost;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jcuda.Pointer;

/**
 * One page-locked host buffer for transfers (uploads convert double[] into it, downloads
 * and scalar results land in it), grown on demand up to {@link #MAX_BYTES}; larger transfers
 * go in chunks. Pinned memory makes the async copies on the backend's stream truly
 * asynchronous and avoids the driver's hidden staging copy.
 */
final class HostStaging implements AutoCloseable {
    static final long MAX_BYTES = 32L << 20;

    private Pointer host;
    private ByteBuffer buffer;
    private long capacity;

    /** A pinned region of at least min(bytes, MAX_BYTES) bytes; returns its capacity. */
    long ensure(long bytes) {
        long want = Math.min(Math.max(bytes, 64), MAX_BYTES);
        if (want > capacity) {
            long grown = Math.min(MAX_BYTES, Math.max(want, capacity * 2));
            release();
            Pointer p = new Pointer();
            cuMemAllocHost(p, grown);
            host = p;
            capacity = grown;
            buffer = p.getByteBuffer(0, grown).order(ByteOrder.nativeOrder());
        }
        return capacity;
    }

    Pointer pointer() {
        return host;
    }

    /** The whole pinned region in native byte order; absolute gets and puts only. */
    ByteBuffer bytes() {
        return buffer;
    }

    private void release() {
        if (host != null) {
            cuMemFreeHost(host);
            host = null;
            buffer = null;
            capacity = 0;
        }
    }

    @Override
    public void close() {
        release();
    }
}
