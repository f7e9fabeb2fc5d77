package dev.gn4j.nativecuda;

import dev.gn4j.engine.backend.DType;
import java.util.Arrays;
import jcuda.NativePointerObject;
import jcuda.Pointer;

/**
 * The parameter list of one kernel launch, recording the signature letters (see
 * {@link Kernel}) as it grows so the launcher can check it against the kernel's contract.
 */
final class KernelArgs {
    private NativePointerObject[] params = new NativePointerObject[12];
    private final StringBuilder signature = new StringBuilder(12);
    private int count;

    KernelArgs ptr(CudaMat m) {
        return add(Pointer.to(m.pointer()), 'p');
    }

    KernelArgs ptr(Pointer devicePointer) {
        return add(Pointer.to(devicePointer), 'p');
    }

    KernelArgs i32(int v) {
        return add(Pointer.to(new int[] {v}), 'i');
    }

    KernelArgs i64(long v) {
        return add(Pointer.to(new long[] {v}), 'l');
    }

    KernelArgs f64(double v) {
        return add(Pointer.to(new double[] {v}), 'd');
    }

    /** A scalar in the given element type (the kernel's T). */
    KernelArgs scalar(DType t, double v) {
        return t == DType.F64 ? add(Pointer.to(new double[] {v}), 'd') : add(Pointer.to(new float[] {(float) v}), 'f');
    }

    private KernelArgs add(NativePointerObject p, char letter) {
        if (count == params.length) {
            params = Arrays.copyOf(params, count * 2);
        }
        params[count++] = p;
        signature.append(letter);
        return this;
    }

    String signature() {
        return signature.toString();
    }

    /** The kernelParams argument of cuLaunchKernel: a pointer to the array of argument pointers. */
    Pointer kernelParams() {
        return Pointer.to(Arrays.copyOf(params, count));
    }
}
