package dev.gn4j.engine.backend;

/**
 * What a dense layer's passes need besides GEMM: the activation and its derivative, the
 * bias added to a batch and the column sums that give its gradient. On the GPU,
 * {@code kernels/activations.cu} ({@code ActivationLaunchers}) and {@code add_bias},
 * {@code column_sums} of {@code kernels/elementwise.cu}; on the CPU, {@code LayerKernels}.
 *
 * <p>One kernel family of {@link Backend}; all matrices are column-major and live in the
 * backend's memory.
 */
public interface LayerOps {

    /** a ← σ(z). */
    void activation(Activation f, Mat z, Mat a);

    /**
     * out ← g ∘ σ'(z), where z and a = σ(z) are b×d and g, out are (b·rps)×d: each
     * sample's row of z is used for its rps rows of g. out may alias g.
     */
    void activationGrad(Activation f, Mat z, Mat a, Mat g, int rps, Mat out);

    /** m[i, j] += bias[j]. */
    void addBias(Mat m, Mat bias);

    /** out[j] ← α Σ_i m[i, j] + β out[j]. */
    void columnSums(double alpha, Mat m, double beta, Mat out);
}
