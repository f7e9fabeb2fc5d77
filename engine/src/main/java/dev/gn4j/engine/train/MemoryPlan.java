package dev.gn4j.engine.train;

import static dev.gn4j.engine.memory.HeapBudget.saturatingProduct;
import static dev.gn4j.engine.memory.HeapBudget.size;

import dev.gn4j.engine.backend.DType;
import dev.gn4j.engine.curvature.GramMode;
import dev.gn4j.engine.curvature.RowsWorkspace;
import dev.gn4j.engine.curvature.SolverKind;
import dev.gn4j.engine.curvature.SolverPlan;
import dev.gn4j.engine.curvature.SolverSettings;
import dev.gn4j.engine.curvature.SystemSize;
import dev.gn4j.engine.model.Loss;
import dev.gn4j.engine.model.Mlp;
import dev.gn4j.engine.memory.HeapBudget;
import dev.gn4j.engine.memory.InsufficientMemory;
import dev.gn4j.engine.optim.Method;
import dev.gn4j.engine.optim.OptimizerConfig;
import java.util.Locale;

/**
 * What a training step holds in memory, estimated in long arithmetic before anything is
 * allocated, so that a model or batch too large for the machine is one sentence with the
 * sizes instead of an OutOfMemoryError or an integer overflow halfway through.
 *
 * <p>The estimate is deliberately plain and on the high side: parameter-sized vectors
 * (θ, gradient, direction, a trial point, and the optimizer's state), per-layer
 * activations and sensitivities of the batch (and of the curvature rows), the batch-space
 * system (the Gram, its factor and one layer's product, in the Gram's dtype), and the
 * explicit Jacobian where --jacobian explicit asks for it.
 *
 * @param parameters  P
 * @param vectorBytes parameter-sized vectors on the device and the host
 * @param rowBytes    activations of the batch and sensitivities of the curvature rows
 * @param systemRows  m, the rows of the batch-space system (0 for sgd and adam)
 * @param systemBytes what the solver holds: the m × m matrices of Cholesky, the P × P system and U of the
 *        parameter-space solve, or conjugate gradients' vectors
 * @param jacobianBytes the explicit m × P Jacobian (0 on the factored path)
 * @param solver        the solver systemBytes is counted for
 * @param largestMatrix the bytes of the step's largest single matrix, which a backend may cap
 *                      ({@link dev.gn4j.engine.backend.Backend#maxMatrixBytes}) whatever the memory
 * @param largestMatrixName what that matrix is, in words
 */
