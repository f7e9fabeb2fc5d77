package dev.gn4j.engine.optim;

import dev.gn4j.engine.curvature.RowsFactory;
import dev.gn4j.engine.curvature.SpdSolver;
import dev.gn4j.engine.model.Loss;

/** What a method assembles its step from: its settings, the loss, the solver ladder and the rows' buffers. */
record MethodParts(OptimizerConfig cfg, Loss loss, SpdSolver solver, RowsFactory rows) {
}
