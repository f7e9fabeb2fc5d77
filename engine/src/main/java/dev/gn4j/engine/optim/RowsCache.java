package dev.gn4j.engine.optim;

import dev.gn4j.engine.backend.DType;
import dev.gn4j.engine.backend.Mat;
import dev.gn4j.engine.curvature.CurvatureRows;
import dev.gn4j.engine.curvature.RowsWorkspace;
import dev.gn4j.engine.model.Activations;
import dev.gn4j.engine.model.Network;
import java.util.HashMap;
import java.util.Map;

/**
 * Per-shape seeds and row workspaces of one optimizer, allocated on first use and
 * reused every step (a batch size that recurs, like the last partial batch of an
 * epoch, allocates once).
 */
final class RowsCache {
    private final Network net;
    private final DType dtype;
    private final DType solveDtype;
    private final Map<String, Object> cache = new HashMap<>();

    RowsCache(Network net, DType dtype, DType solveDtype) {
        this.net = net;
        this.dtype = dtype;
        this.solveDtype = solveDtype;
    }

    /** Identity blocks: row i·c + k is e_k. */
    Mat identitySeed(int samples) {
        int c = net.mlp().outputs();
        return (Mat) cache.computeIfAbsent("identity:" + samples, k -> {
            Mat m = net.backend().zeros(samples * c, c, dtype);
            net.backend().identityRows(m);
            return m;
        });
    }

    /** A named buffer of the given shape in the working dtype. */
    Mat buffer(String name, int rows, int cols) {
        return buffer(name, rows, cols, dtype);
    }

    /** A named buffer of the given shape and dtype. */
    Mat buffer(String name, int rows, int cols, DType type) {
        return (Mat) cache.computeIfAbsent(name + ":" + rows + "x" + cols + ":" + type,
                k -> net.backend().zeros(rows, cols, type));
    }

    CurvatureRows rows(Mat theta, Activations ws, Mat seed, int rps) {
        int samples = ws.batch();
        RowsWorkspace work = (RowsWorkspace) cache.computeIfAbsent("rows:" + samples + "x" + rps,
                k -> new RowsWorkspace(net.backend(), net.mlp(), dtype, solveDtype, samples, rps));
        return new CurvatureRows(net, theta, ws, seed, rps, work);
    }
}
