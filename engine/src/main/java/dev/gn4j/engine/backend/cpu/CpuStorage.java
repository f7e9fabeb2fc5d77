package dev.gn4j.engine.backend.cpu;

import dev.gn4j.engine.backend.DType;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;

/**
 * Off-heap storage of one CPU allocation: BLAS gets a pointer without copying,
 * Java loops read it through a buffer view. Freed by JavaCPP's deallocator when
 * unreachable.
 */
abstract sealed class CpuStorage permits CpuStorage.F64, CpuStorage.F32 {

    /** A matrix is one NIO buffer, whose capacity in bytes is an int. */
    static final long MAX_BYTES = Integer.MAX_VALUE;

    static CpuStorage allocate(DType dtype, long elements) {
        if (elements > MAX_BYTES / dtype.bytes()) {
            throw new IllegalArgumentException("a CPU matrix holds at most 2^31-1 bytes (one NIO buffer), asked for "
                    + elements + " " + dtype + " elements");
        }
        int n = (int) Math.max(1, elements);
        return dtype == DType.F64 ? new F64(n) : new F32(n);
    }

    abstract DType dtype();

    /** Elements held. */
    abstract long size();

    abstract double get(int i);

    abstract void set(int i, double v);

    /** A pointer positioned {@code offset} elements in, for native calls. */
    abstract Pointer at(long offset);

    static final class F64 extends CpuStorage {
        private final DoublePointer base;
        final DoubleBuffer buf;

        F64(int n) {
            base = new DoublePointer(n);
            base.zero();
            buf = base.asBuffer();
        }

        @Override
        DType dtype() {
            return DType.F64;
        }

        @Override
        long size() {
            return base.capacity();
        }

        @Override
        double get(int i) {
            return buf.get(i);
        }

        @Override
        void set(int i, double v) {
            buf.put(i, v);
        }

        @Override
        DoublePointer at(long offset) {
            return new DoublePointer(base).position(offset);
        }
    }

    static final class F32 extends CpuStorage {
        private final FloatPointer base;
        final FloatBuffer buf;

        F32(int n) {
            base = new FloatPointer(n);
            base.zero();
            buf = base.asBuffer();
        }

        @Override
        DType dtype() {
            return DType.F32;
        }

        @Override
        long size() {
            return base.capacity();
        }

        @Override
        double get(int i) {
            return buf.get(i);
        }

        @Override
        void set(int i, double v) {
            buf.put(i, (float) v);
        }

        @Override
        FloatPointer at(long offset) {
            return new FloatPointer(base).position(offset);
        }
    }
}
