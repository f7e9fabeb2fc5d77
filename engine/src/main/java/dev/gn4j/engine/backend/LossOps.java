package dev.gn4j.engine.backend;

/**
 * The losses, their residuals and what the curvature needs from them: the cross-entropy's
 * Q-factor and the sampled labels of the Fisher. On the GPU, {@code kernels/losses.cu}
 * ({@code LossLaunchers}).
 *
 * <p>One kernel family of {@link Backend}; all matrices are column-major and live in the
 * backend's memory.
 */
public interface LossOps {

    /** g ← f − y; returns ½ Σ g². */
    double mseResidual(Mat f, Mat y, Mat g);

    /**
     * p ← softmax(f) row by row, g ← p − onehot(labels); returns Σ_i −log p_i[y_i]
     * computed with log-sum-exp. labels is b×1 holding class indices.
     */
    double softmaxCrossEntropy(Mat f, Mat labels, Mat p, Mat g);

    /** Number of rows whose arg-max of f equals the label. */
    long countCorrect(Mat f, Mat labels);

    /**
     * The ce Q-factor with c − 1 rows per sample: rows i·(c−1)..i·(c−1)+c−2 of {@code out}
     * ((b·(c−1))×c) hold B_i = V diag(s), s = √p_i, where V is the first c − 1 rows of the
     * Householder reflection I − v vᵀ/(1 + s_{c−1}), v = s + e_{c−1}: rows orthonormal and
     * orthogonal to s, so B_iᵀ B_i = diag(s)(I − s sᵀ)diag(s) = diag(p_i) − p_i p_iᵀ with
     * one row fewer than (I − s sᵀ) diag(s), whose rank is c − 1 too. The denominator is at least 1.
     */
    void softmaxQFactor(Mat p, Mat out);

    /** Sampled labels for the Fisher: label_i = the first k with u_i < Σ_{j≤k} p_ij. */
    void sampleCategorical(Mat p, Mat uniforms, Mat labelsOut);
}
