package dev.gn4j.engine.train;

import dev.gn4j.engine.backend.Backend;
import dev.gn4j.engine.backend.Mat;
import dev.gn4j.engine.data.ColumnScaler;
import dev.gn4j.engine.model.Activations;
import dev.gn4j.engine.model.Loss;
import dev.gn4j.engine.optim.Objective;
import java.util.ArrayList;
import java.util.List;

/**
 * Loss, metrics and the mean gradient over a whole dataset, in chunks that bound
 * device memory. Regression metrics are computed on the host from the downloaded
 * outputs (b × c per chunk), in the targets' original units.
 */
public final class DatasetEvaluator {
    /** The most rows a chunk has. */
    public static final int CHUNK = 4096;
    /** The elements a chunk's workspace may hold: a chunk of a wide network (an image CNN) has fewer rows. */
    static final long CHUNK_ELEMENTS = 64L << 20;

    private final DeviceFeeder feeder;
    private final Objective objective;
    private final ColumnScaler targetScaler;
    private final int chunk;
    private Mat partial;

    public DatasetEvaluator(DeviceFeeder feeder, Objective objective, ColumnScaler targetScaler) {
        this.feeder = feeder;
        this.objective = objective;
        this.targetScaler = targetScaler;
        this.chunk = chunkRows(objective.network().mlp());
    }

    /**
     * Rows a chunk: {@link #CHUNK}, or fewer where a row's workspace (the four values of
     * every unit in {@code Activations}, and each convolution's patches) would pass
     * {@link #CHUNK_ELEMENTS}; so dense networks up to about 4,000 units keep 4,096 rows.
     */
    static int chunkRows(dev.gn4j.engine.model.Mlp mlp) {
        long perRow = 0;
        for (int i = 0; i <= mlp.layers(); i++) {
            perRow += 4L * mlp.width(i);
        }
        for (int l = 0; l < mlp.layers(); l++) {
            if (mlp.layer(l) instanceof dev.gn4j.engine.model.Conv2d c) {
                perRow += (long) c.shape().positions() * c.shape().patchSize();
            }
        }
        return (int) Math.max(1, Math.min(CHUNK, CHUNK_ELEMENTS / perRow));
    }

    public Evaluation evaluate(Mat theta) {
        int n = feeder.data().rows();
        Backend be = objective.backend();
        boolean ce = objective.loss() == Loss.CE;
        double lossSum = 0;
        long correct = 0;
        int c = objective.network().mlp().outputs();
        double[] ySum = new double[ce ? 0 : c], ySq = new double[ce ? 0 : c], resSq = new double[ce ? 0 : c];
        double[] resAbs = new double[ce ? 0 : c];
        for (int off = 0; off < n; off += chunk) {
            int count = Math.min(chunk, n - off);
            Activations ws = feeder.load(null, off, count, DeviceFeeder.EVALUATION);
            lossSum += objective.value(theta, ws) * count;
            if (ce) {
                correct += be.countCorrect(ws.output(), ws.target());
                continue;
            }
            double[] f = be.download(ws.output());
            double[] y = be.download(ws.target());
            for (int k = 0; k < c; k++) {
                double scale = targetScaler.scale()[k], mean = targetScaler.mean()[k];
                for (int i = 0; i < count; i++) {
                    double r = (f[i + count * k] - y[i + count * k]) * scale;
                    double yo = y[i + count * k] * scale + mean;
                    resAbs[k] += Math.abs(r);
                    resSq[k] += r * r;
                    ySum[k] += yo;
                    ySq[k] += yo * yo;
                }
            }
        }
        double loss = lossSum / n;
        if (ce) {
            return new Evaluation(n, loss, Double.NaN, Double.NaN, Double.NaN, (double) correct / n, loss, List.of());
        }
        List<Evaluation.TargetMetrics> each = new ArrayList<>();
        double rmse = 0, mae = 0, r2 = 0;
        for (int k = 0; k < c; k++) {
            double total = ySq[k] - ySum[k] * ySum[k] / n;
            Evaluation.TargetMetrics t = new Evaluation.TargetMetrics(feeder.data().targetNames().get(k), Math.sqrt(resSq[k] / n),
                    resAbs[k] / n, total > 0 ? 1 - resSq[k] / total : Double.NaN);
            each.add(t);
            rmse += t.rmse() / c;
            mae += t.mae() / c;
            r2 += t.r2() / c;
        }
        return new Evaluation(n, loss, rmse, mae, r2, Double.NaN, Double.NaN, each);
    }

    /** The full-data mean gradient into out; returns the full-data loss. */
    public double gradient(Mat theta, Mat out) {
        int n = feeder.data().rows();
        Backend be = objective.backend();
        if (partial == null) {
            partial = be.zeros(out.rows(), 1, out.dtype());
        }
        be.fill(out, 0);
        double sum = 0;
        for (int off = 0; off < n; off += chunk) {
            int count = Math.min(chunk, n - off);
            Activations ws = feeder.load(null, off, count, DeviceFeeder.EVALUATION);
            sum += objective.valueAndGradient(theta, ws, partial) * count;
            be.axpy((double) count / n, partial, out);
        }
        return sum / n;
    }
}
