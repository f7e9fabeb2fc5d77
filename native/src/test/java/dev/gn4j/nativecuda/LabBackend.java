package dev.gn4j.nativecuda;

import dev.gn4j.engine.backend.Activation;
import dev.gn4j.engine.backend.Backend;
import dev.gn4j.engine.backend.ConvShape;
import dev.gn4j.engine.backend.DType;
import dev.gn4j.engine.backend.Mat;
import dev.gn4j.engine.backend.Shapes;
import dev.gn4j.engine.backend.cpu.CpuBackend;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The CUDA backend with its GPU replaced by the kernel lab: every operation that CudaBackend
 * runs as a kernels/*.cu kernel goes through the same launchers ({@link ElementwiseLaunchers}
 * and its siblings) into a {@link KernelLab}, so the launch grid, the argument lists and the
 * kernels themselves are the GPU's. What CudaBackend hands to cuBLAS and cuSOLVER runs on the
 * host through CpuBackend instead (those libraries are not under test here). The tests that
 * hold CudaBackend to its CPU twin ({@link BackendOpsContract}, {@link OptimizerStepContract})
 * run on this backend in every build.
 *
 * <p>Every matrix is its own allocation of exactly its size in the lab, so the
 * AddressSanitizer build fails on any access past its end.
 */
final class LabBackend implements Backend {
    private final KernelLab lab;
    private final CpuBackend host = new CpuBackend();
    private final ConvRowsScratch convScratch = new ConvRowsScratch();

    LabBackend(KernelLab lab) {
        this.lab = lab;
    }

    KernelLab lab() {
        return lab;
    }

    /** A matrix in the lab's memory: an allocation's address plus an element offset. */
    private record LabMat(LabBackend owner, long base, long offset, int rows, int cols, DType dtype) implements DeviceMat {
        @Override
        public Mat view(long off, int r, int c) {
            Mat.requireWithin(this, off, r, c);
            return new LabMat(owner, base, offset + off, r, c, dtype);
        }

        @Override
        public KernelLab.Address address() {
            return new KernelLab.Address(base + offset * dtype.bytes());
        }

        @Override
        public String toString() {
            return "LabMat[" + rows + "x" + cols + " " + dtype + "]";
        }
    }

    private LabMat mat(Mat m) {
        if (m instanceof LabMat lm && lm.owner() == this) {
            return lm;
        }
        throw new IllegalArgumentException("the lab backend was given a matrix it does not own: " + m);
    }

    @Override
    public String name() {
        return "kernel-lab";
    }

