package dev.gn4j.engine.curvature;

import dev.gn4j.engine.backend.Backend;
import dev.gn4j.engine.backend.DType;
import dev.gn4j.engine.backend.Mat;
import dev.gn4j.engine.model.Layer;
import dev.gn4j.engine.model.Mlp;

/**
 * Buffers of a batch-space system with m rows over b samples: the Gram (in its own
 * dtype: float64 whenever the working dtype is, the solve precision asks for it,
 * or m ≥ 512 as MATH.md requires), the per-layer products, two sensitivity
 * buffers, and vectors of length m (the kernel form's among them).
 * Allocated once per shape and reused.
 */
public final class RowsWorkspace implements Layer.GramScratch {
    /** MATH.md: accumulate the Gram in float64 from this many rows on. */
    public static final int FLOAT64_GRAM_ROWS = 512;

    private final Backend be;
    private final DType dtype;
    private final DType gramDtype;
    private final DType factorDtype;
    private final int m;
    private Mat gram;
    private Mat rowProducts;
    private Mat sampleProducts;
    private final int samples;
    private final Mat sensA;
    private final Mat sensB;
    private final Mat sampleBlock;
    private final Mat rowVector;
    private final Mat rowVector2;
    private final int maxWidth;
    private Mat layerBlock;
    private Mat explicitJacobian;
    private final Mat solution;
    private final Mat gramProduct;
    private final Mat residualInGramDtype;
    private final Mat solutionInGramDtype;

    public RowsWorkspace(Backend be, Mlp mlp, DType dtype, DType solveDtype, int samples, int rowsPerSample) {
        this.be = be;
        this.dtype = dtype;
        this.m = samples * rowsPerSample;
        this.gramDtype = gramDtype(m, dtype, solveDtype);
        this.factorDtype = DType.wider(dtype, solveDtype);
        // K, the row products (m × m each) and the sample products (b × b) are made on first use:
        // a matrix-free or a parameter-space solve never forms K, and at a large m it could not.
        this.samples = samples;
        sensA = be.zeros(m, mlp.maxWidth(), dtype);
        sensB = be.zeros(m, mlp.maxWidth(), dtype);
        sampleBlock = be.zeros(samples, mlp.outputs(), dtype);
        rowVector = be.zeros(m, 1, dtype);
        rowVector2 = be.zeros(m, 1, dtype);
        solution = be.zeros(m, 1, dtype);
        gramProduct = be.zeros(m, 1, gramDtype);
        residualInGramDtype = be.zeros(m, 1, gramDtype);
        solutionInGramDtype = be.zeros(m, 1, gramDtype);
        maxWidth = mlp.maxWidth();
    }

    /** The Gram's dtype for m rows: float64 whenever the working or solve dtype is, or from 512 rows on. */
    public static DType gramDtype(int m, DType dtype, DType solveDtype) {
        return m >= FLOAT64_GRAM_ROWS ? DType.F64 : DType.wider(dtype, solveDtype);
    }

    public int rows() {
        return m;
    }

    public DType gramDtype() {
        return gramDtype;
    }

    public DType dtype() {
        return dtype;
    }

    /** The factorization's dtype, the solve precision: narrower than the Gram's from 512 rows on a float32 solve. */
    public DType factorDtype() {
        return factorDtype;
    }

    Mat gram() {
        if (gram == null) {
            gram = be.zeros(m, m, gramDtype);
        }
        return gram;
    }

    @Override
    public Mat rowProducts() {
        if (rowProducts == null) {
            rowProducts = be.zeros(m, m, dtype);
        }
        return rowProducts;
    }

    @Override
    public Mat sampleProducts() {
        if (sampleProducts == null) {
            sampleProducts = be.zeros(samples, samples, dtype);
        }
        return sampleProducts;
    }

    Mat sensitivitiesA() {
        return sensA;
    }

    Mat sensitivitiesB() {
        return sensB;
    }

    Mat sampleBlock() {
        return sampleBlock;
    }

    /** Scratch vectors of length m in the working dtype. */
    public Mat rowVector() {
        return rowVector;
    }

    public Mat rowVector2() {
        return rowVector2;
    }

    /** A layer's explicit block of U, m × cols: g ∘ [A | 1] of a one-unit layer (cols = d + 1), a convolution's rows. */
    @Override
    public Mat layerBlock(int cols) {
        if (layerBlock == null || layerBlock.cols() < cols) {
            // On first use: most networks have no one-unit layer and no convolution.
            layerBlock = be.zeros(m, Math.max(cols, maxWidth + 1), dtype);
        }
        return layerBlock.view(0, m, cols);
    }

