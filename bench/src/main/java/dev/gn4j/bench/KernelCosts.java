package dev.gn4j.bench;

import dev.gn4j.engine.backend.ConvShape;
import dev.gn4j.engine.backend.Mat;

/**
 * The FLOPs and bytes of each backend operation, from the shapes and dtypes of its operands
 * (docs/bench.md's conventions): GEMM 2mnk, SYRK n²k (half a GEMM), SYMV 2n², Cholesky n³/3,
 * the two triangular solves 2n² a right-hand side, LU 2n³/3; dot products and squared norms
 * 2 per element, axpy 2, scal 1, column sums 1; other elementwise kernels one per element
 * written (the Gram's Hadamard step three per entry, Adam ten per parameter). Bytes are the
 * compulsory traffic: every operand read once, every result written once (and read too when
 * accumulated into), symmetric operands one triangle. Caches can only do better, so an
 * achieved GB/s is a lower bound on the real traffic rate.
 */
final class KernelCosts {
    private KernelCosts() {
    }

    static Cost gemm(boolean transA, Mat a, Mat b, double beta, Mat c) {
        double m = c.rows(), n = c.cols(), k = transA ? a.rows() : a.cols();
        return new Cost(2 * m * n * k, bytes(a) + bytes(b) + written(c, beta));
    }

    static Cost syrk(Mat a, double beta, Mat c) {
        double n = c.rows(), k = a.size() / n;
        return new Cost(n * n * k, bytes(a) + triangle(c) * (beta != 0 ? 2 : 1));
    }

    static Cost symv(Mat a, Mat x, double beta, Mat y) {
        double n = a.rows();
        return new Cost(2 * n * n, triangle(a) + bytes(x) + written(y, beta));
    }

    /** Reads the strict lower triangle, writes the upper. */
    static Cost symmetrize(Mat c) {
        double n = c.rows();
        return new Cost(0, n * (n - 1) * c.dtype().bytes());
    }

    static Cost axpy(Mat x, Mat y) {
        return new Cost(2.0 * x.size(), bytes(x) + 2 * bytes(y));
    }

    static Cost scal(Mat x) {
        return new Cost(x.size(), 2 * bytes(x));
    }

    static Cost dot(Mat x, Mat y) {
        return new Cost(2.0 * x.size(), bytes(x) + bytes(y));
    }

    static Cost sumSquares(Mat x) {
        return new Cost(2.0 * x.size(), bytes(x));
    }

    static Cost copy(Mat src, Mat dst) {
        return new Cost(0, bytes(src) + bytes(dst));
    }

    /** fill, identity rows, an upload: the matrix written. */
    static Cost write(Mat m) {
        return new Cost(0, bytes(m));
    }

    /** A download: the matrix read. */
    static Cost read(Mat m) {
        return new Cost(0, bytes(m));
    }

    static Cost activation(Mat z, Mat a) {
        return new Cost(a.size(), bytes(z) + bytes(a));
    }

    /** out = g ∘ σ′(z), the samples' z shared by their rps rows. */
    static Cost activationGrad(Mat z, Mat g, Mat out) {
        return new Cost(out.size(), bytes(g) + bytes(z) + bytes(out));
    }

    static Cost addBias(Mat m, Mat bias) {
        return new Cost(m.size(), 2 * bytes(m) + bytes(bias));
    }

    static Cost columnSums(Mat m, double beta, Mat out) {
        return new Cost(m.size(), bytes(m) + written(out, beta));
    }

    static Cost mseResidual(Mat f, Mat y, Mat g) {
        return new Cost(g.size(), bytes(f) + bytes(y) + bytes(g));
    }

    /** Writes p and g, one FLOP each an element; reads f and the labels. */
    static Cost softmaxCrossEntropy(Mat f, Mat labels, Mat p, Mat g) {
        return new Cost(p.size() + g.size(), bytes(f) + bytes(labels) + bytes(p) + bytes(g));
    }

    static Cost countCorrect(Mat f, Mat labels) {
        return new Cost(f.size(), bytes(f) + bytes(labels));
    }

    static Cost softmaxQFactor(Mat p, Mat out) {
        return new Cost(2.0 * out.size(), bytes(p) + bytes(out));
    }

    static Cost sampleCategorical(Mat p, Mat uniforms, Mat labels) {
        return new Cost(p.size(), bytes(p) + bytes(uniforms) + bytes(labels));
    }

    /** k += s2 ∘ (aa + 1) on K's lower triangle, aa shared by the rows of a sample. */
    static Cost gramAccumulate(Mat s2, Mat aa, Mat k) {
        double tri = entries(k);
        return new Cost(3 * tri, triangle(s2) + triangle(aa) + 2 * triangle(k));
    }

