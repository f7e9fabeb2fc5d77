package dev.gn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One full-batch float64 step of {@code gn4j train} on a convolutional network against the
 * independent implementation of {@link IndependentStepTest} (its parameter-space formulas,
 * its solver, its safetensors reader and writer), with a network of its own written here
 * from the definition of a convolution: 1×5×5 images, 2 filters of 3×3 (valid) and tanh, then
 * a dense layer on the 2×3×3 maps in PyTorch's order. It shares no code with gn4j.
 */
class IndependentConvStepTest {
    static final int S = 5;       // image side
    static final int K = 3;       // filter side
    static final int F = 2;       // filters
    static final int O = S - K + 1; // output side
    static final int HIDDEN = F * O * O;

    @TempDir
    Path dir;

    /** Weights as PyTorch holds them: conv [F, 1, K, K] and [F], linear [c, F·O·O] and [c]. */
    record ConvNet(double[][][] w, double[] b, double[][] w2, double[] b2) implements IndependentStepTest.Model {
        static ConvNet random(int c, Random rng) {
            double[][][] w = new double[F][K][K];
            double[] b = new double[F];
            double[][] w2 = new double[c][HIDDEN];
            double[] b2 = new double[c];
            for (int f = 0; f < F; f++) {
                for (int ky = 0; ky < K; ky++) {
                    for (int kx = 0; kx < K; kx++) {
                        w[f][ky][kx] = 0.5 * rng.nextGaussian();
                    }
                }
                b[f] = 0.2 * rng.nextGaussian();
            }
            for (int k = 0; k < c; k++) {
                for (int j = 0; j < HIDDEN; j++) {
                    w2[k][j] = 0.4 * rng.nextGaussian();
                }
                b2[k] = 0.2 * rng.nextGaussian();
            }
            return new ConvNet(w, b, w2, b2);
        }

        @Override
        public int outputs() {
            return b2.length;
        }

        /** Own order: conv weight (f, ky, kx), conv bias, linear weight row-major, linear bias. */
        @Override
        public double[] flat() {
            int c = outputs();
            double[] t = new double[F * K * K + F + c * HIDDEN + c];
            int q = 0;
            for (double[][] wf : w) {
                for (double[] row : wf) {
                    for (double v : row) {
                        t[q++] = v;
                    }
                }
            }
            for (double v : b) {
                t[q++] = v;
            }
            for (double[] row : w2) {
                for (double v : row) {
                    t[q++] = v;
                }
            }
            for (double v : b2) {
                t[q++] = v;
            }
            return t;
        }

        @Override
        public double[][] jacobian(double[] xi, double[] out) {
            int c = outputs();
            double[] h = new double[HIDDEN]; // channel f, row oy, column ox at f·O·O + oy·O + ox
            for (int f = 0; f < F; f++) {
                for (int oy = 0; oy < O; oy++) {
                    for (int ox = 0; ox < O; ox++) {
                        double z = b[f];
                        for (int ky = 0; ky < K; ky++) {
                            for (int kx = 0; kx < K; kx++) {
                                z += w[f][ky][kx] * xi[(oy + ky) * S + ox + kx];
                            }
                        }
                        h[(f * O + oy) * O + ox] = Math.tanh(z);
                    }
                }
            }
            int conv = F * K * K + F;
            double[][] jac = new double[c][conv + c * HIDDEN + c];
            for (int k = 0; k < c; k++) {
                out[k] = b2[k];
                for (int j = 0; j < HIDDEN; j++) {
                    out[k] += w2[k][j] * h[j];
                    jac[k][conv + k * HIDDEN + j] = h[j];
                }
                jac[k][conv + c * HIDDEN + k] = 1;
                for (int f = 0; f < F; f++) {
                    for (int oy = 0; oy < O; oy++) {
                        for (int ox = 0; ox < O; ox++) {
                            int j = (f * O + oy) * O + ox;
                            double back = w2[k][j] * (1 - h[j] * h[j]);
                            for (int ky = 0; ky < K; ky++) {
                                for (int kx = 0; kx < K; kx++) {
                                    jac[k][(f * K + ky) * K + kx] += back * xi[(oy + ky) * S + ox + kx];
                                }
                            }
                            jac[k][F * K * K + f] += back;
                        }
                    }
                }
            }
            return jac;
        }

