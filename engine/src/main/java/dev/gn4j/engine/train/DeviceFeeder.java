package dev.gn4j.engine.train;

import dev.gn4j.engine.backend.Backend;
import dev.gn4j.engine.backend.DType;
import dev.gn4j.engine.data.Dataset;
import dev.gn4j.engine.model.Activations;
import dev.gn4j.engine.model.Loss;
import dev.gn4j.engine.model.Mlp;
import java.util.HashMap;
import java.util.Map;

/**
 * Moves rows of a host dataset into device workspaces: gathers the rows,
 * transposes them to column-major and uploads. Workspaces and host staging arrays
 * are kept per batch size, so a recurring size allocates once.
 */
public final class DeviceFeeder {
    /** Workspace tags: the step's batch, its curvature subsample, and full-data evaluation. */
    public static final int BATCH = 0;
    public static final int CURVATURE = 1;
    public static final int EVALUATION = 2;

    private final Backend be;
    private final Mlp mlp;
    private final Loss loss;
    private final DType dtype;
    private final Dataset data;
    private final Map<Integer, Activations> workspaces = new HashMap<>();
    private final Map<Integer, double[][]> staging = new HashMap<>();

    public DeviceFeeder(Backend be, Mlp mlp, Loss loss, DType dtype, Dataset data) {
        this.be = be;
        this.mlp = mlp;
        this.loss = loss;
        this.dtype = dtype;
        this.data = data;
    }

    public Dataset data() {
        return data;
    }

    /** A workspace of size idx.length holding those rows; tag separates workspaces used side by side. */
    public Activations load(int[] idx, int offset, int count, int tag) {
        int key = count * 4 + tag;
        Activations ws = workspaces.computeIfAbsent(key, k -> new Activations(be, mlp, loss, dtype, count));
        int d = data.featureCount(), t = data.targetWidth();
        double[][] host = staging.computeIfAbsent(key, k -> new double[][] {new double[count * d], new double[count * t]});
        double[] x = host[0], y = host[1];
        for (int i = 0; i < count; i++) {
            int row = idx == null ? offset + i : idx[offset + i];
            for (int j = 0; j < d; j++) {
                x[i + count * j] = data.features()[row * d + j];
            }
            for (int j = 0; j < t; j++) {
                y[i + count * j] = data.targets()[row * t + j];
            }
        }
        be.upload(x, ws.input());
        be.upload(y, ws.target());
        return ws;
    }
}