    @Override
    public Mat zeros(int rows, int cols, DType dtype) {
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException("zeros: negative shape " + rows + "x" + cols);
        }
        long elements = Math.max(1, (long) rows * cols); // as CudaBackend allocates
        return new LabMat(this, lab.allocate(elements * dtype.bytes()), 0, rows, cols, dtype);
    }

    @Override
    public void upload(double[] src, Mat dst) {
        LabMat d = mat(dst);
        Shapes.requireSize(dst, src.length, "upload");
        ByteBuffer b = ByteBuffer.allocate(Math.toIntExact(d.bytes())).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : src) {
            if (d.dtype() == DType.F64) {
                b.putDouble(v);
            } else {
                b.putFloat((float) v);
            }
        }
        if (src.length > 0) {
            lab.write(d.address().value(), b.array());
        }
    }

    @Override
    public double[] download(Mat src) {
        LabMat s = mat(src);
        double[] out = new double[Math.toIntExact(s.size())];
        if (out.length == 0) {
            return out;
        }
        ByteBuffer b = ByteBuffer.wrap(lab.read(s.address().value(), Math.toIntExact(s.bytes()))).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < out.length; i++) {
            out[i] = s.dtype() == DType.F64 ? b.getDouble() : b.getFloat();
        }
        return out;
    }

    // ---- what CudaBackend runs as kernels: the same launchers ----

    @Override
    public void copy(Mat src, Mat dst) {
        ElementwiseLaunchers.copy(lab, mat(src), mat(dst));
    }

    @Override
    public void fill(Mat m, double value) {
        ElementwiseLaunchers.fill(lab, mat(m), value);
    }

    @Override
    public void symmetrize(Mat c) {
        GramLaunchers.symmetrize(lab, mat(c));
    }

    /** CudaBackend hands a float64 pair to cublasDdot; here the lab's dot_f64 kernel takes it. */
    @Override
    public double dot(Mat x, Mat y) {
        return ElementwiseLaunchers.dot(lab, mat(x), mat(y));
    }

    @Override
    public double sumSquares(Mat x) {
        return dot(x, x);
    }

    @Override
    public void activation(Activation f, Mat z, Mat a) {
        ActivationLaunchers.forward(lab, f, mat(z), mat(a));
    }

    @Override
    public void activationGrad(Activation f, Mat z, Mat a, Mat g, int rps, Mat out) {
        ActivationLaunchers.backward(lab, f, mat(z), mat(a), mat(g), rps, mat(out));
    }

    @Override
    public void addBias(Mat m, Mat bias) {
        ElementwiseLaunchers.addBias(lab, mat(m), mat(bias));
    }

    @Override
    public void columnSums(double alpha, Mat m, double beta, Mat out) {
        ElementwiseLaunchers.columnSums(lab, alpha, mat(m), beta, mat(out));
    }

    @Override
    public double mseResidual(Mat f, Mat y, Mat g) {
        return LossLaunchers.mseResidual(lab, mat(f), mat(y), mat(g));
    }

    @Override
    public double softmaxCrossEntropy(Mat f, Mat labels, Mat p, Mat g) {
        return LossLaunchers.softmaxCrossEntropy(lab, mat(f), mat(labels), mat(p), mat(g));
    }

    @Override
    public long countCorrect(Mat f, Mat labels) {
        return LossLaunchers.countCorrect(lab, mat(f), mat(labels));
    }

    @Override
    public void softmaxQFactor(Mat p, Mat out) {
        LossLaunchers.softmaxQFactor(lab, mat(p), mat(out));
    }

    @Override
    public void identityRows(Mat out) {
        GramLaunchers.identityRows(lab, mat(out));
    }

    @Override
    public void sampleCategorical(Mat p, Mat uniforms, Mat labelsOut) {
        LossLaunchers.sampleCategorical(lab, mat(p), mat(uniforms), mat(labelsOut));
    }

    @Override
    public void gramAccumulate(Mat s2, Mat aa, int rps, Mat k) {
        GramLaunchers.gramAccumulate(lab, mat(s2), mat(aa), rps, mat(k));
    }

    @Override
    public void contractRows(Mat seed, Mat v, int rps, Mat out) {
        GramLaunchers.contractRows(lab, mat(seed), mat(v), rps, mat(out));
    }

    @Override
    public void rowDot(Mat seed, Mat x, int rps, Mat out) {
        GramLaunchers.rowDot(lab, mat(seed), mat(x), rps, mat(out));
    }

    @Override
    public void outerRows(Mat g, Mat a, int rps, Mat out) {
        GramLaunchers.outerRows(lab, mat(g), mat(a), rps, mat(out));
    }

    @Override
    public void im2col(ConvShape shape, Mat patches, Mat a) {
        ConvLaunchers.im2col(lab, shape, mat(patches), mat(a));
    }

    @Override
    public void col2im(ConvShape shape, Mat patches, Mat a) {
        ConvLaunchers.col2im(lab, shape, mat(patches), mat(a));
    }

    @Override
    public void convRows(Mat g, Mat patches, int rps, Mat out) {
        Shapes.convRows(g, patches, rps, out);
        int cout = out.cols() / (patches.cols() + 1), positions = g.rows() == 0 ? 0 : g.cols() / cout;
        Mat bySample = convScratch.bySample(this, patches.rows(), patches.cols(), g.dtype());
        Mat ones = convScratch.ones(this, positions, g.dtype());
        ConvLaunchers.convRows(lab, mat(g), mat(patches), rps, mat(out), mat(bySample), mat(ones), this::gemmStridedBatched);
    }

    /** What CudaBackend hands to cublas?gemmStridedBatched, on the host in double, from and to the lab's memory. */
    private void gemmStridedBatched(int m, int n, int k, DeviceMat a, int lda, long strideA, DeviceMat b, int ldb, long strideB,
            DeviceMat c, int ldc, long strideC, int batch) {
        double[] av = download(a), bv = download(b), cv = download(c);
        for (int t = 0; t < batch; t++) {
            for (int j = 0; j < n; j++) {
                for (int r = 0; r < m; r++) {
                    double sum = 0;
                    for (int l = 0; l < k; l++) {
                        sum += av[Math.toIntExact(t * strideA + r + (long) lda * l)] * bv[Math.toIntExact(t * strideB + l + (long) ldb * j)];
                    }
                    cv[Math.toIntExact(t * strideC + r + (long) ldc * j)] = sum;
                }
            }
        }
        upload(cv, c);
    }

    @Override
    public void maxPool(ConvShape window, Mat a, Mat out) {
        ConvLaunchers.maxPool(lab, window, mat(a), mat(out));
    }

    @Override
    public void maxPoolBackward(ConvShape window, Mat a, Mat g, int rps, Mat below) {
        ConvLaunchers.maxPoolBackward(lab, window, mat(a), mat(g), rps, mat(below));
    }

    @Override
    public void maxPoolTangent(ConvShape window, Mat a, Mat da, Mat dz) {
        ConvLaunchers.maxPoolTangent(lab, window, mat(a), mat(da), mat(dz));
    }

    @Override
    public void avgPool(ConvShape window, Mat a, Mat out) {
        ConvLaunchers.avgPool(lab, window, mat(a), mat(out));
    }

    @Override
    public void avgPoolBackward(ConvShape window, Mat g, Mat below) {
        ConvLaunchers.avgPoolBackward(lab, window, mat(g), mat(below));
    }

    @Override
    public void avgPoolTangent(ConvShape window, Mat da, Mat dz) {
        ConvLaunchers.avgPoolTangent(lab, window, mat(da), mat(dz));
    }

    @Override
    public void adamUpdate(Mat param, Mat grad, Mat m, Mat v, double lr, double beta1, double beta2, double eps,
                           double weightDecay, long t) {
        OptimLaunchers.adamUpdate(lab, mat(param), mat(grad), mat(m), mat(v), lr, beta1, beta2, eps, weightDecay, t);
    }

    @Override
    public void addDiagonal(Mat a, double value) {
        ElementwiseLaunchers.addDiagonal(lab, mat(a), value);
    }

    @Override
    public double trace(Mat a) {
        return ElementwiseLaunchers.trace(lab, mat(a));
    }

    /** As CudaBackend: BLAS scal by 0 would keep NaN, so 0 is a fill. */
    @Override
    public void scal(double alpha, Mat x) {
        if (alpha == 0) {
            fill(x, 0);
            return;
        }
        Mat hx = toHost(x);
        host.scal(alpha, hx);
        upload(host.download(hx), x);
    }

    // ---- what CudaBackend hands to cuBLAS and cuSOLVER: on the host ----

    private Mat toHost(Mat m) {
        Mat h = host.zeros(m.rows(), m.cols(), m.dtype());
        host.upload(download(m), h);
        return h;
    }

    @Override
    public void gemm(boolean transA, boolean transB, double alpha, Mat a, Mat b, double beta, Mat c) {
        Shapes.requireSame("gemm", a, b, c);
        Mat hc = toHost(c);
        host.gemm(transA, transB, alpha, toHost(a), toHost(b), beta, hc);
        upload(host.download(hc), c);
    }

    @Override
    public void syrk(double alpha, Mat a, double beta, Mat c) {
        Shapes.requireSame("syrk", a, c);
        Mat hc = toHost(c);
        host.syrk(alpha, toHost(a), beta, hc);
        upload(host.download(hc), c);
    }

    @Override
    public void symv(double alpha, Mat a, Mat x, double beta, Mat y) {
        Shapes.requireSame("symv", a, x, y);
        Mat hy = toHost(y);
        host.symv(alpha, toHost(a), toHost(x), beta, hy);
        upload(host.download(hy), y);
    }

    @Override
    public void axpy(double alpha, Mat x, Mat y) {
        Shapes.requireSame("axpy", x, y);
        Mat hy = toHost(y);
        host.axpy(alpha, toHost(x), hy);
        upload(host.download(hy), y);
    }

    @Override
    public int cholesky(Mat a) {
        Mat ha = toHost(a);
        int info = host.cholesky(ha);
        upload(host.download(ha), a);
        return info;
    }

    @Override
    public void choleskySolve(Mat factor, Mat b) {
        Mat hb = toHost(b);
        host.choleskySolve(toHost(factor), hb);
        upload(host.download(hb), b);
    }

    @Override
    public int luSolve(Mat a, Mat b) {
        Mat ha = toHost(a);
        Mat hb = toHost(b);
        int info = host.luSolve(ha, hb);
        upload(host.download(ha), a);
        upload(host.download(hb), b);
        return info;
    }

    @Override
    public void close() {
        lab.close();
        host.close();
    }
}
