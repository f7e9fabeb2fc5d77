package dev.gn4j.engine.model;

import dev.gn4j.engine.backend.Backend;
import dev.gn4j.engine.backend.ConvShape;
import dev.gn4j.engine.backend.DType;
import dev.gn4j.engine.backend.Mat;
import java.util.HashMap;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * A 2-D convolution over NCHW samples ({@link ConvShape}), {@code filters} output channels:
 * z[co, p] = Σ_q W[q, co] · patch_p[q] + b[co]. The weight is Q × C_out column-major at
 * {@code offset} in θ (Q = C_in·k², so each filter's column is PyTorch's weight[co] in its
 * own order (ci, ky, kx)), then the bias. Every pass is one im2col (or col2im) and one GEMM:
 * the patch matrix's rows run position-major, so patches · W is the NCHW output in memory.
 *
 * <p>Its rows of J are not one outer product (the weights are shared across positions), so
 * its Gram term is formed from explicit blocks of U (ConvOps.convRows), m rows by a few
 * output channels' parameters at a time, each reduced by SYRK. The patch buffers are kept per backend and dtype at the largest shape asked
 * for, so a step of a shape seen before allocates nothing and memory does not grow with the
 * number of shapes.
 */
public final class Conv2d implements Layer {
    private final ConvShape shape;
    private final int filters;
    private final long offset;
    private final long blockElements;
    private final Map<Backend, Map<Buffer, Mat>> buffers = new WeakHashMap<>();

    /** One buffer a use and dtype, as large as the largest shape asked for so far. */
    private record Buffer(String use, DType dtype) {
    }

    public Conv2d(ConvShape shape, int filters, long offset) {
        this(shape, filters, offset, BLOCK_ELEMENTS);
    }

    /** With a cap on the elements of U one Gram block holds (tests force small blocks with it). */
    Conv2d(ConvShape shape, int filters, long offset, long blockElements) {
        if (blockElements <= 0) {
            throw new IllegalArgumentException("a Gram block holds at least one element, got " + blockElements);
        }
        this.blockElements = blockElements;
        if (filters <= 0 || offset < 0) {
            throw new IllegalArgumentException("a convolution needs at least one filter and a place in θ, got " + filters
                    + " filters at " + offset);
        }
        this.shape = shape;
        this.filters = filters;
        this.offset = offset;
    }

    public ConvShape shape() {
        return shape;
    }

    public int filters() {
        return filters;
    }

    @Override
    public int inputs() {
        return shape.inputFeatures();
    }

    @Override
    public int outputs() {
        return filters * shape.positions();
    }

    @Override
    public long offset() {
        return offset;
    }

    @Override
    public long parameterCount() {
        return (long) shape.patchSize() * filters + filters;
    }

    /** W as a Q × C_out view of a vector laid out as θ. */
    public Mat weight(Mat params) {
        return params.view(offset, shape.patchSize(), filters);
    }

    public Mat bias(Mat params) {
        return params.view(offset + (long) shape.patchSize() * filters, filters, 1);
    }

    /** The (P·b) × C_out reading of a b × C_out·P matrix: the same storage, position-major rows. */
    private Mat byPosition(Mat outputs) {
        return outputs.view(0, shape.positions() * outputs.rows(), filters);
    }

    /**
     * A rows × cols view of the buffer of this use: it grows to the largest shape asked for and
     * never shrinks, so chunks of every size (the batch, the curvature subsample, evaluation)
     * share one allocation rather than keeping one each.
     */
    private Mat buffer(Backend be, String use, int rows, int cols, DType dtype) {
        Map<Buffer, Mat> mine = buffers.computeIfAbsent(be, k -> new HashMap<>());
        Buffer key = new Buffer(use, dtype);
        long size = (long) rows * cols;
        Mat held = mine.get(key);
        if (held == null || held.size() < size) {
            held = be.zeros(Math.toIntExact(size), 1, dtype);
            mine.put(key, held);
        }
        return held.view(0, rows, cols);
    }

    private Mat patchesOf(Backend be, Mat a) {
        Mat patches = buffer(be, "patches", shape.positions() * a.rows(), shape.patchSize(), a.dtype());
        be.im2col(shape, patches, a);
        return patches;
    }

    @Override
    public void forward(Backend be, Mat params, Mat a, Mat z) {
        Mat zp = byPosition(z);
        be.gemm(false, false, 1, patchesOf(be, a), weight(params), 0, zp);
        be.addBias(zp, bias(params));
    }

    @Override
    public void parameterGradient(Backend be, Mat delta, Mat a, Mat grad) {
        Mat dp = byPosition(delta);
        be.gemm(true, false, 1, patchesOf(be, a), dp, 0, weight(grad));
        be.columnSums(1, dp, 0, bias(grad));
    }

    @Override
    public void inputSensitivities(Backend be, Mat params, Mat g, Mat a, int rps, Mat below) {
        Mat cols = buffer(be, "sensitivities", shape.positions() * g.rows(), shape.patchSize(), g.dtype());
        be.gemm(false, true, 1, byPosition(g), weight(params), 0, cols);
        be.col2im(shape, cols, below);
    }

    @Override
    public void tangentFromInput(Backend be, Mat params, Mat a, Mat da, Mat dz) {
        be.gemm(false, false, 1, patchesOf(be, da), weight(params), 1, byPosition(dz));
    }

    /**
     * Elements of U a Gram term holds at once: a convolution's rows are formed and reduced by
     * SYRK a few output channels at a time (the Gram is a sum over parameters, so the split costs
     * nothing), and a wide layer at a large m never holds all m × P_conv.
     */
    public static final long BLOCK_ELEMENTS = 1L << 24;

    /** Output channels per block of rows at m rows: as many as fit in {@link #BLOCK_ELEMENTS}, at least one. */
    public int channelsPerBlock(long m) {
        long fit = blockElements / Math.max(1, m * (shape.patchSize() + 1L));
        return (int) Math.max(1, Math.min(filters, fit));
    }

    /** Columns of the widest block of rows at m rows. */
    public long blockColumns(long m) {
        return (long) channelsPerBlock(m) * (shape.patchSize() + 1);
    }

    @Override
    public void addGramTerm(Backend be, Mat g, Mat a, int rps, boolean first, Mat k, GramScratch scratch) {
        int m = g.rows(), positions = shape.positions(), perBlock = channelsPerBlock(m);
        Mat patches = patchesOf(be, a);
        for (int co = 0; co < filters; co += perBlock) {
            int n = Math.min(perBlock, filters - co);
            Mat block = scratch.layerBlock(n * (shape.patchSize() + 1));
            be.convRows(g.view((long) m * positions * co, m, n * positions), patches, rps, block);
            if (block.dtype() != k.dtype()) {
                Mat wide = buffer(be, "block", block.rows(), block.cols(), k.dtype());
                be.copy(block, wide);
                block = wide;
            }
            be.syrk(1, block, first && co == 0 ? 0 : 1, k);
        }
    }

    @Override
    public void jacobianBlock(Backend be, Mat g, Mat a, int rps, Mat block) {
        be.convRows(g, patchesOf(be, a), rps, block);
    }

    @Override
    public String toString() {
        return "conv " + shape + " → " + filters;
    }
}
