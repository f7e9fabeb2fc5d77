package dev.gn4j.engine.train;

/** The evaluation with the lowest validation loss so far: its loss, headline metric and step. */
public record BestValidation(double loss, double headline, long step) {
    public static final BestValidation NONE = new BestValidation(Double.NaN, Double.NaN, -1);

    public BestValidation offer(Evaluation e, long atStep) {
        return Double.isNaN(loss) || e.loss() < loss ? new BestValidation(e.loss(), e.headline(), atStep) : this;
    }
}
