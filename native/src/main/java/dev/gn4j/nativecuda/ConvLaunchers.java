package dev.gn4j.nativecuda;

import static dev.gn4j.nativecuda.ElementwiseLaunchers.launch;

import dev.gn4j.engine.backend.ConvShape;
import dev.gn4j.engine.backend.Shapes;

/** Launchers of kernels/conv.cu: the unfolding of a convolution and its adjoint, its rows of U, and max- and average pooling. */
final class ConvLaunchers {
    private ConvLaunchers() {
    }

    static void im2col(KernelStream s, ConvShape shape, DeviceMat patches, DeviceMat a) {
        Shapes.im2col("im2col", shape, patches, a);
        long work = patches.size();
        if (work > 0) {
            launch(s, Kernel.IM2COL.entry(a.dtype()), work, args(shape, a.rows()).ptr(a).ptr(patches));
        }
    }

    static void col2im(KernelStream s, ConvShape shape, DeviceMat patches, DeviceMat a) {
        Shapes.im2col("col2im", shape, patches, a);
        long work = a.size();
        if (work > 0) {
            launch(s, Kernel.COL2IM.entry(a.dtype()), work, args(shape, a.rows()).ptr(patches).ptr(a));
        }
    }

    /**
     * The rows of U through a convolution ({@code ConvOps.convRows}) as strided-batched GEMMs:
     * the patches reordered sample by sample into {@code bySample} ((P·b) × Q), then per output
     * channel co one batch over the samples, G_{i,co} (rps × P, g's slice, leading dimension m)
     * times X_i (P × Q), and one batch over the channels for the bias columns, each channel's
     * m × P slice of g times {@code ones} (P ones). g is read where it lies.
     */
    static void convRows(KernelStream s, DeviceMat g, DeviceMat patches, int rps, DeviceMat out, DeviceMat bySample,
            DeviceMat ones, StridedBatchedGemm gemm) {
        Shapes.convRows(g, patches, rps, out);
        int m = g.rows(), q = patches.cols(), cout = out.cols() / (q + 1), positions = g.cols() / cout, b = m / rps;
        if (m == 0) {
            return;
        }
        int pb = positions * b;
        Shapes.require(bySample.rows() == pb && bySample.cols() == q && bySample.dtype() == g.dtype()
                && ones.size() == positions && ones.dtype() == g.dtype(), "convRows: scratch of the wrong shape");
        launch(s, Kernel.PATCHES_BY_SAMPLE.entry(g.dtype()), patches.size(), new KernelArgs().i32(positions).i32(b).i32(q)
                .ptr(patches).ptr(bySample));
        for (int co = 0; co < cout; co++) {
            DeviceMat gc = (DeviceMat) g.view((long) m * positions * co, m, positions);
            DeviceMat oc = (DeviceMat) out.view((long) m * q * co, m, q);
            gemm.run(rps, q, positions, gc, m, rps, bySample, pb, positions, oc, m, rps, b);
        }
        DeviceMat bias = (DeviceMat) out.view((long) m * q * cout, m, cout);
        gemm.run(m, 1, positions, g, m, (long) m * positions, ones, positions, 0, bias, m, m, cout);
    }

    static void maxPool(KernelStream s, ConvShape window, DeviceMat a, DeviceMat out) {
        Shapes.pool("maxPool", window, a, out, 1);
        pool(s, window, a, a, out, 0);
    }

    static void maxPoolTangent(KernelStream s, ConvShape window, DeviceMat a, DeviceMat da, DeviceMat dz) {
        Shapes.maxPoolTangent(window, a, da, dz);
        pool(s, window, a, da, dz, 1);
    }

    private static void pool(KernelStream s, ConvShape w, DeviceMat a, DeviceMat t, DeviceMat out, int add) {
        long work = out.size();
        if (work > 0) {
            launch(s, Kernel.MAX_POOL.entry(a.dtype()), work, new KernelArgs().i32(a.rows()).i32(w.channels()).i32(w.height())
                    .i32(w.width()).i32(w.kernel()).i32(w.stride()).i32(w.outHeight()).i32(w.outWidth()).i32(add)
                    .ptr(a).ptr(t).ptr(out));
        }
    }

    static void maxPoolBackward(KernelStream s, ConvShape w, DeviceMat a, DeviceMat g, int rps, DeviceMat below) {
        Shapes.maxPoolBackward(w, a, g, rps, below);
        long work = below.size();
        if (work > 0) {
            launch(s, Kernel.MAX_POOL_BACKWARD.entry(a.dtype()), work, new KernelArgs().i32(g.rows()).i32(rps).i32(w.channels())
                    .i32(w.height()).i32(w.width()).i32(w.kernel()).i32(w.stride()).i32(w.outHeight()).i32(w.outWidth())
                    .ptr(a).ptr(g).ptr(below));
        }
    }

    static void avgPool(KernelStream s, ConvShape window, DeviceMat a, DeviceMat out) {
        Shapes.pool("avgPool", window, a, out, 1);
        avg(s, window, a, out, 0);
    }

    static void avgPoolTangent(KernelStream s, ConvShape window, DeviceMat da, DeviceMat dz) {
        Shapes.pool("avgPoolTangent", window, da, dz, 1);
        avg(s, window, da, dz, 1);
    }

    private static void avg(KernelStream s, ConvShape w, DeviceMat a, DeviceMat out, int add) {
        long work = out.size();
        if (work > 0) {
            launch(s, Kernel.AVG_POOL.entry(a.dtype()), work, new KernelArgs().i32(a.rows()).i32(w.channels()).i32(w.height())
                    .i32(w.width()).i32(w.kernel()).i32(w.stride()).i32(w.outHeight()).i32(w.outWidth()).i32(add)
                    .ptr(a).ptr(out));
        }
    }

    static void avgPoolBackward(KernelStream s, ConvShape w, DeviceMat g, DeviceMat below) {
        Shapes.avgPoolBackward(w, g, below);
        long work = below.size();
        if (work > 0) {
            launch(s, Kernel.AVG_POOL_BACKWARD.entry(g.dtype()), work, new KernelArgs().i32(g.rows()).i32(w.channels())
                    .i32(w.height()).i32(w.width()).i32(w.kernel()).i32(w.stride()).i32(w.outHeight()).i32(w.outWidth())
                    .ptr(g).ptr(below));
        }
    }

    private static KernelArgs args(ConvShape sh, int b) {
        return new KernelArgs().i32(b).i32(sh.channels()).i32(sh.height()).i32(sh.width()).i32(sh.kernel()).i32(sh.stride())
                .i32(sh.padding()).i32(sh.outHeight()).i32(sh.outWidth());
    }
}
