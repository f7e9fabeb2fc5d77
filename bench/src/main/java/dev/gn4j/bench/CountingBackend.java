package dev.gn4j.bench;

import dev.gn4j.engine.backend.Activation;
import dev.gn4j.engine.backend.Backend;
import dev.gn4j.engine.backend.ConvShape;
import dev.gn4j.engine.backend.DType;
import dev.gn4j.engine.backend.Mat;
import dev.gn4j.engine.profile.Phase;
import dev.gn4j.engine.profile.StepProfiler;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A backend that passes every call to another and, while {@link #count} runs, adds up each
 * call's FLOPs and bytes ({@link KernelCosts}) under the phase the optimizer is in. The
 * bench's costs are so the real calls of the real step, on either backend: they cannot
 * drift from the code, and a line search's trials, a fallback rung or a new fused kernel
 * are counted because they ran.
 */
public final class CountingBackend implements Backend {
    private final Backend inner;
    private final Deque<Phase> phases = new ArrayDeque<>();
    private final StepProfiler phaseTracker = new StepProfiler() {
        @Override
        public void enter(Phase phase) {
            phases.push(phase);
        }

        @Override
        public void exit(Phase phase) {
            if (phases.peek() != phase) {
                throw new IllegalStateException("left " + phase + " inside " + phases.peek());
            }
            phases.pop();
        }
    };
    private Map<Phase, Map<String, Tally>> counted;
    private Map<String, Tally> unattributed;

    public CountingBackend(Backend inner) {
        this.inner = inner;
    }

    /** The profiler the step must run with while it is counted, so that each call lands in its phase. */
    public StepProfiler phaseTracker() {
        return phaseTracker;
    }

    /**
     * Runs the step with counting on and returns its cost, call by call in each phase. Calls made
     * outside every phase are the step's {@link StepCost#unattributed} work.
     */
    public StepCost count(Runnable step) {
        counted = new EnumMap<>(Phase.class);
        unattributed = new TreeMap<>();
        phases.clear();
        try {
            step.run();
            return costOf();
        } finally {
            counted = null;
            unattributed = null;
        }
    }

    private StepCost costOf() {
        List<CostItem> items = new ArrayList<>();
        counted.forEach((phase, ops) -> ops.forEach((op, t) -> items.add(new CostItem(phase, t.label(op), t.cost))));
        Cost outside = Cost.ZERO;
        for (Tally t : unattributed.values()) {
            outside = outside.plus(t.cost);
        }
        return new StepCost(items, outside);
    }

    /** Called only while counting: the timed steps make no Cost and look nothing up, each call only tests a field. */
    private void add(String op, Cost cost) {
        Phase phase = phases.peek();
        Map<String, Tally> ops = phase == null ? unattributed : counted.computeIfAbsent(phase, p -> new TreeMap<>());
        ops.computeIfAbsent(op, o -> new Tally()).add(cost);
    }

    private static final class Tally {
        private Cost cost = Cost.ZERO;
        private int calls;

        void add(Cost c) {
            cost = cost.plus(c);
            calls++;
        }

        String label(String op) {
            return calls == 1 ? op : op + " ×" + calls;
        }
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public long maxMatrixBytes() {
        return inner.maxMatrixBytes();
    }

    @Override
    public String description() {
        return inner.description();
    }

    @Override
    public void synchronize() {
        inner.synchronize();
    }

    @Override
    public Mat zeros(int rows, int cols, DType dtype) {
        return inner.zeros(rows, cols, dtype); // an allocation, not a step's work: a warm step makes none
    }

    @Override
    public void upload(double[] src, Mat dst) {
        if (counted != null) {
            add("upload", KernelCosts.write(dst));
        }
        inner.upload(src, dst);
    }

    @Override
    public double[] download(Mat src) {
        if (counted != null) {
            add("download", KernelCosts.read(src));
        }
        return inner.download(src);
    }

    @Override
    public void copy(Mat src, Mat dst) {
        if (counted != null) {
            add("copy", KernelCosts.copy(src, dst));
        }
        inner.copy(src, dst);
    }

    @Override
    public void fill(Mat m, double value) {
        if (counted != null) {
            add("fill", KernelCosts.write(m));
        }
        inner.fill(m, value);
    }

    @Override
    public void gemm(boolean transA, boolean transB, double alpha, Mat a, Mat b, double beta, Mat c) {
        if (counted != null) {
            add("gemm", KernelCosts.gemm(transA, a, b, beta, c));
        }
        inner.gemm(transA, transB, alpha, a, b, beta, c);
    }

    @Override
    public void syrk(double alpha, Mat a, double beta, Mat c) {
        if (counted != null) {
            add("syrk", KernelCosts.syrk(a, beta, c));
        }
        inner.syrk(alpha, a, beta, c);
    }

    @Override
    public void symv(double alpha, Mat a, Mat x, double beta, Mat y) {
        if (counted != null) {
            add("symv", KernelCosts.symv(a, x, beta, y));
        }
        inner.symv(alpha, a, x, beta, y);
    }

    @Override
    public void symmetrize(Mat c) {
        if (counted != null) {
            add("symmetrize", KernelCosts.symmetrize(c));
        }
        inner.symmetrize(c);
    }

    @Override
    public void axpy(double alpha, Mat x, Mat y) {
        if (counted != null) {
            add("axpy", KernelCosts.axpy(x, y));
        }
        inner.axpy(alpha, x, y);
    }

    @Override
    public void scal(double alpha, Mat x) {
        if (counted != null) {
            add("scal", KernelCosts.scal(x));
        }
        inner.scal(alpha, x);
    }

    @Override
    public double dot(Mat x, Mat y) {
        if (counted != null) {
            add("dot", KernelCosts.dot(x, y));
        }
        return inner.dot(x, y);
    }

    @Override
    public double sumSquares(Mat x) {
        if (counted != null) {
            add("sumSquares", KernelCosts.sumSquares(x));
        }
        return inner.sumSquares(x);
    }

    @Override
    public void activation(Activation f, Mat z, Mat a) {
        if (counted != null) {
            add("activation", KernelCosts.activation(z, a));
        }
        inner.activation(f, z, a);
    }

    @Override
    public void activationGrad(Activation f, Mat z, Mat a, Mat g, int rps, Mat out) {
        if (counted != null) {
            add("activationGrad", KernelCosts.activationGrad(z, g, out));
        }
        inner.activationGrad(f, z, a, g, rps, out);
    }

    @Override
    public void addBias(Mat m, Mat bias) {
        if (counted != null) {
            add("addBias", KernelCosts.addBias(m, bias));
        }
        inner.addBias(m, bias);
    }

    @Override
    public void columnSums(double alpha, Mat m, double beta, Mat out) {
        if (counted != null) {
            add("columnSums", KernelCosts.columnSums(m, beta, out));
        }
        inner.columnSums(alpha, m, beta, out);
    }

    @Override
    public double mseResidual(Mat f, Mat y, Mat g) {
        if (counted != null) {
            add("mseResidual", KernelCosts.mseResidual(f, y, g));
        }
        return inner.mseResidual(f, y, g);
    }

    @Override
    public double softmaxCrossEntropy(Mat f, Mat labels, Mat p, Mat g) {
        if (counted != null) {
            add("softmaxCrossEntropy", KernelCosts.softmaxCrossEntropy(f, labels, p, g));
        }
        return inner.softmaxCrossEntropy(f, labels, p, g);
    }

    @Override
    public long countCorrect(Mat f, Mat labels) {
        if (counted != null) {
            add("countCorrect", KernelCosts.countCorrect(f, labels));
        }
        return inner.countCorrect(f, labels);
    }

    @Override
    public void softmaxQFactor(Mat p, Mat out) {
        if (counted != null) {
            add("softmaxQFactor", KernelCosts.softmaxQFactor(p, out));
        }
        inner.softmaxQFactor(p, out);
    }

    @Override
    public void identityRows(Mat out) {
        if (counted != null) {
            add("identityRows", KernelCosts.write(out));
        }
        inner.identityRows(out);
    }

    @Override
    public void sampleCategorical(Mat p, Mat uniforms, Mat labelsOut) {
        if (counted != null) {
            add("sampleCategorical", KernelCosts.sampleCategorical(p, uniforms, labelsOut));
        }
        inner.sampleCategorical(p, uniforms, labelsOut);
    }

    @Override
    public void gramAccumulate(Mat s2, Mat aa, int rps, Mat k) {
        if (counted != null) {
            add("gramAccumulate", KernelCosts.gramAccumulate(s2, aa, k));
        }
        inner.gramAccumulate(s2, aa, rps, k);
    }

    @Override
    public void contractRows(Mat seed, Mat v, int rps, Mat out) {
        if (counted != null) {
            add("contractRows", KernelCosts.contractRows(seed, v, out));
        }
        inner.contractRows(seed, v, rps, out);
    }

    @Override
    public void rowDot(Mat seed, Mat x, int rps, Mat out) {
        if (counted != null) {
            add("rowDot", KernelCosts.rowDot(seed, x, out));
        }
        inner.rowDot(seed, x, rps, out);
    }

    @Override
    public void outerRows(Mat g, Mat a, int rps, Mat out) {
        if (counted != null) {
            add("outerRows", KernelCosts.outerRows(g, a, out));
        }
        inner.outerRows(g, a, rps, out);
    }

    @Override
    public void im2col(ConvShape shape, Mat patches, Mat a) {
        if (counted != null) {
            add("im2col", KernelCosts.im2col(patches, a));
        }
        inner.im2col(shape, patches, a);
    }

    @Override
    public void col2im(ConvShape shape, Mat patches, Mat a) {
        if (counted != null) {
            add("col2im", KernelCosts.col2im(patches, a));
        }
        inner.col2im(shape, patches, a);
    }

    @Override
    public void convRows(Mat g, Mat patches, int rps, Mat out) {
        if (counted != null) {
            add("convRows", KernelCosts.convRows(g, patches, out));
        }
        inner.convRows(g, patches, rps, out);
    }

    @Override
    public void maxPool(ConvShape window, Mat a, Mat out) {
        if (counted != null) {
            add("maxPool", KernelCosts.maxPool(window, a, out, null));
        }
        inner.maxPool(window, a, out);
    }

    @Override
    public void maxPoolBackward(ConvShape window, Mat a, Mat g, int rps, Mat below) {
        if (counted != null) {
            add("maxPoolBackward", KernelCosts.maxPoolBackward(window, a, g, below));
        }
        inner.maxPoolBackward(window, a, g, rps, below);
    }

    @Override
    public void maxPoolTangent(ConvShape window, Mat a, Mat da, Mat dz) {
        if (counted != null) {
            add("maxPoolTangent", KernelCosts.maxPool(window, a, dz, da));
        }
        inner.maxPoolTangent(window, a, da, dz);
    }

    @Override
    public void avgPool(ConvShape window, Mat a, Mat out) {
        if (counted != null) {
            add("avgPool", KernelCosts.avgPool(window, a, out, false));
        }
        inner.avgPool(window, a, out);
    }

    @Override
    public void avgPoolBackward(ConvShape window, Mat g, Mat below) {
        if (counted != null) {
            add("avgPoolBackward", KernelCosts.avgPoolBackward(window, g, below));
        }
        inner.avgPoolBackward(window, g, below);
    }

    @Override
    public void avgPoolTangent(ConvShape window, Mat da, Mat dz) {
        if (counted != null) {
            add("avgPoolTangent", KernelCosts.avgPool(window, da, dz, true));
        }
        inner.avgPoolTangent(window, da, dz);
    }

    @Override
    public void adamUpdate(Mat param, Mat grad, Mat m, Mat v, double lr, double beta1, double beta2, double eps,
                           double weightDecay, long t) {
        if (counted != null) {
            add("adamUpdate", KernelCosts.adamUpdate(param, grad, m, v));
        }
        inner.adamUpdate(param, grad, m, v, lr, beta1, beta2, eps, weightDecay, t);
    }

    @Override
    public void addDiagonal(Mat a, double value) {
        if (counted != null) {
            add("addDiagonal", KernelCosts.addDiagonal(a));
        }
        inner.addDiagonal(a, value);
    }

    @Override
    public double trace(Mat a) {
        if (counted != null) {
            add("trace", KernelCosts.trace(a));
        }
        return inner.trace(a);
    }

    @Override
    public int cholesky(Mat a) {
        if (counted != null) {
            add("cholesky", KernelCosts.cholesky(a));
        }
        return inner.cholesky(a);
    }

    @Override
    public void choleskySolve(Mat factor, Mat b) {
        if (counted != null) {
            add("choleskySolve", KernelCosts.choleskySolve(factor, b));
        }
        inner.choleskySolve(factor, b);
    }

    @Override
    public int luSolve(Mat a, Mat b) {
        if (counted != null) {
            add("luSolve", KernelCosts.luSolve(a, b));
        }
        return inner.luSolve(a, b);
    }

    @Override
    public void close() {
        inner.close();
    }
}
