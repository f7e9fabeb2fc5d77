package dev.gn4j.engine.bench;

import dev.gn4j.engine.backend.DType;
import dev.gn4j.engine.curvature.GramMode;
import dev.gn4j.engine.curvature.RowsWorkspace;
import dev.gn4j.engine.model.Loss;
import dev.gn4j.engine.profile.Phase;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The FLOPs and bytes of one optimizer step, counted from the shapes alone: layer
 * sizes d_0..d_L, batch b, outputs c = d_L, the rows m of the batch-space system
 * (b·c for Jacobian rows, b for SMW-NG's per-sample gradients), the working dtype,
 * the Gram's dtype (float64 from 512 rows on) and factored or explicit Gram. It
 * follows the backend calls the optimizers make, phase by phase, for the
 * configurations {@code gn4j bench} runs: no momentum, no adaptive λ, the
 * curvature subsample equal to the batch.
 *
 * <p>Conventions (docs/bench.md): GEMM 2mnk, SYRK n²k (half a GEMM), Cholesky n³/3,
 * the two triangular solves 2n²; dot products and squared norms 2 per element,
 * axpy 2, scal 1, column sums 1; other elementwise kernels one per element written
 * (the Gram's Hadamard step k += s2 ∘ (aa + 1) three, Adam's update ten per
 * parameter). Bytes are the compulsory traffic: every operand read once and every
 * result written once (read too when accumulated into), SYRK and the Hadamard step
 * touching one triangle; caches can only do better, so achieved GB/s is a lower
 * bound on the real traffic rate.
 */
public final class StepCost {
    private final List<CostItem> items;

    private StepCost(List<CostItem> items) {
        this.items = List.copyOf(items);
    }

    /** The supported optimizer names. */
    public static final List<String> OPTIMIZERS = List.of("egn", "ggn", "smw-gn", "smw-ng", "sgd", "adam");

    /**
     * The cost of one step without line-search trials (see {@link #withTrials}).
     *
     * @param sizes d_0..d_L; every hidden layer has an activation, the last none
     */
    public static StepCost of(int[] sizes, int batch, Loss loss, String optimizer, DType dtype, GramMode gram) {
        String name = optimizer.toLowerCase(Locale.ROOT);
        if (!OPTIMIZERS.contains(name)) {
            throw new IllegalArgumentException("no cost model for optimizer '" + optimizer + "' (expected one of " + OPTIMIZERS + ")");
        }
        return new Counter(sizes, batch, loss, dtype).count(name, gram);
    }

    /**
     * The rows m of the batch-space system: b·c (Jacobian rows), b·(c − 1) for the ce
     * Q-factor (EGN and SMW-GN with ce), or b for SMW-NG; 0 for SGD and Adam.
     */
    public static int systemRows(int[] sizes, int batch, Loss loss, String optimizer) {
        int c = sizes[sizes.length - 1];
        return switch (optimizer.toLowerCase(Locale.ROOT)) {
            case "sgd", "adam" -> 0;
            case "smw-ng" -> batch;
            default -> batch * rowsPerSample(c, loss);
        };
    }

    /** Rows a sample contributes to the Gauss-Newton system: c, or c − 1 through the ce Q-factor. */
    private static int rowsPerSample(int c, Loss loss) {
        return loss == Loss.CE ? c - 1 : c;
    }

    /** The Gram's dtype: float64 from {@link RowsWorkspace#FLOAT64_GRAM_ROWS} rows on, else the working dtype. */
    public static DType gramDtype(int rows, DType dtype) {
        return rows >= RowsWorkspace.FLOAT64_GRAM_ROWS ? DType.F64 : dtype;
    }

    /** This step plus {@code evaluations} line-search trial evaluations (θ + α d, forward, loss). */
    public StepCost withTrials(double evaluations, int[] sizes, int batch, Loss loss, DType dtype) {
        if (evaluations <= 0) {
            return this;
        }
        List<CostItem> all = new ArrayList<>(items);
        Counter c = new Counter(sizes, batch, loss, dtype);
        all.add(new CostItem(Phase.LINE_SEARCH, String.format(Locale.ROOT, "trial evaluations (%.3g)", evaluations),
                c.trial().times(evaluations)));
        return new StepCost(all);
    }

    public List<CostItem> items() {
        return items;
    }

    /** The summed cost of each phase (phases with no work are absent). */
    public Map<Phase, Cost> byPhase() {
        Map<Phase, Cost> out = new EnumMap<>(Phase.class);
        for (CostItem item : items) {
            out.merge(item.phase(), item.cost(), Cost::plus);
        }
        return out;
    }

    public Cost phase(Phase phase) {
        return byPhase().getOrDefault(phase, Cost.ZERO);
    }

    public Cost total() {
        Cost sum = Cost.ZERO;
        for (CostItem item : items) {
            sum = sum.plus(item.cost());
        }
        return sum;
    }

    /** The item named {@code what}. */
    public Cost item(String what) {
        return items.stream().filter(i -> i.what().equals(what)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no cost item '" + what + "' in " + items)).cost();
    }

    /** Counts one configuration; each method mirrors one backend-level routine of the engine. */
    private static final class Counter {
        private final int[] d;
        private final int layers;
        private final int b;
        private final int c;
        private final long p;
        private final Loss loss;
        private final DType dtype;
        private final double s;

        Counter(int[] sizes, int batch, Loss loss, DType dtype) {
            this.d = sizes.clone();
            this.layers = d.length - 1;
            this.b = batch;
            this.c = d[layers];
            this.loss = loss;
            this.dtype = dtype;
            this.s = dtype.bytes();
            long params = 0;
            for (int i = 0; i < layers; i++) {
                params += (long) d[i + 1] * d[i] + d[i + 1];
            }
            this.p = params;
        }

        StepCost count(String optimizer, GramMode gram) {
            List<CostItem> out = new ArrayList<>();
            out.add(new CostItem(Phase.FORWARD, "forward", forward(b)));
            out.add(new CostItem(Phase.FORWARD, "loss", lossKernel(b)));
            // EGN with mse and GGN take ∇Lᵀd and ‖∇L‖² from K in batch space: no gradient backward pass.
            boolean kernelForm = (optimizer.equals("egn") && loss == Loss.MSE) || optimizer.equals("ggn");
            if (!kernelForm) {
                out.add(new CostItem(Phase.BACKWARD, "backward (gradient)", vjp(b).plus(scal(p))));
            }
            switch (optimizer) {
                // ‖g‖², the axpy, ‖θ‖²: the bench's SGD has no momentum or decay, so ‖u‖ = ‖g‖ is not summed again.
                case "sgd" -> out.add(new CostItem(Phase.UPDATE, "update and norms",
                        sumSquares(p).times(2).plus(axpy(p))));
                case "adam" -> out.add(new CostItem(Phase.UPDATE, "update and norms",
                        new Cost(10.0 * p, 7.0 * p * s).plus(sumSquares(p).times(2))));
                case "egn", "ggn" -> {
                    if (optimizer.equals("egn") && loss == Loss.CE) {
                        woodbury(out, b, rowsPerSample(c, loss), true, gram);
                    } else {
                        kernel(out, gram);
                    }
                }
                case "smw-gn" -> woodbury(out, b, rowsPerSample(c, loss), loss == Loss.CE, gram);
                case "smw-ng" -> woodbury(out, b, 1, false, gram);
                default -> throw new IllegalStateException(optimizer);
            }
            if (kernelForm) {
                long m = (long) b * c;
                double sg = gramDtype(Math.toIntExact(m), dtype).bytes();
                // −rᵀKt / b: widen r and t to K's dtype when they differ, one SYMV, one dot.
                out.add(new CostItem(Phase.DIRECTION, "slope −rᵀKt/b", quadraticForm(m, sg, 2)));
                // rᵀKr / b² for the report, then ‖d‖², the axpy and ‖θ‖².
                out.add(new CostItem(Phase.UPDATE, "update and norms",
                        quadraticForm(m, sg, 1).plus(sumSquares(p).times(2)).plus(axpy(p))));
            } else if (!optimizer.equals("sgd") && !optimizer.equals("adam")) {
                out.add(new CostItem(Phase.DIRECTION, "slope ∇Lᵀd", dot(p)));
                out.add(new CostItem(Phase.UPDATE, "update and norms", sumSquares(p).times(3).plus(axpy(p))));
            }
            return new StepCost(out);
        }

        /** EGN with mse and GGN: t = (K + shift I)⁻¹ (rows of the residual), d = −Jᵀ t. */
        private void kernel(List<CostItem> out, GramMode gram) {
            int rps = c;
            long m = (long) b * rps;
            gram(out, b, rps, gram);
            solve(out, m);
            Cost rowDot = new Cost(2.0 * m * c, (m * c + (double) b * c + m) * s);
            Cost copy = new Cost(0, 2.0 * m * s);
            out.add(new CostItem(Phase.DIRECTION, "vector work", rowDot.plus(copy).plus(scal(p))));
            out.add(new CostItem(Phase.DIRECTION, "Uᵀw (backward)", contractRows(b, rps).plus(vjp(b))));
        }

        /**
         * xᵀKy over m rows with K's lower triangle (sg bytes an element): SYMV 2m² FLOPs reading
         * the triangle once, a dot of 2m; {@code widened} vectors copied to K's dtype first when it
         * differs from the working dtype.
         */
        private Cost quadraticForm(long m, double sg, int widened) {
            Cost symv = new Cost(2.0 * m * m, (m * (m + 1) / 2.0 + 2.0 * m) * sg);
            Cost widen = sg == s ? Cost.ZERO : new Cost(0, widened * m * (s + sg));
            return widen.plus(symv).plus(new Cost(2.0 * m, 2.0 * m * sg));
        }

        /** The Woodbury form over n samples with rps rows each: K, U∇L, solve, Uᵀw. */
        private void woodbury(List<CostItem> out, int n, int rps, boolean qFactor, GramMode gram) {
            long m = (long) n * rps;
            if (qFactor) {
                double written = (double) m * c;
                out.add(new CostItem(Phase.GRAM, "Q-factor seed", new Cost(2 * written, ((double) n * c + written) * s)));
            }
            gram(out, n, rps, gram);
            Cost rowDot = new Cost(2.0 * m * c, (m * c + (double) n * c + m) * s);
            out.add(new CostItem(Phase.DIRECTION, "U∇L (forward mode)", jvp(n).plus(rowDot)));
            solve(out, m);
            out.add(new CostItem(Phase.DIRECTION, "Uᵀw (backward)", contractRows(n, rps).plus(vjp(n))));
            out.add(new CostItem(Phase.DIRECTION, "vector work", new Cost(0, 2.0 * m * s).plus(axpy(p)).plus(scal(p))));
        }

        /** K = U Uᵀ for m = n·rps rows: rows backprop, then the factored sum or the explicit J and one SYRK. */
        private void gram(List<CostItem> out, int n, int rps, GramMode mode) {
            long m = (long) n * rps;
            double sg = gramDtype(Math.toIntExact(m), dtype).bytes();
            Cost rows = Cost.ZERO;
            for (int i = layers - 1; i >= 1; i--) {
                rows = rows.plus(gemm(m, d[i], d[i + 1], false))
                        .plus(new Cost((double) m * d[i], (2.0 * m * d[i] + (double) n * d[i]) * s));
            }
            out.add(new CostItem(Phase.GRAM, "rows backprop", rows));
            double tri = m * (m + 1) / 2.0;
            if (mode == GramMode.FACTORED) {
                Cost syrks = Cost.ZERO;
                Cost hadamard = Cost.ZERO;
                Cost blocks = Cost.ZERO;
                boolean started = false;
                for (int i = layers - 1; i >= 0; i--) {
                    if (d[i + 1] == 1 && sg == s) {
                        // CurvatureRows: a one-unit layer adds the SYRK of its block g ∘ [A | 1], reading K when not first
                        blocks = blocks.plus(outerRows(m, n, 1, d[i])).plus(syrk(m, d[i] + 1))
                                .plus(new Cost(0, started ? tri * sg : 0));
                    } else {
                        if (!started) {
                            hadamard = hadamard.plus(new Cost(0, (double) m * m * sg)); // the fill of K
                        }
                        syrks = syrks.plus(syrk(m, d[i + 1])).plus(syrk(n, d[i]));
                        hadamard = hadamard.plus(new Cost(3 * tri, tri * s + n * (n + 1) / 2.0 * s + 2 * tri * sg));
                    }
                    started = true;
                }
                if (syrks.flops() > 0) {
                    out.add(new CostItem(Phase.GRAM, "Gram SYRKs", syrks));
                    out.add(new CostItem(Phase.GRAM, "Gram Hadamard and fill", hadamard)); // K's lower triangle only
                }
                if (blocks.flops() > 0) {
                    out.add(new CostItem(Phase.GRAM, "one-unit layers: g ∘ [A | 1] and its SYRK", blocks));
                }
            } else {
                Cost outer = Cost.ZERO;
                for (int i = layers - 1; i >= 0; i--) {
                    outer = outer.plus(outerRows(m, n, d[i + 1], d[i]));
                }
                out.add(new CostItem(Phase.GRAM, "explicit Jacobian rows", outer));
                Cost syrk = syrk(m, p);
                if (sg != s) {
                    syrk = syrk.plus(new Cost(0, (double) m * m * (s + sg))); // SYRK in the working dtype, then widened
                }
                out.add(new CostItem(Phase.GRAM, "J Jᵀ SYRK", syrk));
            }
        }

        /** SpdSolver's first rung: copy K and shift it, Cholesky, two triangular solves, the finiteness check. */
        private void solve(List<CostItem> out, long m) {
            double sg = gramDtype(Math.toIntExact(m), dtype).bytes();
            Cost copyShift = new Cost(m, 2.0 * m * m * sg + 2.0 * m * sg);
            out.add(new CostItem(Phase.SOLVE, "copy and shift K", copyShift));
            out.add(new CostItem(Phase.SOLVE, "Cholesky", new Cost((double) m * m * m / 3, (double) m * (m + 1) * sg)));
            Cost triangular = new Cost(2.0 * m * m, (m * (m + 1) / 2.0 + 2.0 * m) * sg);
            if (sg != s) {
                triangular = triangular.plus(new Cost(0, 2 * (m * s + m * sg)));
            }
            out.add(new CostItem(Phase.SOLVE, "triangular solves", triangular.plus(sumSquares(m))));
        }

        /** Network.forward over n samples: per layer a GEMM, the bias, the activation (none on the last). */
        Cost forward(int n) {
            Cost sum = Cost.ZERO;
            for (int i = 0; i < layers; i++) {
                sum = sum.plus(gemm(n, d[i + 1], d[i], false)).plus(bias(n, d[i + 1]));
                if (i + 1 < layers) {
                    sum = sum.plus(new Cost((double) n * d[i + 1], 2.0 * n * d[i + 1] * s));
                }
            }
            return sum;
        }

        /** mse writes g from f and y; ce writes p and g from f and the labels. */
        Cost lossKernel(int n) {
            double bc = (double) n * c;
            return loss == Loss.MSE ? new Cost(bc, 3 * bc * s) : new Cost(2 * bc, (3 * bc + n) * s);
        }

        /** Network.vjp: per layer the weight GEMM and the bias column sums, below the top a GEMM and σ′. */
        Cost vjp(int n) {
            Cost sum = Cost.ZERO;
            for (int i = layers - 1; i >= 0; i--) {
                sum = sum.plus(gemm(d[i + 1], d[i], n, false))
                        .plus(new Cost((double) n * d[i + 1], ((double) n * d[i + 1] + d[i + 1]) * s));
                if (i > 0) {
                    sum = sum.plus(gemm(n, d[i], d[i + 1], false)).plus(activationGrad(n, d[i]));
                }
            }
            return sum;
        }

        /** Network.jvp: the input's tangent is zero, so layer 0 has one GEMM, the others two. */
        Cost jvp(int n) {
            Cost sum = Cost.ZERO;
            for (int i = 0; i < layers; i++) {
                sum = sum.plus(gemm(n, d[i + 1], d[i], false)).plus(bias(n, d[i + 1]));
                if (i > 0) {
                    sum = sum.plus(gemm(n, d[i + 1], d[i], true));
                }
                if (i + 1 < layers) {
                    sum = sum.plus(activationGrad(n, d[i + 1]));
                }
            }
            return sum;
        }

        /** A line-search trial: θ + α d into a copy, then forward and loss. */
        Cost trial() {
            return new Cost(0, 2.0 * p * s).plus(axpy(p)).plus(forward(b)).plus(lossKernel(b));
        }

        private Cost contractRows(int n, int rps) {
            long m = (long) n * rps;
            return new Cost(2.0 * m * c, ((double) m * c + m + (double) n * c) * s);
        }

        private Cost gemm(long m, long n, long k, boolean accumulate) {
            return new Cost(2.0 * m * n * k, ((double) m * k + (double) k * n + (accumulate ? 2.0 : 1.0) * m * n) * s);
        }

        /** One layer's explicit Jacobian block (m × (d·e + d)) from g (m × d) and a (n × e). */
        private Cost outerRows(long m, int n, int d, int e) {
            double block = (double) d * e + d;
            return new Cost((double) m * d * e, (m * block + (double) m * d + (double) n * e) * s);
        }

        private Cost syrk(long n, long k) {
            return new Cost((double) n * n * k, ((double) n * k + n * (n + 1) / 2.0) * s);
        }

        private Cost bias(int n, int width) {
            return new Cost((double) n * width, (2.0 * n * width + width) * s);
        }

        private Cost activationGrad(int n, int width) {
            return new Cost((double) n * width, 3.0 * n * width * s);
        }

        private Cost sumSquares(long n) {
            return new Cost(2.0 * n, n * s);
        }

        private Cost dot(long n) {
            return new Cost(2.0 * n, 2.0 * n * s);
        }

        private Cost axpy(long n) {
            return new Cost(2.0 * n, 3.0 * n * s);
        }

        private Cost scal(long n) {
            return new Cost(n, 2.0 * n * s);
        }
    }
}
