package dev.gn4j.nativecuda;

import dev.gn4j.engine.backend.Backend;
import dev.gn4j.engine.backend.DType;
import dev.gn4j.engine.backend.Mat;

/**
 * What {@link ConvLaunchers#convRows} needs besides its operands, kept by a backend per dtype at
 * the largest size asked for: the patches reordered sample by sample, and a vector of ones.
 */
final class ConvRowsScratch {
    private final Mat[] bySample = new Mat[DType.values().length];
    private final Mat[] ones = new Mat[DType.values().length];

    Mat bySample(Backend be, int rows, int cols, DType t) {
        int d = t.ordinal();
        long n = Math.max(1, (long) rows * cols);
        if (bySample[d] == null || bySample[d].size() < n) {
            bySample[d] = be.zeros(Math.toIntExact(n), 1, t);
        }
        return bySample[d].view(0, rows, cols);
    }

    Mat ones(Backend be, int n, DType t) {
        int d = t.ordinal();
        if (ones[d] == null || ones[d].size() < n) {
            ones[d] = be.zeros(Math.max(1, n), 1, t);
            be.fill(ones[d], 1);
        }
        return ones[d].view(0, n, 1);
    }
}
