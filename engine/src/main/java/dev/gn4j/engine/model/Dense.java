package dev.gn4j.engine.model;

import dev.gn4j.engine.backend.Backend;
import dev.gn4j.engine.backend.Mat;

/**
 * z = W a + b: the weight [out × in] column-major at {@code offset} in θ, then the bias.
 * Its rows of J are outer products, g_r ⊗ [a_s | 1] for row r of sample s, so its Gram
 * term is (G Gᵀ) ∘ (A Aᵀ + 1) blockwise, formed from the two factors and never from the rows.
 */
public record Dense(int inputs, int outputs, long offset) implements Layer {
    public Dense {
        if (inputs <= 0 || outputs <= 0 || offset < 0) {
            throw new IllegalArgumentException("a dense layer needs positive sizes and a place in θ, got " + inputs + " → "
                    + outputs + " at " + offset);
        }
    }

    @Override
    public long parameterCount() {
        return (long) outputs * inputs + outputs;
    }

    /** W as an [out × in] view of a vector laid out as θ. */
    public Mat weight(Mat params) {
        return params.view(offset, outputs, inputs);
    }

    public Mat bias(Mat params) {
        return params.view(offset + (long) outputs * inputs, outputs, 1);
    }

    @Override
    public void forward(Backend be, Mat params, Mat a, Mat z) {
        be.gemm(false, true, 1, a, weight(params), 0, z);
        be.addBias(z, bias(params));
    }

    @Override
    public void parameterGradient(Backend be, Mat delta, Mat a, Mat grad) {
        be.gemm(true, false, 1, delta, a, 0, weight(grad));
        be.columnSums(1, delta, 0, bias(grad));
    }

    @Override
    public void inputSensitivities(Backend be, Mat params, Mat g, Mat a, int rps, Mat below) {
        be.gemm(false, false, 1, g, weight(params), 0, below);
    }

    @Override
    public void tangentFromInput(Backend be, Mat params, Mat a, Mat da, Mat dz) {
        be.gemm(false, true, 1, da, weight(params), 1, dz);
    }

    @Override
    public void addGramTerm(Backend be, Mat g, Mat a, int rps, boolean first, Mat k, GramScratch scratch) {
        addGramTerm(be, g, a, rps, first, k, scratch, 1, 1);
    }

    /**
     * The term of the rows J S, S scaling this layer's weights by sw and its bias by sb (the NTK
     * parameterization): (G Gᵀ) ∘ (sw² A Aᵀ + sb²), formed as sb²·(G Gᵀ) ∘ ((sw/sb)² A Aᵀ + 1).
     */
    public void addGramTerm(Backend be, Mat g, Mat a, int rps, boolean first, Mat k, GramScratch scratch, double sw, double sb) {
        if (g.cols() == 1 && g.dtype() == k.dtype() && sw == sb) {
            // A one-unit layer's block of U is g ∘ [A | 1] (m × (d+1)), no wider than its two
            // factors together: one SYRK of it replaces two SYRKs and a Hadamard pass over m²
            // (the top layer of every one-output regression).
            Mat block = scratch.layerBlock(a.cols() + 1);
            be.outerRows(g, a, rps, block);
            be.syrk(sw * sw, block, first ? 0 : 1, k);
            return;
        }
        if (first) {
            be.fill(k, 0);
        }
        Mat gg = scratch.rowProducts();
        be.syrk(sb * sb, g, 0, gg);
        Mat aa = scratch.sampleProducts();
        double ratio = sw / sb;
        be.syrk(ratio * ratio, a, 0, aa);
        be.gramAccumulate(gg, aa, rps, k);
    }

    @Override
    public void jacobianBlock(Backend be, Mat g, Mat a, int rps, Mat block) {
        be.outerRows(g, a, rps, block);
    }
}
