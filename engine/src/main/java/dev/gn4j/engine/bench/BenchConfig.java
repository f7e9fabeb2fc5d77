package dev.gn4j.engine.bench;

import dev.gn4j.engine.backend.DType;
import dev.gn4j.engine.curvature.GramMode;
import dev.gn4j.engine.model.Loss;
import dev.gn4j.engine.model.Mlp;
import java.util.Locale;

/**
 * One cell of the benchmark matrix: where, which optimizer, which shapes.
 *
 * @param model the hidden stack as --model spells it (e.g. 256-tanh-256-tanh)
 * @param jacobian how the Gram is formed; null for SGD and Adam, which form none
 */
public record BenchConfig(String device, String optimizer, int batch, String model, int inputs, int outputs, Loss loss,
                          DType dtype, GramMode jacobian, boolean lineSearch) {

    public Mlp mlp() {
        return Mlp.parse(model, inputs, outputs);
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

    /** "cpu egn f32 factored b128": what a table row and a plot legend say. */
    public String label() {
        return device + " " + optimizer + " " + dtypeName() + (jacobian == null ? "" : " " + jacobianName()) + " b" + batch;
    }

    /** The analytic cost of one step of this configuration, without line-search trials. */
    public StepCost cost() {
        return StepCost.of(sizes(), batch, loss, optimizer, dtype, jacobian == null ? GramMode.FACTORED : jacobian);
    }

    public BenchConfig onDevice(String other) {
        return new BenchConfig(other, optimizer, batch, model, inputs, outputs, loss, dtype, jacobian, lineSearch);
    }

    public BenchConfig withOptimizer(String name, GramMode mode) {
        return new BenchConfig(device, name, batch, model, inputs, outputs, loss, dtype, mode, lineSearch);
    }
}
