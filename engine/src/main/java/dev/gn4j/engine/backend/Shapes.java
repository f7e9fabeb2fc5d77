package dev.gn4j.engine.backend;

/** The shape and dtype contracts of the backend operations, written once for the CPU and CUDA backends and the launchers. */
public final class Shapes {
    private Shapes() {
    }

    /** Every matrix in {@code ms} has the first one's dtype. */
    public static void requireSame(String op, Mat... ms) {
        for (Mat m : ms) {
            if (m.dtype() != ms[0].dtype()) {
                throw new ShapeMismatch(op + ": mixed dtypes " + ms[0].dtype() + " and " + m.dtype());
            }
        }
    }

    public static void requireSize(Mat m, long n, String op) {
        if (m.size() != n) {
            throw new ShapeMismatch(op + ": expected " + n + " elements, got " + m.rows() + "x" + m.cols());
        }
    }

    public static void requireSquare(Mat m, String op) {
        if (m.rows() != m.cols()) {
            throw new ShapeMismatch(op + ": needs a square matrix, got " + m.rows() + "x" + m.cols());
        }
    }

    /** Throws the mismatch {@code message} describes unless {@code holds}. */
    public static void require(boolean holds, String message) {
        if (!holds) {
            throw new ShapeMismatch(message);
        }
    }

    // ---- the contracts of single operations, shared by every backend ----

    /** syrk: C (n × n) ← α A Aᵀ + β C for A (n × k). */
    public static void syrk(Mat a, Mat c) {
        int n = a.rows();
        require(c.rows() == n && c.cols() == n, "syrk: " + n + "x" + a.cols() + " needs an " + n + "x" + n + " result");
    }

    /** symv: y ← α A x + β y for a symmetric n × n A. */
    public static void symv(Mat a, Mat x, Mat y) {
        int n = a.rows();
        require(a.cols() == n && x.size() == n && y.size() == n,
                "symv: " + a.rows() + "x" + a.cols() + " with vectors of " + x.size() + " and " + y.size());
    }

    /** activationGrad: g (b·rps × d) rows of sensitivities through z's (b × d) activation into out (g's shape). */
    public static void activationGrad(Mat z, Mat g, int rps, Mat out) {
        int b = z.rows(), d = z.cols(), m = g.rows();
        require(m == b * rps && g.cols() == d && out.rows() == m && out.cols() == d,
                "activationGrad: z " + b + "x" + d + ", g " + m + "x" + g.cols() + ", rps " + rps);
    }

    /** softmaxQFactor: out (b·(c−1) × c) ← the Q-factor rows of the softmax probabilities p (b × c). */
    public static void softmaxQFactor(Mat p, Mat out) {
        int b = p.rows(), c = p.cols();
        require(c >= 2 && out.rows() == b * (c - 1) && out.cols() == c, "softmaxQFactor: p " + b + "x" + c
                + " needs at least 2 classes and a " + (b * (c - 1)) + "x" + c + " result");
    }

    /** gramAccumulate: K (m × m) += S ∘ (A Aᵀ expanded to rps rows a sample) for S (m × m), A Aᵀ (b × b). */
    public static void gramAccumulate(Mat s2, Mat aa, int rps, Mat k) {
        int m = s2.rows();
        require(s2.cols() == m && k.rows() == m && k.cols() == m && aa.rows() * rps == m && aa.cols() == aa.rows(),
                "gramAccumulate: s " + m + "x" + s2.cols() + ", aa " + aa.rows() + ", rps " + rps);
    }

    /** contractRows: out (b × c) ← Σ over each sample's rps rows of v_r · seed_r, for seed (m × c), v (m). */
    public static void contractRows(Mat seed, Mat v, int rps, Mat out) {
        int m = seed.rows(), c = seed.cols();
        require(out.rows() * rps == m && out.cols() == c && v.size() == m,
                "contractRows: seed " + m + "x" + c + ", out " + out.rows() + "x" + out.cols());
    }

    /** rowDot: out (m) ← seed_r · x_{r/rps}, for seed (m × c), x (b × c). */
    public static void rowDot(Mat seed, Mat x, int rps, Mat out) {
        int m = seed.rows(), c = seed.cols();
        require(x.rows() * rps == m && x.cols() == c && out.size() == m,
                "rowDot: seed " + m + "x" + c + ", x " + x.rows() + "x" + x.cols());
    }

