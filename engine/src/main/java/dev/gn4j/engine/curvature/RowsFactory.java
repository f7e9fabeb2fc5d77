package dev.gn4j.engine.curvature;

import dev.gn4j.engine.backend.DType;
import dev.gn4j.engine.backend.Mat;
import dev.gn4j.engine.model.Activations;
import dev.gn4j.engine.model.Loss;
import dev.gn4j.engine.model.Network;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Makes the rows U of a {@link RowSpec} over a forward state: the spec's seed, then the
 * {@link CurvatureRows} over it in a workspace kept per shape (samples × rows a sample) and
 * reused every step. One per optimizer.
 */
public final class RowsFactory {
    private record Shape(int samples, int rowsPerSample) {
    }

    private final Network net;
    private final Loss loss;
    private final DType dtype;
    private final DType solveDtype;
    private final RowSeeds seeds;
    private final ParameterScaling scaling;
    private final Map<Shape, RowsWorkspace> workspaces = new HashMap<>();

    /** Rows in the working dtype; the Gram in the wider of it and solveDtype (or float64 from 512 rows on). */
    public RowsFactory(Network net, Loss loss, DType dtype, DType solveDtype) {
        this(net, loss, dtype, solveDtype, ParameterScaling.identity(net.mlp()));
    }

    /** The same, with rows in the coordinates of {@code scaling} (U = seed · J · S). */
    public RowsFactory(Network net, Loss loss, DType dtype, DType solveDtype, ParameterScaling scaling) {
        this.scaling = scaling;
        this.net = net;
        this.loss = loss;
        this.dtype = dtype;
        this.solveDtype = solveDtype;
        this.seeds = new RowSeeds(net.backend(), loss, net.mlp().outputs(), dtype);
    }

    /**
     * The rows of spec over θ and the forward state ws, which must stay intact while they are
     * in use; random draws the labels of {@link FisherKind#SAMPLED} rows.
     */
    public CurvatureRows rows(RowSpec spec, Mat theta, Activations ws, SplittableRandom random) {
        int rps = spec.rowsPerSample(loss, net.mlp().outputs());
        Mat seed = seeds.seed(spec, ws, random);
        RowsWorkspace work = workspaces.computeIfAbsent(new Shape(ws.batch(), rps),
                s -> new RowsWorkspace(net.backend(), net.mlp(), dtype, solveDtype, s.samples(), s.rowsPerSample()));
        return new CurvatureRows(net, theta, ws, seed, rps, work, scaling);
    }
}
