package dev.gn4j.nativecuda;

import static dev.gn4j.engine.backend.Shapes.requireSame;
import static dev.gn4j.engine.backend.Shapes.requireSize;

import dev.gn4j.engine.backend.DType;

/** Launchers of kernels/elementwise.cu: fill, conversion, bias, column sums, the diagonal, and the reductions' two passes. */
final class ElementwiseLaunchers {
    private ElementwiseLaunchers() {
    }

    /** A grid-stride kernel over {@code work} items, on the stream's grid. */
    static void launch(KernelStream s, String entry, long work, KernelArgs args) {
        LaunchGrid grid = s.grid();
        s.launch(entry, grid.blocks(work), grid.threads(), args);
    }

    /** Second pass of a reduction over {@code blocks} partials, and the one copy back to the host. */
    static double finishReduction(KernelStream s, int blocks) {
        s.launch(Kernel.SUM_PARTIALS.entry(), 1, s.grid().sumThreads(),
                new KernelArgs().i32(blocks).ptr(s.partials()).ptr(s.result()));
        return s.readResult();
    }

    static void copy(KernelStream s, DeviceMat src, DeviceMat dst) {
        requireSize(dst, src.size(), "copy");
        long n = src.size();
        if (n == 0) {
            return;
        }
        if (src.dtype() == dst.dtype()) {
            s.copy(src, dst);
        } else {
            launch(s, Kernel.CONVERT.entry(src.dtype(), dst.dtype()), n, new KernelArgs().i64(n).ptr(src).ptr(dst));
        }
    }

    static void fill(KernelStream s, DeviceMat x, double value) {
        long n = x.size();
        if (n == 0) {
            return;
        }
        if (Double.doubleToRawLongBits(value) == 0L) { // +0.0 is all-zero bytes in both dtypes
            s.zero(x);
        } else {
            launch(s, Kernel.FILL.entry(x.dtype()), n, new KernelArgs().i64(n).ptr(x).scalar(x.dtype(), value));
        }
    }

    static void addBias(KernelStream s, DeviceMat m, DeviceMat bias) {
        requireSize(bias, m.cols(), "addBias");
        requireSame("addBias", m, bias);
        long work = m.size();
        if (work > 0) {
            launch(s, Kernel.ADD_BIAS.entry(m.dtype()), work, new KernelArgs().i32(m.rows()).i32(m.cols()).ptr(m).ptr(bias));
        }
    }

    /** One block a column, up to the grid's cap (the kernel strides over the rest). */
    static void columnSums(KernelStream s, double alpha, DeviceMat m, double beta, DeviceMat out) {
        requireSize(out, m.cols(), "columnSums");
        requireSame("columnSums", m, out);
        int cols = m.cols();
        if (cols > 0) {
            s.launch(Kernel.COLUMN_SUMS.entry(m.dtype()), Math.min(cols, s.grid().maxBlocks()), s.grid().threads(),
                    new KernelArgs().i32(m.rows()).i32(cols).f64(alpha).f64(beta).ptr(m).ptr(out));
        }
    }

    static void addDiagonal(KernelStream s, DeviceMat a, double value) {
        int count = Math.min(a.rows(), a.cols());
        if (count > 0) {
            launch(s, Kernel.ADD_DIAGONAL.entry(a.dtype()), count, new KernelArgs().i32(a.rows()).i32(a.cols()).ptr(a).f64(value));
        }
    }

    static double trace(KernelStream s, DeviceMat a) {
        int count = Math.min(a.rows(), a.cols());
        if (count == 0) {
            return 0;
        }
        int blocks = s.grid().reductionBlocks(count);
        s.launch(Kernel.TRACE.entry(a.dtype()), blocks, s.grid().threads(),
                new KernelArgs().i32(a.rows()).i32(a.cols()).ptr(a).ptr(s.partials()));
        return finishReduction(s, blocks);
    }

    /**
     * Σ x_i y_i accumulated in double (the float32 and mixed-dtype dot of the CUDA backend,
     * where cublasSdot would sum in float); a float64 x with a float32 y is swapped, as the
     * mixed kernel takes the float32 operand first.
     */
    static double dot(KernelStream s, DeviceMat x, DeviceMat y) {
        requireSize(y, x.size(), "dot");
        long n = x.size();
        if (n == 0) {
            return 0;
        }
        if (x.dtype() == DType.F64 && y.dtype() == DType.F32) {
            DeviceMat swap = x;
            x = y;
            y = swap;
        }
        int blocks = s.grid().reductionBlocks(n);
        s.launch(Kernel.DOT.entry(x.dtype(), y.dtype()), blocks, s.grid().threads(),
                new KernelArgs().i64(n).ptr(x).ptr(y).ptr(s.partials()));
        return finishReduction(s, blocks);
    }
}
