package dev.gn4j.engine.backend.cpu;

import static org.bytedeco.openblas.global.openblas.CblasColMajor;
import static org.bytedeco.openblas.global.openblas.CblasLower;
import static org.bytedeco.openblas.global.openblas.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas.CblasTrans;

import dev.gn4j.engine.backend.Activation;
import dev.gn4j.engine.backend.Backend;
import dev.gn4j.engine.backend.DType;
import dev.gn4j.engine.backend.GemmShape;
import dev.gn4j.engine.backend.Mat;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.openblas.global.openblas;

/**
 * The CPU backend: BLAS and LAPACK from OpenBLAS (bundled natives through
 * org.bytedeco:openblas), elementwise kernels as plain Java loops. Every kernel
 * here is also the CPU twin against which the CUDA kernels are tested.
 */
public final class CpuBackend implements Backend {
    private static final int LAPACK_COL_MAJOR = 102;
    private static final byte LOWER = (byte) 'L';

    public CpuBackend() {
        // Touching the class loads the natives, so a broken install fails here, early and clearly.
        Loader.load(openblas.class);
    }

    /** OpenBLAS's thread count and build configuration, for `gn4j info` and run provenance. */
    public static String blasDescription() {
        String env = System.getenv("OPENBLAS_NUM_THREADS");
        return "OpenBLAS 0.3.31 (org.bytedeco openblas 1.5.13), threads "
                + (env != null ? env + " (OPENBLAS_NUM_THREADS)" : Runtime.getRuntime().availableProcessors() + " (cores)");
    }

    @Override
    public String name() {
        return "cpu";
    }

    @Override
    public String description() {
        return blasDescription();
    }

    private static CpuMat c(Mat m) {
        return (CpuMat) m;
    }

    private static void requireSame(Mat a, Mat b, String op) {
        if (a.dtype() != b.dtype()) {
            throw new IllegalArgumentException(op + ": mixed dtypes " + a.dtype() + " and " + b.dtype());
        }
    }

    private static void requireSize(Mat m, long n, String op) {
        if (m.size() != n) {
            throw new IllegalArgumentException(op + ": expected " + n + " elements, got " + m.rows() + "x" + m.cols());
        }
    }

    // ---- memory ----

    @Override
    public Mat zeros(int rows, int cols, DType dtype) {
        return new CpuMat(CpuStorage.allocate(dtype, (long) rows * cols), 0, rows, cols);
    }

    @Override
    public void upload(double[] src, Mat dst) {
        requireSize(dst, src.length, "upload");
        CpuMat d = c(dst);
        for (int i = 0; i < src.length; i++) {
            d.set(i, src[i]);
        }
    }

    @Override
    public double[] download(Mat src) {
        CpuMat s = c(src);
        double[] out = new double[Math.toIntExact(src.size())];
        for (int i = 0; i < out.length; i++) {
            out[i] = s.get(i);
        }
        return out;
    }

    @Override
    public void copy(Mat src, Mat dst) {
        requireSize(dst, src.size(), "copy");
        CpuMat s = c(src);
        CpuMat d = c(dst);
        int n = Math.toIntExact(src.size());
        for (int i = 0; i < n; i++) {
            d.set(i, s.get(i));
        }
    }

    @Override
    public void fill(Mat m, double value) {
        CpuMat d = c(m);
        int n = Math.toIntExact(m.size());
        for (int i = 0; i < n; i++) {
            d.set(i, value);
        }
    }

    // ---- BLAS ----

