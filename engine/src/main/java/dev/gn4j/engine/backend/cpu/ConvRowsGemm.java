package dev.gn4j.engine.backend.cpu;

import dev.gn4j.engine.backend.DType;

/**
 * {@code Backend.convRows} as GEMMs: for sample i and output channel co, the rows' block of
 * the weight derivative is G_{i,co} · X_i, the rps × P slice of g (leading dimension m) times
 * the sample's P × Q patches. One strided batch over the samples per channel, the channels
 * split into {@link Parallel} parts; the bias columns are each channel's m × P slice times
 * ones. g is used where it lies; only the patches are restaged, from position-major rows
 * (p·b + i, as the forward GEMM wants them) to sample-major (i·P + p), so that X_i is one
 * block with a leading dimension. The loop form ({@link ConvKernels#convRows}) stays as the
 * scalar reference; this one sums in the working dtype, in OpenBLAS's order.
 */
final class ConvRowsGemm {
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private ConvRowsGemm() {
    }

    /** Native scratch of the calling thread: the restaged patches and a vector of ones, per dtype. */
    private static final class Scratch {
        private final CpuStorage[] patches = new CpuStorage[DType.values().length];
        private final CpuStorage[] ones = new CpuStorage[DType.values().length];
        private final int[] onesFilled = new int[DType.values().length];

        CpuStorage patches(DType dtype, long elements) {
            int d = dtype.ordinal();
            if (patches[d] == null || patches[d].size() < elements) {
                patches[d] = CpuStorage.allocate(dtype, elements);
            }
            return patches[d];
        }

        CpuStorage ones(DType dtype, int n) {
            int d = dtype.ordinal();
            if (ones[d] == null || onesFilled[d] < n) {
                ones[d] = CpuStorage.allocate(dtype, n);
                for (int i = 0; i < n; i++) {
                    ones[d].set(i, 1);
                }
                onesFilled[d] = n;
            }
            return ones[d];
        }
    }

    static void run(CpuMat g, CpuMat patches, int rps, CpuMat out) {
        int m = g.rows(), q = patches.cols(), cout = out.cols() / (q + 1), positions = g.cols() / cout, b = m / rps;
        int pb = positions * b;
        if (m == 0) {
            return;
        }
        Scratch scratch = SCRATCH.get();
        CpuMat bySample = new CpuMat(scratch.patches(g.dtype(), (long) pb * q), 0, pb, q);
        bySample(patches, positions, b, bySample);
        CpuStorage ones = scratch.ones(g.dtype(), positions);
        StridedGemm perSample = new StridedGemm(false, false, rps, q, positions, m, rps, pb, positions, m, rps);
        StridedGemm bias = new StridedGemm(false, false, m, 1, positions, m, 0, Math.max(1, positions), 0, m, 0);
        int parts = Math.min(cout, Parallel.parts((long) m * positions * (q + 1) * cout));
        Parallel.run(parts, part -> {
            for (int co = Parallel.bound(cout, parts, part); co < Parallel.bound(cout, parts, part + 1); co++) {
                long gAt = g.offset + (long) m * positions * co;
                perSample.run(1, g.store, gAt, bySample.store, 0, 0, out.store, out.offset + (long) m * q * co, 0, b);
                bias.run(1, g.store, gAt, ones, 0, 0, out.store, out.offset + (long) m * (q * cout + co), 0, 1);
            }
        });
    }

    /** to ((P·b) × Q) ← the patches with rows reordered from p·b + i to i·P + p, column by column. */
    private static void bySample(CpuMat from, int positions, int b, CpuMat to) {
        int pb = positions * b, q = from.cols();
        int parts = Math.min(q, Parallel.parts((long) pb * q));
        Parallel.run(parts, part -> {
            Staging.Scratch s = Staging.Scratch.get();
            double[] in = s.slot(0, pb);
            double[] re = s.slot(1, pb);
            for (int j = Parallel.bound(q, parts, part); j < Parallel.bound(q, parts, part + 1); j++) {
                Staging.load(from, j * pb, in, pb);
                for (int p = 0, at = 0; p < positions; p++) {
                    for (int i = 0; i < b; i++, at++) {
                        re[i * positions + p] = in[at];
                    }
                }
                Staging.store(re, pb, to, j * pb);
            }
        });
    }
}
