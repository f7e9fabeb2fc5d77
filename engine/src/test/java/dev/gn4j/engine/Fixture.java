package dev.gn4j.engine;

import dev.gn4j.engine.backend.Activation;
import dev.gn4j.engine.backend.Backend;
import dev.gn4j.engine.backend.DType;
import dev.gn4j.engine.backend.Mat;
import dev.gn4j.engine.backend.cpu.CpuBackend;
import dev.gn4j.engine.model.Activations;
import dev.gn4j.engine.model.Init;
import dev.gn4j.engine.model.Loss;
import dev.gn4j.engine.model.Mlp;
import dev.gn4j.engine.model.Network;
import dev.gn4j.engine.optim.Objective;
import dev.gn4j.engine.optim.StepInputs;
import java.util.SplittableRandom;

/** A tiny float64 problem: random network, random batch, everything on the CPU backend. */
public final class Fixture {
    public static final Backend CPU = new CpuBackend();

    public final Mlp mlp;
    public final Loss loss;
    public final DType dtype;
    public final Network net;
    public final Objective objective;
    public final Mat theta;
    public final Activations batch;
    public final double[] x;      // column-major b × d0
    public final double[] target; // column-major b × c, or b labels
    public final int b;

    public Fixture(int[] sizes, Activation[] acts, Loss loss, int b, long seed, DType dtype) {
        this(new Mlp(sizes, acts), loss, b, seed, dtype);
    }

    /** Any network (convolutions among its layers), with random non-zero biases. */
    public Fixture(Mlp mlp, Loss loss, int b, long seed, DType dtype) {
        this.mlp = mlp;
        this.loss = loss;
        this.dtype = dtype;
        this.b = b;
        this.net = new Network(CPU, mlp);
        this.objective = new Objective(net, loss);
        SplittableRandom rng = new SplittableRandom(seed);
        double[] th = Init.draw(mlp, seed);
        for (int l = 0; l < mlp.layers(); l++) { // non-zero biases exercise the bias paths
            for (int j = 0; j < mlp.biasCount(l); j++) {
                th[(int) mlp.biasOffset(l) + j] = 0.3 * rng.nextGaussian();
            }
        }
        theta = CPU.zeros(th.length, 1, dtype);
        CPU.upload(th, theta);
        x = new double[b * mlp.inputs()];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextGaussian();
        }
        int c = mlp.outputs();
        target = new double[loss == Loss.MSE ? b * c : b];
        for (int i = 0; i < target.length; i++) {
            target[i] = loss == Loss.MSE ? rng.nextGaussian() : rng.nextInt(c);
        }
        batch = activations(b, x, target);
    }

    public static Fixture tiny(Loss loss, long seed) {
        return new Fixture(new int[] {3, 5, 4, loss == Loss.CE ? 3 : 2},
                new Activation[] {Activation.TANH, Activation.GELU, Activation.IDENTITY}, loss, 6, seed, DType.F64);
    }

    public Activations activations(int rows, double[] xs, double[] ys) {
        Activations ws = new Activations(CPU, mlp, loss, dtype, rows);
        CPU.upload(xs, ws.input());
        CPU.upload(ys, ws.target());
        return ws;
    }

    /** The first n samples of the batch as their own batch (the curvature subsample). */
    public Activations firstSamples(int n) {
        int d0 = mlp.inputs(), tc = loss.targetColumns(mlp.outputs());
        double[] xs = new double[n * d0];
        double[] ys = new double[n * tc];
        for (int j = 0; j < d0; j++) {
            System.arraycopy(x, j * b, xs, j * n, n);
        }
        for (int j = 0; j < tc; j++) {
            System.arraycopy(target, j * b, ys, j * n, n);
        }
        return activations(n, xs, ys);
    }

    public double[] theta() {
        return CPU.download(theta);
    }

    public void setTheta(double[] th) {
        CPU.upload(th, theta);
    }

    public StepInputs inputs(Activations curvature, long step) {
        return new StepInputs(objective, theta, batch, curvature, null, step, new SplittableRandom(7));
    }
}
