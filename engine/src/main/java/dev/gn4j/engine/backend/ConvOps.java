package dev.gn4j.engine.backend;

/**
 * Convolution and pooling: the unfolding that turns a convolution into one GEMM, the
 * convolution's explicit rows of U, and max- and average pooling with their backward passes and tangents. For b samples (a is b × C·H·W, each
 * row a sample's NCHW features) the patch matrix has P·b rows, row p·b + i holding sample
 * i's window at output position p (p = oy·outWidth + ox), and Q = C·k² columns, column
 * (c·k + ky)·k + kx the input at channel c, row oy·s + ky − pad, column ox·s + kx − pad (0
 * outside the image). Rows run position-major so that patches · W ((P·b) × Q times
 * Q × C_out) is, column-major in memory, the b × (C_out·P) pre-activation in NCHW order.
 * On the GPU, {@code kernels/conv.cu} ({@code ConvLaunchers}); on the CPU, {@code ConvKernels} and
 * (average pooling) {@code PoolKernels}.
 *
 * <p>One kernel family of {@link Backend}; all matrices are column-major and live in the
 * backend's memory.
 */
public interface ConvOps {

    /** patches ((P·b) × Q) ← the windows of the b samples of a (b × C·H·W). a and patches share a dtype. */
    void im2col(ConvShape shape, Mat patches, Mat a);

    /**
     * a (b × C·H·W) ← the adjoint of {@link #im2col}: each input element the sum of the patch
     * entries that read it, taken in a fixed order (ky, then kx), so results do not depend on
     * the device's scheduling. a is overwritten.
     */
    void col2im(ConvShape shape, Mat patches, Mat a);

    /**
     * The explicit rows of U through one convolution layer, m = b·rps rows. Row r belongs to
     * sample i = r / rps and has the sensitivities g[r, co·P + p] of the layer's C_out × P
     * outputs (NCHW, as the layer writes them); patches ((P·b) × Q) is {@link #im2col} of the
     * layer's input. out (m × (Q·C_out + C_out)) ← row r's derivative by the weight, Q × C_out
     * column-major, out[r, q + Q·co] = Σ_p g[r, co·P + p] · patches[p·b + i, q], then by the
     * bias, out[r, Q·C_out + co] = Σ_p g[r, co·P + p]. The sums run in the working dtype at
     * least: the CPU forms them as one strided batch of GEMMs per channel (G_{i,co} · X_i, in
     * OpenBLAS's order), its scalar path and the CUDA kernel in double over p ascending. A
     * view of g's columns of some channels (C_out·P columns, channel-major) with out as wide
     * as those channels gives their block alone, which is how a layer bounds its memory.
     */
    void convRows(Mat g, Mat patches, int rps, Mat out);

    /**
     * out (b × C·P) ← the maximum of each window of a (b × C·H·W), channel by channel; a
     * window's maximum is its first largest entry in (ky, kx) order, which the backward pass
     * and the tangent use as well. {@code window} has no padding.
     */
    void maxPool(ConvShape window, Mat a, Mat out);

    /**
     * below (m × C·H·W) ← the sensitivities g (m × C·P, rps rows a sample) carried back through
     * {@link #maxPool} of a (b × C·H·W): each input element the sum, over the windows (oy then
     * ox) whose maximum it is, of the row's sensitivity there. below is overwritten.
     */
    void maxPoolBackward(ConvShape window, Mat a, Mat g, int rps, Mat below);

    /** dz (b × C·P) += the tangent da (b × C·H·W) at each window's maximum of a. */
    void maxPoolTangent(ConvShape window, Mat a, Mat da, Mat dz);

    /**
     * out (b × C·P) ← the mean of each k×k window of a (b × C·H·W), channel by channel: the
     * window's k² entries summed in double in (ky, kx) order, the sum divided by k² in double
     * and rounded once to out's dtype. {@code window} has no padding. Average pooling is
     * linear, so its tangent is the same map ({@link #avgPoolTangent}) and its backward pass
     * needs no input ({@link #avgPoolBackward}).
     */
    void avgPool(ConvShape window, Mat a, Mat out);

    /**
     * below (m × C·H·W) ← the sensitivities g (m × C·P) carried back through {@link #avgPool},
     * row by row (any number of rows a sample: the map does not depend on the input): each
     * input element the sum, over the windows (oy, then ox) that contain it, of the row's
     * sensitivity there, summed in double in that order and divided by k² once; 0 for an
     * element no window covers. below is overwritten.
     */
    void avgPoolBackward(ConvShape window, Mat g, Mat below);

    /**
     * dz (b × C·P) += {@link #avgPool} of the tangent da (b × C·H·W): the window's mean formed
     * as in avgPool, added to dz's entry in double, rounded once.
     */
    void avgPoolTangent(ConvShape window, Mat da, Mat dz);
}
