package dev.gn4j.bench;

import dev.gn4j.engine.backend.DType;
import dev.gn4j.engine.curvature.FisherKind;
import dev.gn4j.engine.curvature.GramMode;
import dev.gn4j.engine.curvature.RowSpec;
import dev.gn4j.engine.curvature.RowsWorkspace;
import dev.gn4j.engine.curvature.SolverKind;
import dev.gn4j.engine.model.InputShape;
import dev.gn4j.engine.model.Loss;
import dev.gn4j.engine.model.Mlp;
import dev.gn4j.engine.optim.Method;
import java.util.Locale;

/**
 * One cell of the benchmark matrix: where, which optimizer, which shapes.
 *
 * @param model the hidden stack as --model spells it (e.g. 256-tanh-256-tanh)
 * @param jacobian how the Gram is formed; null for SGD and Adam, which form none
 */
public record BenchConfig(String device, String optimizer, int batch, String model, int inputs, int outputs, Loss loss,
                          DType dtype, GramMode jacobian, boolean lineSearch, InputShape inputShape, SolverKind solver) {

    public BenchConfig {
        solver = solver == null ? SolverKind.AUTO : solver;
    }

    /** A cell with --solver auto. */
    public BenchConfig(String device, String optimizer, int batch, String model, int inputs, int outputs, Loss loss,
                       DType dtype, GramMode jacobian, boolean lineSearch, InputShape inputShape) {
        this(device, optimizer, batch, model, inputs, outputs, loss, dtype, jacobian, lineSearch, inputShape, SolverKind.AUTO);
    }

    /** A cell of plain features (no image shape), --solver auto. */
    public BenchConfig(String device, String optimizer, int batch, String model, int inputs, int outputs, Loss loss,
                       DType dtype, GramMode jacobian, boolean lineSearch) {
        this(device, optimizer, batch, model, inputs, outputs, loss, dtype, jacobian, lineSearch, null);
    }

    /** This cell with the damped system solved by {@code kind}. */
    public BenchConfig withSolver(SolverKind kind) {
        return new BenchConfig(device, optimizer, batch, model, inputs, outputs, loss, dtype, jacobian, lineSearch, inputShape, kind);
    }

    public Mlp mlp() {
        return Mlp.parse(model, inputShape, inputs, outputs);
    }

    public int[] sizes() {
        return mlp().sizes();
    }

    public boolean firstOrder() {
        return jacobian == null;
    }

    public String dtypeName() {
        return dtype.name().toLowerCase(Locale.ROOT);
    }

    public String jacobianName() {
        return jacobian == null ? "-" : jacobian.name().toLowerCase(Locale.ROOT);
    }

    /** "cpu egn f32 factored b128" (and the solver, unless auto): what a table row and a plot legend say. */
    public String label() {
        return device + " " + optimizer + " " + dtypeName() + (jacobian == null ? "" : " " + jacobianName())
                + (jacobian == null || solver == SolverKind.AUTO ? "" : " " + solver.flag()) + " b" + batch;
    }

    /**
     * m, the rows of the batch-space system: b times the rows a sample of the method's
     * {@link RowSpec} (c, c − 1 for the ce Q-factor, 1 for SMW-NG); 0 for SGD and Adam.
     */
    public int systemRows() {
        RowSpec rows = switch (Method.parse(optimizer)) {
            case SGD, ADAM -> null;
            case GGN -> new RowSpec.Jacobian();
            case SMW_NG -> new RowSpec.SampleGradients(FisherKind.EMPIRICAL);
            case EGN, SMW_GN, LM -> new RowSpec.GaussNewtonFactor();
        };
        return rows == null ? 0 : batch * rows.rowsPerSample(loss, outputs);
    }

    /** The Gram's dtype (float64 from 512 rows on); null for SGD and Adam. */
    public DType gramDtype() {
        int rows = systemRows();
        return rows == 0 ? null : RowsWorkspace.gramDtype(rows, dtype, dtype);
    }

    public BenchConfig onDevice(String other) {
        return new BenchConfig(other, optimizer, batch, model, inputs, outputs, loss, dtype, jacobian, lineSearch, inputShape, solver);
    }

    public BenchConfig withOptimizer(String name, GramMode mode) {
        return new BenchConfig(device, name, batch, model, inputs, outputs, loss, dtype, mode, lineSearch, inputShape, solver);
    }
}