    @Override
    public void gemm(boolean transA, boolean transB, double alpha, Mat a, Mat b, double beta, Mat cm) {
        requireSame(a, b, "gemm");
        requireSame(a, cm, "gemm");
        GemmShape shape = GemmShape.of(transA, transB, a, b, cm);
        int m = shape.m(), n = shape.n(), k = shape.k();
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0) {
            scal(beta, cm);
            return;
        }
        int ta = transA ? CblasTrans : CblasNoTrans;
        int tb = transB ? CblasTrans : CblasNoTrans;
        CpuMat A = c(a), B = c(b), C = c(cm);
        int lda = Math.max(1, a.rows()), ldb = Math.max(1, b.rows()), ldc = Math.max(1, cm.rows());
        if (a.dtype() == DType.F64) {
            openblas.cblas_dgemm(CblasColMajor, ta, tb, m, n, k, alpha, d(A), lda, d(B), ldb, beta, d(C), ldc);
        } else {
            openblas.cblas_sgemm(CblasColMajor, ta, tb, m, n, k, (float) alpha, f(A), lda, f(B), ldb, (float) beta, f(C), ldc);
        }
    }

    @Override
    public void syrk(double alpha, Mat a, double beta, Mat cm) {
        requireSame(a, cm, "syrk");
        int n = a.rows();
        int k = a.cols();
        if (cm.rows() != n || cm.cols() != n) {
            throw new IllegalArgumentException("syrk: " + n + "x" + k + " needs an " + n + "x" + n + " result");
        }
        CpuMat A = c(a), C = c(cm);
        if (a.dtype() == DType.F64) {
            openblas.cblas_dsyrk(CblasColMajor, CblasLower, CblasNoTrans, n, k, alpha, d(A), Math.max(1, n), beta, d(C), Math.max(1, n));
        } else {
            openblas.cblas_ssyrk(CblasColMajor, CblasLower, CblasNoTrans, n, k, (float) alpha, f(A), Math.max(1, n), (float) beta, f(C), Math.max(1, n));
        }
    }

    @Override
    public void symmetrize(Mat cm) {
        CpuMat C = c(cm);
        int n = cm.rows();
        // Blocked so that both the column reads and the row writes stay in cache.
        final int bs = 64;
        for (int jb = 0; jb < n; jb += bs) {
            for (int ib = jb; ib < n; ib += bs) {
                for (int j = jb; j < Math.min(jb + bs, n); j++) {
                    for (int i = Math.max(ib, j + 1); i < Math.min(ib + bs, n); i++) {
                        C.set(j, i, C.get(i, j));
                    }
                }
            }
        }
    }

    @Override
    public void axpy(double alpha, Mat x, Mat y) {
        requireSame(x, y, "axpy");
        requireSize(y, x.size(), "axpy");
        int n = Math.toIntExact(x.size());
        if (x.dtype() == DType.F64) {
            openblas.cblas_daxpy(n, alpha, d(c(x)), 1, d(c(y)), 1);
        } else {
            openblas.cblas_saxpy(n, (float) alpha, f(c(x)), 1, f(c(y)), 1);
        }
    }

    @Override
    public void scal(double alpha, Mat x) {
        int n = Math.toIntExact(x.size());
        if (alpha == 0) {
            fill(x, 0); // BLAS scal by 0 keeps NaN; a fresh start must not.
        } else if (x.dtype() == DType.F64) {
            openblas.cblas_dscal(n, alpha, d(c(x)), 1);
        } else {
            openblas.cblas_sscal(n, (float) alpha, f(c(x)), 1);
        }
    }

    @Override
    public double dot(Mat x, Mat y) {
        requireSize(y, x.size(), "dot");
        CpuMat a = c(x), b = c(y);
        int n = Math.toIntExact(x.size());
        if (x.dtype() == DType.F64 && y.dtype() == DType.F64) {
            return openblas.cblas_ddot(n, d(a), 1, d(b), 1);
        }
        double s = 0; // float32 inputs: accumulate in double
        for (int i = 0; i < n; i++) {
            s += a.get(i) * b.get(i);
        }
        return s;
    }

    @Override
    public double sumSquares(Mat x) {
        return dot(x, x);
    }

    // ---- elementwise ----

    @Override
    public void activation(Activation fn, Mat z, Mat a) {
        requireSize(a, z.size(), "activation");
        CpuMat Z = c(z), A = c(a);
        int n = Math.toIntExact(z.size());
        for (int i = 0; i < n; i++) {
            A.set(i, fn.apply(Z.get(i)));
        }
    }

    @Override
    public void activationGrad(Activation fn, Mat z, Mat a, Mat g, int rps, Mat out) {
        int b = z.rows(), d = z.cols();
        int m = g.rows();
        if (m != b * rps || g.cols() != d || out.rows() != m || out.cols() != d) {
            throw new IllegalArgumentException("activationGrad: z " + b + "x" + d + ", g " + m + "x" + g.cols() + ", rps " + rps);
        }
        CpuMat Z = c(z), A = c(a), G = c(g), O = c(out);
        for (int j = 0; j < d; j++) {
            for (int r = 0; r < m; r++) {
                int i = r / rps;
                O.set(r, j, G.get(r, j) * fn.derivative(Z.get(i, j), A.get(i, j)));
            }
        }
    }

    @Override
    public void addBias(Mat m, Mat bias) {
        requireSize(bias, m.cols(), "addBias");
        CpuMat M = c(m), B = c(bias);
        for (int j = 0; j < m.cols(); j++) {
            double bj = B.get(j);
            for (int i = 0; i < m.rows(); i++) {
                M.set(i, j, M.get(i, j) + bj);
            }
        }
    }

    @Override
    public void columnSums(double alpha, Mat m, double beta, Mat out) {
        requireSize(out, m.cols(), "columnSums");
        CpuMat M = c(m), O = c(out);
        for (int j = 0; j < m.cols(); j++) {
            double s = 0;
            for (int i = 0; i < m.rows(); i++) {
                s += M.get(i, j);
            }
            O.set(j, alpha * s + (beta == 0 ? 0 : beta * O.get(j)));
        }
    }

    @Override
    public double mseResidual(Mat f, Mat y, Mat g) {
        requireSize(y, f.size(), "mseResidual");
        requireSize(g, f.size(), "mseResidual");
        CpuMat F = c(f), Y = c(y), G = c(g);
        int n = Math.toIntExact(f.size());
        double s = 0;
        for (int i = 0; i < n; i++) {
            double r = F.get(i) - Y.get(i);
            G.set(i, r);
            s += r * r;
        }
        return 0.5 * s;
    }

    @Override
    public double softmaxCrossEntropy(Mat f, Mat labels, Mat p, Mat g) {
        int b = f.rows(), cc = f.cols();
        requireSize(labels, b, "softmaxCrossEntropy");
        CpuMat F = c(f), Y = c(labels), P = c(p), G = c(g);
        double nll = 0;
        for (int i = 0; i < b; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < cc; k++) {
                max = Math.max(max, F.get(i, k));
            }
            double z = 0;
            for (int k = 0; k < cc; k++) {
                z += Math.exp(F.get(i, k) - max);
            }
            double logZ = max + Math.log(z);
            int y = (int) Y.get(i);
            for (int k = 0; k < cc; k++) {
                double pk = Math.exp(F.get(i, k) - logZ);
                P.set(i, k, pk);
                G.set(i, k, pk - (k == y ? 1 : 0));
            }
            nll += logZ - F.get(i, y);
        }
        return nll;
    }

    @Override
    public long countCorrect(Mat f, Mat labels) {
        CpuMat F = c(f), Y = c(labels);
        long correct = 0;
        for (int i = 0; i < f.rows(); i++) {
            int best = 0;
            for (int k = 1; k < f.cols(); k++) {
                if (F.get(i, k) > F.get(i, best)) {
                    best = k;
                }
            }
            if (best == (int) Y.get(i)) {
                correct++;
            }
        }
        return correct;
    }

    @Override
    public void softmaxQFactor(Mat p, Mat out) {
        int b = p.rows(), cc = p.cols();
        if (out.rows() != b * cc || out.cols() != cc) {
            throw new IllegalArgumentException("softmaxQFactor: p " + b + "x" + cc + " needs a " + (b * cc) + "x" + cc + " result");
        }
        CpuMat P = c(p), O = c(out);
        double[] s = new double[cc];
        for (int i = 0; i < b; i++) {
            for (int k = 0; k < cc; k++) {
                s[k] = Math.sqrt(Math.max(0, P.get(i, k)));
            }
            for (int k = 0; k < cc; k++) {
                for (int j = 0; j < cc; j++) {
                    // B[k, j] = (δ_kj − s_k s_j) s_j
                    O.set(i * cc + k, j, ((k == j ? 1 : 0) - s[k] * s[j]) * s[j]);
                }
            }
        }
    }

    @Override
    public void identityRows(Mat out) {
        int cc = out.cols();
        int m = out.rows();
        CpuMat O = c(out);
        for (int j = 0; j < cc; j++) {
            for (int r = 0; r < m; r++) {
                O.set(r, j, r % cc == j ? 1 : 0);
            }
        }
    }

    @Override
    public void sampleCategorical(Mat p, Mat uniforms, Mat labelsOut) {
        CpuMat P = c(p), U = c(uniforms), L = c(labelsOut);
        for (int i = 0; i < p.rows(); i++) {
            double u = U.get(i), acc = 0;
            int label = p.cols() - 1;
            for (int k = 0; k < p.cols(); k++) {
                acc += P.get(i, k);
                if (u < acc) {
                    label = k;
                    break;
                }
            }
            L.set(i, label);
        }
    }

    @Override
    public void gramAccumulate(Mat s2, Mat aa, int rps, Mat k) {
        int m = s2.rows();
        if (s2.cols() != m || k.rows() != m || k.cols() != m || aa.rows() * rps != m) {
            throw new IllegalArgumentException("gramAccumulate: s " + m + "x" + s2.cols() + ", aa " + aa.rows() + ", rps " + rps);
        }
        CpuMat S = c(s2), A = c(aa), K = c(k);
        for (int col = 0; col < m; col++) {
            int j = col / rps;
            for (int row = col; row < m; row++) {
                K.set(row, col, K.get(row, col) + S.get(row, col) * (A.get(row / rps, j) + 1));
            }
        }
    }

    @Override
    public void contractRows(Mat seed, Mat v, int rps, Mat out) {
        int m = seed.rows(), cc = seed.cols();
        CpuMat S = c(seed), V = c(v), O = c(out);
        if (out.rows() * rps != m || out.cols() != cc || v.size() != m) {
            throw new IllegalArgumentException("contractRows: seed " + m + "x" + cc + ", out " + out.rows() + "x" + out.cols());
        }
        for (int k = 0; k < cc; k++) {
            for (int i = 0; i < out.rows(); i++) {
                double s = 0;
                for (int q = 0; q < rps; q++) {
                    int r = i * rps + q;
                    s += V.get(r) * S.get(r, k);
                }
                O.set(i, k, s);
            }
        }
    }

    @Override
    public void rowDot(Mat seed, Mat x, int rps, Mat out) {
        int m = seed.rows(), cc = seed.cols();
        CpuMat S = c(seed), X = c(x), O = c(out);
        if (x.rows() * rps != m || x.cols() != cc || out.size() != m) {
            throw new IllegalArgumentException("rowDot: seed " + m + "x" + cc + ", x " + x.rows() + "x" + x.cols());
        }
        for (int r = 0; r < m; r++) {
            int i = r / rps;
            double s = 0;
            for (int k = 0; k < cc; k++) {
                s += S.get(r, k) * X.get(i, k);
            }
            O.set(r, s);
        }
    }

    @Override
    public void outerRows(Mat g, Mat a, int rps, Mat out) {
        int m = g.rows(), dd = g.cols(), e = a.cols();
        if (a.rows() * rps != m || out.rows() != m || out.cols() != dd * e + dd) {
            throw new IllegalArgumentException("outerRows: g " + m + "x" + dd + ", a " + a.rows() + "x" + e + ", out " + out.rows() + "x" + out.cols());
        }
        CpuMat G = c(g), A = c(a), O = c(out);
        for (int kk = 0; kk < e; kk++) {
            for (int j = 0; j < dd; j++) {
                int col = j + dd * kk;
                for (int r = 0; r < m; r++) {
                    O.set(r, col, G.get(r, j) * A.get(r / rps, kk));
                }
            }
        }
        for (int j = 0; j < dd; j++) {
            for (int r = 0; r < m; r++) {
                O.set(r, dd * e + j, G.get(r, j));
            }
        }
    }

    @Override
    public void adamUpdate(Mat param, Mat grad, Mat m, Mat v, double lr, double beta1, double beta2, double eps,
                           double weightDecay, long t) {
        CpuMat P = c(param), G = c(grad), M = c(m), V = c(v);
        int n = Math.toIntExact(param.size());
        double bc1 = 1 - Math.pow(beta1, t);
        double bc2 = 1 - Math.pow(beta2, t);
        for (int i = 0; i < n; i++) {
            double gi = G.get(i) + weightDecay * P.get(i);
            double mi = beta1 * M.get(i) + (1 - beta1) * gi;
            double vi = beta2 * V.get(i) + (1 - beta2) * gi * gi;
            M.set(i, mi);
            V.set(i, vi);
            P.set(i, P.get(i) - lr * (mi / bc1) / (Math.sqrt(vi / bc2) + eps));
        }
    }

    // ---- dense linear algebra ----

    @Override
    public void addDiagonal(Mat a, double value) {
        CpuMat A = c(a);
        for (int i = 0; i < Math.min(a.rows(), a.cols()); i++) {
            A.set(i, i, A.get(i, i) + value);
        }
    }

    @Override
    public double trace(Mat a) {
        CpuMat A = c(a);
        double s = 0;
        for (int i = 0; i < Math.min(a.rows(), a.cols()); i++) {
            s += A.get(i, i);
        }
        return s;
    }

    @Override
    public int cholesky(Mat a) {
        int n = a.rows();
        CpuMat A = c(a);
        return a.dtype() == DType.F64
                ? openblas.LAPACKE_dpotrf(LAPACK_COL_MAJOR, LOWER, n, d(A), Math.max(1, n))
                : openblas.LAPACKE_spotrf(LAPACK_COL_MAJOR, LOWER, n, f(A), Math.max(1, n));
    }

    @Override
    public void choleskySolve(Mat factor, Mat b) {
        requireSame(factor, b, "choleskySolve");
        int n = factor.rows();
        CpuMat L = c(factor), B = c(b);
        int info = factor.dtype() == DType.F64
                ? openblas.LAPACKE_dpotrs(LAPACK_COL_MAJOR, LOWER, n, b.cols(), d(L), Math.max(1, n), d(B), Math.max(1, n))
                : openblas.LAPACKE_spotrs(LAPACK_COL_MAJOR, LOWER, n, b.cols(), f(L), Math.max(1, n), f(B), Math.max(1, n));
        if (info != 0) {
            throw new IllegalStateException("potrs returned info " + info);
        }
    }

    @Override
    public int luSolve(Mat a, Mat b) {
        requireSame(a, b, "luSolve");
        int n = a.rows();
        IntPointer ipiv = new IntPointer(Math.max(1, n));
        CpuMat A = c(a), B = c(b);
        return a.dtype() == DType.F64
                ? openblas.LAPACKE_dgesv(LAPACK_COL_MAJOR, n, b.cols(), d(A), Math.max(1, n), ipiv, d(B), Math.max(1, n))
                : openblas.LAPACKE_sgesv(LAPACK_COL_MAJOR, n, b.cols(), f(A), Math.max(1, n), ipiv, f(B), Math.max(1, n));
    }

    private static DoublePointer d(CpuMat m) {
        return (DoublePointer) m.store.at(m.offset);
    }

    private static FloatPointer f(CpuMat m) {
        return (FloatPointer) m.store.at(m.offset);
    }

    @Override
    public void close() {
        // Storage is freed by JavaCPP's deallocators; nothing is held here.
    }
}
