package dev.gn4j.engine.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Metrics of a model on a dataset. Loss is the training objective (in standardized
 * units when targets were standardized); RMSE, MAE and R² are in the targets'
 * original units, per target in {@code perTarget} and their mean over targets here (a
 * pooled RMSE would mix the targets' units); accuracy and NLL for classification.
 * Fields that do not apply are NaN.
 */
public record Evaluation(long rows, double loss, double rmse, double mae, double r2, double accuracy, double nll,
                         List<TargetMetrics> perTarget) {

    /** One regression target's metrics, in its own units. */
    public record TargetMetrics(String target, double rmse, double mae, double r2) {
    }

    public Evaluation {
        perTarget = List.copyOf(perTarget);
    }

    public boolean isClassification() {
        return !Double.isNaN(accuracy);
    }

    /** The metric a person would rank by: accuracy for classification, R² for regression (higher is better). */
    public double headline() {
        return isClassification() ? accuracy : r2;
    }

    public String headlineName() {
        return isClassification() ? "accuracy" : "r2";
    }

    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rows", rows);
        m.put("loss", loss);
        if (isClassification()) {
            m.put("accuracy", accuracy);
            m.put("nll", nll);
        } else {
            m.put("rmse", rmse);
            m.put("mae", mae);
            m.put("r2", r2);
            if (perTarget.size() > 1) {
                Map<String, Object> each = new LinkedHashMap<>();
                for (TargetMetrics t : perTarget) {
                    each.put(t.target(), Map.of("rmse", t.rmse(), "mae", t.mae(), "r2", t.r2()));
                }
                m.put("per_target", each);
            }
        }
        return m;
    }
}
