package dev.gn4j.engine.train;

import dev.gn4j.engine.backend.Backend;
import dev.gn4j.engine.backend.Mat;
import dev.gn4j.engine.model.Activations;
import dev.gn4j.engine.model.Loss;
import dev.gn4j.engine.optim.Objective;

/** Loss, accuracy and gradient over a whole dataset, in chunks that bound device memory. */
final class FullDataEvaluator {
    private final DeviceFeeder feeder;
    private final Objective objective;
    private final int chunk;
    private Mat partial;

    FullDataEvaluator(DeviceFeeder feeder, Objective objective, int chunk) {
        this.feeder = feeder;
        this.objective = objective;
        this.chunk = chunk;
    }

    record Result(double loss, double accuracy) {
    }

    Result evaluate(Mat theta) {
        int n = feeder.data().rows();
        double sum = 0;
        long correct = 0;
        Backend be = objective.backend();
        for (int off = 0; off < n; off += chunk) {
            int count = Math.min(chunk, n - off);
            Activations ws = feeder.load(null, off, count, 2);
            sum += objective.value(theta, ws) * count;
            if (objective.loss() == Loss.CE) {
                correct += be.countCorrect(ws.output(), ws.target());
            }
        }
        return new Result(sum / n, objective.loss() == Loss.CE ? (double) correct / n : Double.NaN);
    }

    /** The full-data mean gradient into out; returns the full-data loss. */
    double gradient(Mat theta, Mat out) {
        int n = feeder.data().rows();
        Backend be = objective.backend();
        if (partial == null) {
            partial = be.zeros(out.rows(), 1, out.dtype());
        }
        be.fill(out, 0);
        double sum = 0;
        for (int off = 0; off < n; off += chunk) {
            int count = Math.min(chunk, n - off);
            Activations ws = feeder.load(null, off, count, 2);
            sum += objective.valueAndGradient(theta, ws, partial) * count;
            be.axpy((double) count / n, partial, out);
        }
        return sum / n;
    }
}
