package dev.gn4j.nativecuda;

import dev.gn4j.engine.backend.DType;
import java.util.Arrays;

/**
 * The parameter list of one kernel launch: its values in order and the signature letters
 * (see {@link Kernel}) that the stream checks against the kernel's contract before launching.
 * Values are Integer, Long, Float, Double or a {@link DevicePointer}.
 */
final class KernelArgs {
    private Object[] values = new Object[12];
    private final StringBuilder signature = new StringBuilder(12);
    private int count;

    KernelArgs ptr(DeviceMat m) {
        return add(m.address(), 'p');
    }

    KernelArgs ptr(DevicePointer devicePointer) {
        return add(devicePointer, 'p');
    }

    KernelArgs i32(int v) {
        return add(v, 'i');
    }

    KernelArgs i64(long v) {
        return add(v, 'l');
    }

    KernelArgs f64(double v) {
        return add(v, 'd');
    }

    /** A scalar in the given element type (the kernel's T). */
    KernelArgs scalar(DType t, double v) {
        return t == DType.F64 ? add(v, 'd') : add((float) v, 'f');
    }

    private KernelArgs add(Object v, char letter) {
        if (count == values.length) {
            values = Arrays.copyOf(values, count * 2);
        }
        values[count++] = v;
        signature.append(letter);
        return this;
    }

    String signature() {
        return signature.toString();
    }

    int count() {
        return count;
    }

    char letter(int i) {
        return signature.charAt(i);
    }

    Object value(int i) {
        return values[i];
    }
}