    static Cost contractRows(Mat seed, Mat v, Mat out) {
        return new Cost(2.0 * seed.size(), bytes(seed) + bytes(v) + bytes(out));
    }

    static Cost rowDot(Mat seed, Mat x, Mat out) {
        return new Cost(2.0 * seed.size(), bytes(seed) + bytes(x) + bytes(out));
    }

    /** One layer's explicit Jacobian block g ∘ [A | 1]: one product an element of g ⊗ A. */
    static Cost outerRows(Mat g, Mat a, Mat out) {
        return new Cost((double) g.size() * a.cols(), bytes(g) + bytes(a) + bytes(out));
    }

    /** A copy: reads the batch, writes every patch entry (padding included). */
    static Cost im2col(Mat patches, Mat a) {
        return new Cost(0, bytes(a) + bytes(patches));
    }

    /** One add a patch entry; reads the patches, writes the batch. */
    static Cost col2im(Mat patches, Mat a) {
        return new Cost((double) patches.size(), bytes(patches) + bytes(a));
    }

    /** Two FLOPs a product g · patch, P of them an entry of the weight's columns (the bias's are adds); reads g, patches, writes out. */
    static Cost convRows(Mat g, Mat patches, Mat out) {
        int q = patches.cols();
        long cout = out.cols() / (q + 1L), positions = g.cols() / cout;
        return new Cost(2.0 * g.rows() * positions * q * cout + (double) g.rows() * positions * cout,
                bytes(g) + bytes(patches) + bytes(out));
    }

    /** One comparison a window entry; reads the input (and the tangent), writes the output. */
    static Cost maxPool(ConvShape window, Mat a, Mat out, Mat tangent) {
        double compares = (double) out.size() * window.kernel() * window.kernel();
        return new Cost(compares + (tangent == null ? 0 : out.size()),
                bytes(a) + bytes(out) + (tangent == null ? 0 : bytes(tangent) + bytes(out)));
    }

    /** The window's comparisons again for every row of g it routes; reads a and g, writes below. */
    static Cost maxPoolBackward(ConvShape window, Mat a, Mat g, Mat below) {
        return new Cost((double) g.size() * window.kernel() * window.kernel(), bytes(a) + bytes(g) + bytes(below));
    }

    /**
     * One add a window entry and a division an output (and, for the tangent, the add to dz);
     * reads the input (the tangent), writes the output (reads it too for the tangent).
     */
    static Cost avgPool(ConvShape window, Mat a, Mat out, boolean tangent) {
        double flops = (double) out.size() * window.kernel() * window.kernel() + out.size() + (tangent ? out.size() : 0);
        return new Cost(flops, bytes(a) + bytes(out) + (tangent ? bytes(out) : 0));
    }

    /** One add for every (input element, window that contains it) pair of every row, and a division an element; reads g, writes below. */
    static Cost avgPoolBackward(ConvShape window, Mat g, Mat below) {
        return new Cost((double) g.size() * window.kernel() * window.kernel() + below.size(), bytes(g) + bytes(below));
    }

    /** Ten FLOPs a parameter; reads θ, g, m, v, writes θ, m, v. */
    static Cost adamUpdate(Mat param, Mat grad, Mat m, Mat v) {
        return new Cost(10.0 * param.size(), 2 * bytes(param) + bytes(grad) + 2 * bytes(m) + 2 * bytes(v));
    }

    static Cost addDiagonal(Mat a) {
        return new Cost(a.rows(), 2.0 * a.rows() * a.dtype().bytes());
    }

    static Cost trace(Mat a) {
        return new Cost(a.rows(), (double) a.rows() * a.dtype().bytes());
    }

    /** In place on the lower triangle: read and written. */
    static Cost cholesky(Mat a) {
        double n = a.rows();
        return new Cost(n * n * n / 3, 2 * triangle(a));
    }

    static Cost choleskySolve(Mat factor, Mat b) {
        double n = factor.rows();
        return new Cost(2 * n * n * b.cols(), triangle(factor) + 2 * bytes(b));
    }

    static Cost luSolve(Mat a, Mat b) {
        double n = a.rows();
        return new Cost(2 * n * n * n / 3 + 2 * n * n * b.cols(), 2 * bytes(a) + 2 * bytes(b));
    }

    private static double bytes(Mat m) {
        return (double) m.size() * m.dtype().bytes();
    }

    /** The result's bytes: written, and read too when beta accumulates into it. */
    private static double written(Mat m, double beta) {
        return bytes(m) * (beta != 0 ? 2 : 1);
    }

    private static double entries(Mat square) {
        double n = square.rows();
        return n * (n + 1) / 2;
    }

    private static double triangle(Mat square) {
        return entries(square) * square.dtype().bytes();
    }
}
