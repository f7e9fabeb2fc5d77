package dev.gn4j.engine.optim;

import java.util.Map;

/**
 * Everything an optimizer carries from one step to the next, on the host: named
 * parameter-sized vectors (momentum, Adam moments) and scalars (λ, the line
 * search's last α). With θ and the data order it determines every future step.
 */
public record OptimizerState(Map<String, double[]> tensors, Map<String, Double> scalars) {
    public OptimizerState {
        tensors = Map.copyOf(tensors);
        scalars = Map.copyOf(scalars);
    }

    double scalar(String name) {
        Double v = scalars.get(name);
        if (v == null) {
            throw new IllegalArgumentException("optimizer state has no '" + name + "' (saved by another optimizer?)");
        }
        return v;
    }
}