public record MemoryPlan(long parameters, long vectorBytes, long rowBytes, long systemRows, long systemBytes,
                         long jacobianBytes, SolverKind solver, long largestMatrix, String largestMatrixName) {

    /** Java arrays and CPU matrices hold at most this many elements; θ is one vector. */
    static final long MAX_PARAMETERS = Integer.MAX_VALUE - 8L;

    public static MemoryPlan of(Mlp mlp, int batch, Loss loss, OptimizerConfig optimizer, DType dtype) {
        long p = mlp.parameterCount();
        int bytes = dtype.bytes();
        Method method = optimizer.method();
        boolean secondOrder = !method.isFirstOrder();
        // θ, gradient, direction, trial θ, momentum or Adam's two moments; the host keeps θ in double twice.
        // A scaled parameterization adds two: S·w for U w and S⁻¹·d for the curvature along d.
        int scaled = optimizer.parameterization() == dev.gn4j.engine.model.Parameterization.STANDARD ? 0 : 2;
        long vectors = saturatingProduct(p, (6L + scaled) * bytes + 16);
        long curvatureBatch = optimizer.curvatureBatch() > 0 ? Math.min(optimizer.curvatureBatch(), batch) : batch;
        long m = systemRows(mlp, batch, loss, optimizer);
        long widths = 0;
        for (int l = 0; l <= mlp.layers(); l++) {
            widths += l == 0 ? mlp.inputs() : mlp.width(l);
        }
        // The batch's pre-activations, activations and deltas; the rows' sensitivities are two
        // ping-ponged buffers of m × the widest layer (Network.backpropRows).
        long rows = HeapBudget.saturatingSum(saturatingProduct(saturatingProduct((long) batch * 3, widths), bytes),
                saturatingProduct(saturatingProduct(m, Math.max(widths, 2L * mlp.maxWidth())), bytes));
        int gramBytes = m == 0 ? bytes : gramBytes(m, dtype, optimizer);
        rows = HeapBudget.saturatingSum(rows, convolutionBytes(mlp, batch, curvatureBatch, m, bytes, gramBytes));
        // An unresolved --solver auto is counted as Cholesky, the way that holds the most.
        long system = !secondOrder ? 0 : SolverPlan.bytes(optimizer.solver().kind(), optimizer.solver().direct(), m, p,
                bytes, gramBytes, factorBytes(dtype, optimizer));
        long jacobian = secondOrder && optimizer.gram() == GramMode.EXPLICIT ? saturatingProduct(saturatingProduct(m, p), bytes) : 0;
        Largest largest = new Largest(saturatingProduct(saturatingProduct(batch, mlp.maxWidth()), bytes),
                "a layer's activations of the batch");
        if (secondOrder) {
            largest.offer(saturatingProduct(saturatingProduct(m, mlp.maxWidth()), bytes),
                    "the curvature rows' sensitivities (m × the widest layer)");
            SolverKind kind = optimizer.solver().kind(), direct = optimizer.solver().direct();
            if (kind == SolverKind.PARAM || direct == SolverKind.PARAM) {
                largest.offer(saturatingProduct(saturatingProduct(m, p), Math.max(bytes, gramBytes)), "U (m × P)");
                largest.offer(saturatingProduct(saturatingProduct(p, p), gramBytes), "UᵀU (P × P)");
            } else if (kind != SolverKind.CG || direct == SolverKind.CHOLESKY) {
                largest.offer(SolverPlan.choleskyMatrixBytes(m, gramBytes), "K (m × m)");
            }
            if (jacobian > 0) {
                largest.offer(jacobian, "the explicit Jacobian (m × P)");
            }
        }
        for (int l = 0; l < mlp.layers(); l++) {
            if (mlp.layer(l) instanceof dev.gn4j.engine.model.Conv2d c) {
                largest.offer(saturatingProduct(saturatingProduct((long) c.shape().positions() * c.shape().patchSize(),
                        Math.max(m, batch)), bytes), "a convolution's patches");
            }
        }
        return new MemoryPlan(p, vectors, rows, m, system, jacobian, optimizer.solver().kind(), largest.bytes, largest.name);
    }

    /** The largest single matrix seen so far, and what it is. */
    private static final class Largest {
        long bytes;
        String name;

        Largest(long bytes, String name) {
            this.bytes = bytes;
            this.name = name;
        }

        void offer(long matrixBytes, String what) {
            if (matrixBytes > bytes) {
                bytes = matrixBytes;
                name = what;
            }
        }
    }

    /** The Gram's element size for m rows (RowsWorkspace.gramDtype: float64 from 512 rows, or as the dtypes ask). */
    static int gramBytes(long m, DType dtype, OptimizerConfig optimizer) {
        DType solve = optimizer.solveDtype() == null ? dtype : optimizer.solveDtype();
        return RowsWorkspace.gramDtype(Math.toIntExact(Math.min(m, Integer.MAX_VALUE)), dtype, solve).bytes();
    }

    /** The factorization's element size: the solve precision (SpdSolver refines a narrower factor against a wider Gram). */
    static int factorBytes(DType dtype, OptimizerConfig optimizer) {
        return DType.wider(dtype, optimizer.solveDtype() == null ? dtype : optimizer.solveDtype()).bytes();
    }

    /** m, the rows of the batch-space system: the curvature samples times the rows a sample (1 for smw-ng); 0 for sgd and adam. */
    public static long systemRows(Mlp mlp, int batch, Loss loss, OptimizerConfig optimizer) {
        Method method = optimizer.method();
        if (method.isFirstOrder()) {
            return 0;
        }
        long c = mlp.outputs();
        long curvatureBatch = optimizer.curvatureBatch() > 0 ? Math.min(optimizer.curvatureBatch(), batch) : batch;
        return method == Method.SMW_NG ? curvatureBatch : curvatureBatch * (loss == Loss.CE ? c - 1 : c);
    }

    /**
     * What convolutions add (Conv2d keeps its buffers per shape): the patches of the batch and of the curvature
     * subsample, the sensitivities' patches of m rows, and the widest layer's block of U (m × the
     * columns of its widest channel block, Conv2d.blockColumns; once more in the Gram's dtype when that differs).
     */
    private static long convolutionBytes(Mlp mlp, long batch, long curvatureBatch, long m, long bytes, long gramBytes) {
        long total = 0, widestBlock = 0;
        for (int l = 0; l < mlp.layers(); l++) {
            if (mlp.layer(l) instanceof dev.gn4j.engine.model.Conv2d c) {
                long patch = (long) c.shape().positions() * c.shape().patchSize();
                // The batch's, the subsample's, the rows' sensitivities', and the subsample's again
                // reordered sample by sample for the GEMMs that form the rows (the CPU's convRows).
                long samples = batch + 2 * curvatureBatch + Math.max(m, batch);
                total = HeapBudget.saturatingSum(total, saturatingProduct(saturatingProduct(patch, samples), bytes));
                widestBlock = Math.max(widestBlock, c.blockColumns(m));
            }
        }
        long block = saturatingProduct(saturatingProduct(m, widestBlock), bytes + (gramBytes == bytes ? 0 : gramBytes));
        return HeapBudget.saturatingSum(total, block);
    }

    /**
     * The solver a second-order run uses at this batch: --solver as asked, or for auto the plan from
     * the system's size and what the system may take of {@code available} once the rest of the step
     * (counted as for conjugate gradients, the least a second-order step holds) is set aside.
     */
    public static SolverPlan planSolver(Mlp mlp, int batch, Loss loss, OptimizerConfig optimizer, DType dtype, long available,
                                        long maxMatrixBytes) {
        long m = systemRows(mlp, batch, loss, optimizer);
        long samples = optimizer.curvatureBatch() > 0 ? Math.min(optimizer.curvatureBatch(), batch) : batch;
        SystemSize size = SystemSize.of(mlp, samples, m / samples, dtype.bytes(), gramBytes(m, dtype, optimizer),
                factorBytes(dtype, optimizer));
        long rest = of(mlp, batch, loss, optimizer.withSolver(SolverSettings.DEFAULT.withKind(SolverKind.CG)), dtype).totalBytes();
        long budget = available == Long.MAX_VALUE ? Long.MAX_VALUE : Math.max(0, available - rest);
        return SolverPlan.choose(optimizer.solver().kind(), size, optimizer.solver().cgMaxIterations(), budget, maxMatrixBytes);
    }

    /**
     * The bytes a step may allocate on {@code be}: on the CPU its matrices are off-heap (JavaCPP,
     * capped at maxBytes) and θ and the data on the heap; a GPU's limit is its own, not known here.
     */
    public static long allocatable(dev.gn4j.engine.backend.Backend be) {
        return be.name().equals("cpu")
                ? Math.max(org.bytedeco.javacpp.Pointer.maxBytes(), Runtime.getRuntime().maxMemory()) : Long.MAX_VALUE;
    }

    public long totalBytes() {
        long t = 0;
        for (long b : new long[] {vectorBytes, rowBytes, systemBytes, jacobianBytes}) {
            t = HeapBudget.saturatingSum(t, b);
        }
        return t;
    }

    /** Throws a usage error (the sizes were chosen on the command line) when θ does not fit one vector. */
    public void requireOneVector(String model) {
        if (parameters > MAX_PARAMETERS) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "--model %s has %,d parameters; gn4j keeps the parameters in one vector of at most %,d elements: "
                            + "use narrower layers", model, parameters, MAX_PARAMETERS));
        }
    }

    /** The host's share, on the Java heap whatever the device: θ in double, twice (the initial draw and a copy). */
    public long hostBytes() {
        return saturatingProduct(parameters, 16);
    }

    /** Throws a usage error when θ does not fit one vector, and {@link InsufficientMemory} when its host copies do not fit {@code heapBytes}. */
    public void requireHost(long heapBytes, String model) {
        requireOneVector(model);
        if (hostBytes() > heapBytes) {
            throw new InsufficientMemory(String.format(Locale.ROOT,
                    "--model %s has %,d parameters, whose host copies need %s, more than the %s of Java heap left: use "
                            + "narrower layers, or give Java more memory (GN4J_JAVA_OPTS=-Xmx...)",
                    model, parameters, size(hostBytes()), size(heapBytes)));
        }
    }

    /** What the solver holds, in words: "batch-space system of 45,000 rows 37.7 GiB" and the like. */
    private String systemWords() {
        String rows = String.format(Locale.ROOT, "%,d rows", systemRows);
        return switch (solver) {
            case PARAM -> String.format(Locale.ROOT, "parameter-space system (U of %s, UᵀU of %,d²) %s", rows, parameters,
                    size(systemBytes));
            case CG -> String.format(Locale.ROOT, "conjugate gradients over %s %s", rows, size(systemBytes));
            case CHOLESKY, AUTO -> String.format(Locale.ROOT, "batch-space system of %s %s", rows, size(systemBytes));
        };
    }

    /**
     * Throws {@link InsufficientMemory} naming the sizes when the plan exceeds what {@code be} may
     * allocate, or its largest matrix more bytes than one of {@code be}'s matrices may take.
     */
    public void requireFits(dev.gn4j.engine.backend.Backend be, String model, int batch) {
        requireFits(allocatable(be), be.maxMatrixBytes(), model, batch);
    }

    /** As {@link #requireFits(dev.gn4j.engine.backend.Backend, String, int)}, with the limits given. */
    public void requireFits(long availableBytes, long maxMatrixBytes, String model, int batch) {
        requireOneVector(model);
        if (totalBytes() > availableBytes) {
            throw new InsufficientMemory(String.format(Locale.ROOT,
                    "--model %s at batch %d needs about %s (parameters %,d: %s; activations and curvature rows %s; "
                            + "%s%s), more than the %s this run may allocate: use a smaller "
                            + "--model or --batch%s, or give Java more memory (GN4J_JAVA_OPTS=-Xmx...)",
                    model, batch, size(totalBytes()), parameters, size(vectorBytes), size(rowBytes), systemWords(), jacobianBytes > 0 ? "; explicit Jacobian " + size(jacobianBytes) : "",
                    size(availableBytes), systemRows > 0 ? " (or --curvature-batch for smw-gn and smw-ng"
                            + (systemBytes > vectorBytes + rowBytes && solver != SolverKind.CG ? ", or --solver cg, which never forms the system" : "") + ")"
                            : ""));
        }
        if (largestMatrix > maxMatrixBytes) {
            throw new InsufficientMemory(String.format(Locale.ROOT,
                    "--model %s at batch %d needs %s of %s (%,d bytes), more than the %,d bytes one matrix on this device "
                            + "may take: use a smaller --batch%s", model, batch, largestMatrixName, size(largestMatrix), largestMatrix,
                    maxMatrixBytes,
                    largestMatrixName.startsWith("K") || largestMatrixName.startsWith("U")
                            ? ", or --solver cg, which never forms the system" : ""));
        }
    }

}
