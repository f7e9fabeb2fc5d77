package dev.gn4j.nativecuda;

import dev.gn4j.engine.backend.Shapes;
import static dev.gn4j.nativecuda.ElementwiseLaunchers.launch;
import static dev.gn4j.engine.backend.Shapes.requireSame;
import static dev.gn4j.engine.backend.Shapes.requireSquare;

/** Launchers of kernels/gram.cu: the batch-space pieces around the Gram matrix. */
final class GramLaunchers {
    private GramLaunchers() {
    }

    static void gramAccumulate(KernelStream s, DeviceMat s2, DeviceMat aa, int rps, DeviceMat k) {
        int m = s2.rows();
        Shapes.gramAccumulate(s2, aa, rps, k);
        requireSame("gramAccumulate", s2, aa);
        long work = (long) m * m;
        if (work > 0) {
            launch(s, Kernel.GRAM_ACCUMULATE.entry(s2.dtype(), k.dtype()), work, new KernelArgs().i32(m).i32(aa.rows()).i32(rps)
                    .ptr(s2).ptr(aa).ptr(k));
        }
    }

    static void symmetrize(KernelStream s, DeviceMat c) {
        requireSquare(c, "symmetrize");
        int n = c.rows();
        if (n > 1) {
            launch(s, Kernel.SYMMETRIZE.entry(c.dtype()), (long) n * n, new KernelArgs().i32(n).ptr(c));
        }
    }

    static void identityRows(KernelStream s, DeviceMat out) {
        long work = out.size();
        if (work > 0) {
            launch(s, Kernel.IDENTITY_ROWS.entry(out.dtype()), work, new KernelArgs().i32(out.rows()).i32(out.cols()).ptr(out));
        }
    }

    static void contractRows(KernelStream s, DeviceMat seed, DeviceMat v, int rps, DeviceMat out) {
        int m = seed.rows(), c = seed.cols();
        Shapes.contractRows(seed, v, rps, out);
        requireSame("contractRows", seed, v, out);
        long work = out.size();
        if (work > 0) {
            launch(s, Kernel.CONTRACT_ROWS.entry(seed.dtype()), work, new KernelArgs().i32(out.rows()).i32(c).i32(rps)
                    .ptr(seed).ptr(v).ptr(out));
        }
    }

    static void rowDot(KernelStream s, DeviceMat seed, DeviceMat x, int rps, DeviceMat out) {
        int m = seed.rows(), c = seed.cols();
        Shapes.rowDot(seed, x, rps, out);
        requireSame("rowDot", seed, x, out);
        if (m > 0) {
            launch(s, Kernel.ROW_DOT.entry(seed.dtype()), m, new KernelArgs().i32(m).i32(c).i32(rps).ptr(seed).ptr(x).ptr(out));
        }
    }

    static void outerRows(KernelStream s, DeviceMat g, DeviceMat a, int rps, DeviceMat out) {
        int m = g.rows(), d = g.cols(), e = a.cols();
        Shapes.outerRows(g, a, rps, out);
        requireSame("outerRows", g, a, out);
        long work = out.size();
        if (work > 0) {
            launch(s, Kernel.OUTER_ROWS.entry(g.dtype()), work, new KernelArgs().i32(m).i32(d).i32(e).i32(rps)
                    .ptr(g).ptr(a).ptr(out));
        }
    }
}