    /** outerRows: out (m × (d·e + d)) ← g_r ⊗ [a_{r/rps} | 1], for g (m × d), a (b × e). */
    public static void outerRows(Mat g, Mat a, int rps, Mat out) {
        int m = g.rows(), d = g.cols(), e = a.cols();
        require(a.rows() * rps == m && out.rows() == m && out.cols() == d * e + d,
                "outerRows: g " + m + "x" + d + ", a " + a.rows() + "x" + e + ", out " + out.rows() + "x" + out.cols());
    }

    /** The patch matrix of {@code shape} for a batch a (both ways: im2col and col2im). */
    public static void im2col(String op, ConvShape shape, Mat patches, Mat a) {
        int b = a.rows();
        require(a.cols() == shape.inputFeatures() && patches.rows() == (long) shape.positions() * b
                        && patches.cols() == shape.patchSize() && patches.dtype() == a.dtype(),
                op + ": " + shape + " over a " + a.rows() + "x" + a.cols() + " " + a.dtype() + " batch needs patches "
                        + (long) shape.positions() * b + "x" + shape.patchSize() + " " + a.dtype() + ", got " + patches.rows() + "x"
                        + patches.cols() + " " + patches.dtype());
    }

    /** The explicit rows of a convolution layer: g (m × C_out·P), patches ((P·b) × Q), out m × (Q + 1)·C_out. */
    public static void convRows(Mat g, Mat patches, int rps, Mat out) {
        int m = g.rows(), q = patches.cols();
        long cout = out.cols() / (q + 1L);
        long b = rps > 0 ? m / rps : -1;
        boolean fits = rps > 0 && b * rps == m && cout * (q + 1) == out.cols() && out.rows() == m && cout > 0
                && g.cols() % cout == 0 && patches.rows() == g.cols() / cout * b && g.dtype() == patches.dtype()
                && out.dtype() == g.dtype();
        require(fits, "convRows: g " + m + "x" + g.cols() + ", patches " + patches.rows() + "x" + q + ", rps " + rps + ", out "
                + out.rows() + "x" + out.cols());
    }

    /** A pooling window over a (b × C·H·W) with the output (rows × C·P): {@code rows} is b, or m for the backward pass. */
    public static void pool(String op, ConvShape window, Mat a, Mat out, int rowsPerSample) {
        require(window.padding() == 0 && a.cols() == window.inputFeatures() && rowsPerSample > 0
                        && out.cols() == window.channels() * window.positions() && out.rows() == (long) a.rows() * rowsPerSample
                        && out.dtype() == a.dtype(),
                op + ": " + window + " over a " + a.rows() + "x" + a.cols() + " " + a.dtype() + " batch, rows a sample "
                        + rowsPerSample + ", and a " + out.rows() + "x" + out.cols() + " " + out.dtype() + " output");
    }

    /** maxPoolBackward: g (m × C·P) over a (b × C·H·W), below m × C·H·W. */
    public static void maxPoolBackward(ConvShape window, Mat a, Mat g, int rps, Mat below) {
        pool("maxPoolBackward", window, a, g, rps);
        require(below.rows() == g.rows() && below.cols() == a.cols() && below.dtype() == a.dtype(),
                "maxPoolBackward: below " + below.rows() + "x" + below.cols() + " for g " + g.rows() + "x" + g.cols());
    }

    /** maxPoolTangent: da shaped as a, dz as maxPool's output. */
    public static void maxPoolTangent(ConvShape window, Mat a, Mat da, Mat dz) {
        pool("maxPoolTangent", window, a, dz, 1);
        require(da.rows() == a.rows() && da.cols() == a.cols() && da.dtype() == a.dtype(),
                "maxPoolTangent: da " + da.rows() + "x" + da.cols() + " for a " + a.rows() + "x" + a.cols());
    }

    /** avgPoolBackward: g (m × C·P), below m × C·H·W, the same dtype; a window without padding. */
    public static void avgPoolBackward(ConvShape window, Mat g, Mat below) {
        require(window.padding() == 0 && g.cols() == window.channels() * window.positions() && below.rows() == g.rows()
                        && below.cols() == window.inputFeatures() && below.dtype() == g.dtype(),
                "avgPoolBackward: g " + g.rows() + "x" + g.cols() + " " + g.dtype() + " and below " + below.rows() + "x"
                        + below.cols() + " " + below.dtype() + " for the window " + window + " (g m × C·P = "
                        + window.channels() * window.positions() + ", below m × C·H·W = " + window.inputFeatures() + ")");
    }

    /** A solve of the square system {@code a} for the right-hand sides b. */
    public static void solve(String op, Mat a, Mat b) {
        requireSquare(a, op);
        int n = a.rows();
        require(b.rows() == n, op + ": a " + n + "x" + n + " matrix and a right-hand side of " + b.rows() + " rows");
    }
}