    private Mat keptSensitivities;
    private Mat sampleScratch;
    private CurvatureRows keptFor;

    /**
     * Where the factored Gram keeps layer i − 1's sensitivities G (m × d_i, i = 1 … L − 1), all
     * layers side by side, made on first use: m × the hidden widths, which MemoryPlan counts.
     */
    Mat keptSensitivities(Mlp mlp, int i) {
        if (keptSensitivities == null) {
            int hidden = 0;
            for (int l = 1; l < mlp.layers(); l++) {
                hidden += mlp.width(l);
            }
            keptSensitivities = be.zeros(m, Math.max(hidden, 1), dtype);
        }
        long before = 0;
        for (int l = 1; l < i; l++) {
            before += mlp.width(l);
        }
        return keptSensitivities.view(before * m, m, mlp.width(i));
    }

    /** The rows whose sensitivities the kept buffer now holds (null: none), so that only they read it. */
    CurvatureRows keptFor() {
        return keptFor;
    }

    void keptFor(CurvatureRows rows) {
        keptFor = rows;
    }

    /** b × the widest layer in the working dtype, made on first use. */
    Mat sampleScratch() {
        if (sampleScratch == null) {
            sampleScratch = be.zeros(samples, maxWidth, dtype);
        }
        return sampleScratch;
    }

    /** The m × P Jacobian of the explicit path, allocated on first use (it is the memory-hungry reference). */
    Mat explicitJacobian(long parameters) {
        if (explicitJacobian == null) {
            explicitJacobian = be.zeros(m, Math.toIntExact(parameters), dtype);
        }
        return explicitJacobian;
    }

    private final Mat[] cgVectors = new Mat[5];
    private Mat parameterSystem;
    private Mat jacobianInGramDtype;
    private Mat parameterVector;

    /** Conjugate gradients' m-vectors (working dtype), i = 0..4, made on first use. */
    Mat cgVector(int i) {
        if (cgVectors[i] == null) {
            cgVectors[i] = be.zeros(m, 1, dtype);
        }
        return cgVectors[i];
    }

    /** A P-vector in the working dtype, made on first use. */
    Mat parameterVector(long parameters) {
        if (parameterVector == null) {
            parameterVector = be.zeros(Math.toIntExact(parameters), 1, dtype);
        }
        return parameterVector;
    }

    private Mat scaledParameters;

    /** S w for a forward-mode pass in scaled coordinates ({@link ParameterScaling}); made on first use. */
    Mat scaledParameters(long parameters) {
        if (scaledParameters == null) {
            scaledParameters = be.zeros(Math.toIntExact(parameters), 1, dtype);
        }
        return scaledParameters;
    }

    private Mat unscaledDirection;

    /** S⁻¹ d for {@link ScaledSolve}'s curvature; made on first use. */
    Mat unscaledDirection(long parameters) {
        if (unscaledDirection == null) {
            unscaledDirection = be.zeros(Math.toIntExact(parameters), 1, dtype);
        }
        return unscaledDirection;
    }

    /** The parameter-space system UᵀU (P × P) in the Gram's dtype, made on first use. */
    Mat parameterSystem(long parameters) {
        if (parameterSystem == null) {
            int p = Math.toIntExact(parameters);
            parameterSystem = be.zeros(p, p, gramDtype);
        }
        return parameterSystem;
    }

    /** U (m × P) in the Gram's dtype, when that is not the working dtype; made on first use. */
    Mat jacobianInGramDtype(long parameters) {
        if (jacobianInGramDtype == null) {
            jacobianInGramDtype = be.zeros(m, Math.toIntExact(parameters), gramDtype);
        }
        return jacobianInGramDtype;
    }

    /** The kernel form's t (m, working dtype): it outlives the direction, as the slope reads it after the curvature product has used the row scratch. */
    Mat solution() {
        return solution;
    }

    /** K·y (m) in the Gram's dtype, for the kernel form's quadratic forms. */
    Mat gramProduct() {
        return gramProduct;
    }

    /** r widened to the Gram's dtype, for when that is wider than the working dtype. */
    Mat residualInGramDtype() {
        return residualInGramDtype;
    }

    /** t widened to the Gram's dtype, for when that is wider than the working dtype. */
    Mat solutionInGramDtype() {
        return solutionInGramDtype;
    }
}
