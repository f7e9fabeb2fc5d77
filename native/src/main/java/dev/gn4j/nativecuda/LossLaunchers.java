package dev.gn4j.nativecuda;

import dev.gn4j.engine.backend.Shapes;
import static dev.gn4j.nativecuda.ElementwiseLaunchers.finishReduction;
import static dev.gn4j.nativecuda.ElementwiseLaunchers.launch;
import static dev.gn4j.engine.backend.Shapes.requireSame;
import static dev.gn4j.engine.backend.Shapes.requireSize;

/** Launchers of kernels/losses.cu. */
final class LossLaunchers {
    private LossLaunchers() {
    }

    static double mseResidual(KernelStream s, DeviceMat f, DeviceMat y, DeviceMat g) {
        requireSize(y, f.size(), "mseResidual");
        requireSize(g, f.size(), "mseResidual");
        requireSame("mseResidual", f, y, g);
        long n = f.size();
        if (n == 0) {
            return 0;
        }
        int blocks = s.grid().reductionBlocks(n);
        s.launch(Kernel.MSE_RESIDUAL.entry(f.dtype()), blocks, s.grid().threads(),
                new KernelArgs().i64(n).ptr(f).ptr(y).ptr(g).ptr(s.partials()));
        return 0.5 * finishReduction(s, blocks);
    }

    static double softmaxCrossEntropy(KernelStream s, DeviceMat f, DeviceMat labels, DeviceMat p, DeviceMat g) {
        int b = f.rows(), c = f.cols();
        requireSize(labels, b, "softmaxCrossEntropy");
        requireSize(p, f.size(), "softmaxCrossEntropy");
        requireSize(g, f.size(), "softmaxCrossEntropy");
        requireSame("softmaxCrossEntropy", f, labels, p, g);
        if (b == 0 || c == 0) {
            return 0;
        }
        int blocks = s.grid().reductionBlocks(b);
        s.launch(Kernel.SOFTMAX_XENT.entry(f.dtype()), blocks, s.grid().threads(), new KernelArgs().i32(b).i32(c)
                .ptr(f).ptr(labels).ptr(p).ptr(g).ptr(s.partials()));
        return finishReduction(s, blocks);
    }

    static long countCorrect(KernelStream s, DeviceMat f, DeviceMat labels) {
        int b = f.rows(), c = f.cols();
        requireSize(labels, b, "countCorrect");
        requireSame("countCorrect", f, labels);
        if (b == 0 || c == 0) {
            return 0;
        }
        int blocks = s.grid().reductionBlocks(b);
        s.launch(Kernel.COUNT_CORRECT.entry(f.dtype()), blocks, s.grid().threads(),
                new KernelArgs().i32(b).i32(c).ptr(f).ptr(labels).ptr(s.partials()));
        return Math.round(finishReduction(s, blocks));
    }

    static void softmaxQFactor(KernelStream s, DeviceMat p, DeviceMat out) {
        int b = p.rows(), c = p.cols();
        Shapes.softmaxQFactor(p, out);
        requireSame("softmaxQFactor", p, out);
        long work = (long) b * (c - 1) * c;
        if (work > 0) {
            launch(s, Kernel.SOFTMAX_QFACTOR.entry(p.dtype()), work, new KernelArgs().i32(b).i32(c).ptr(p).ptr(out));
        }
    }

    static void sampleCategorical(KernelStream s, DeviceMat p, DeviceMat uniforms, DeviceMat labelsOut) {
        int b = p.rows();
        requireSize(uniforms, b, "sampleCategorical");
        requireSize(labelsOut, b, "sampleCategorical");
        requireSame("sampleCategorical", p, uniforms, labelsOut);
        if (b > 0) {
            launch(s, Kernel.SAMPLE_CATEGORICAL.entry(p.dtype()), b, new KernelArgs().i32(b).i32(p.cols())
                    .ptr(p).ptr(uniforms).ptr(labelsOut));
        }
    }
}