        Map<String, Object[]> tensors() {
            double[] t = flat();
            int c = outputs();
            Map<String, Object[]> m = new LinkedHashMap<>();
            m.put("layers.0.weight", new Object[] {new int[] {F, 1, K, K}, java.util.Arrays.copyOfRange(t, 0, F * K * K)});
            m.put("layers.0.bias", new Object[] {new int[] {F}, b});
            m.put("layers.1.weight", new Object[] {new int[] {c, HIDDEN}, IndependentStepTest.flatten(w2)});
            m.put("layers.1.bias", new Object[] {new int[] {c}, b2});
            return m;
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"egn, mse", "egn, ce", "smw-ng, ce"})
    void oneStepOnACnnMatchesTheIndependentImplementation(String optimizer, String loss) throws IOException {
        long seed = System.nanoTime();
        Random rng = new Random(seed);
        boolean ce = loss.equals("ce");
        int c = ce ? 3 : 2, n = IndependentStepTest.N;
        double[][] x = new double[n][S * S];
        double[][] y = new double[n][c];
        int[] label = new int[n];
        StringBuilder csv = new StringBuilder();
        for (int j = 0; j < S * S; j++) {
            csv.append("p").append(j).append(',');
        }
        csv.append(ce ? "label" : "y0,y1").append('\n');
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < S * S; j++) {
                x[i][j] = rng.nextGaussian();
                csv.append(x[i][j]).append(',');
            }
            if (ce) {
                label[i] = i < c ? i : rng.nextInt(c); // every class present
                csv.append(label[i]).append('\n');
            } else {
                y[i][0] = rng.nextGaussian();
                y[i][1] = rng.nextGaussian();
                csv.append(y[i][0]).append(',').append(y[i][1]).append('\n');
            }
        }
        Path data = Files.writeString(dir.resolve("images.csv"), csv);
        ConvNet net0 = ConvNet.random(c, rng);
        Path init = dir.resolve("init.safetensors");
        IndependentStepTest.writeSafetensors(init, net0.tensors());

        Path out = dir.resolve("run");
        int code = Main.run("train", "-q", "--data", data.toString(), "--target", ce ? "label" : "y0,y1", "--loss", loss,
                "--input-shape", "1x" + S + "x" + S, "--model", "conv" + F + "k" + K + "-tanh", "--optimizer", optimizer,
                "--lambda", Double.toString(IndependentStepTest.LAMBDA), "--lr", "1", "--batch", "full", "--steps", "1",
                "--dtype", "f64", "--standardize", "none", "--device", "cpu", "--init", init.toString(), "--out", out.toString());
        assertEquals(0, code, "gn4j train exit code");
        Map<String, double[]> trained = IndependentStepTest.readSafetensors(out.resolve("model.safetensors"));

        double[] theta0 = net0.flat();
        double[] d = IndependentStepTest.Reference.direction(optimizer, ce, net0, x, y, label);
        double[] actual = new double[theta0.length];
        int q = 0;
        for (String name : new String[] {"layers.0.weight", "layers.0.bias", "layers.1.weight", "layers.1.bias"}) {
            for (double v : trained.get(name)) {
                actual[q++] = v;
            }
        }
        assertEquals(theta0.length, q, "parameters in the trained model");
        double num = 0, den = 0;
        for (int i = 0; i < theta0.length; i++) {
            double e = theta0[i] + d[i];
            num += (actual[i] - e) * (actual[i] - e);
            den += d[i] * d[i];
        }
        double rel = Math.sqrt(num / den);
        System.out.printf("independent CNN check %s/%s seed %d: step relative error %.3g%n", optimizer, loss, seed, rel);
        assertTrue(rel < 1e-9, optimizer + "/" + loss + " (seed " + seed + "): step differs from MATH.md by " + rel);
    }
}
