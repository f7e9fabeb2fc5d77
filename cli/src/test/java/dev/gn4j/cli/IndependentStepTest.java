package dev.gn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One full-batch float64 step of {@code gn4j train} against an independent
 * implementation of MATH.md written here from the formulas alone: its own
 * one-hidden-layer tanh network on row-major weights, hand-derived Jacobians, the
 * dense parameter-space matrices H and F, Gaussian elimination, and its own
 * safetensors reader and writer. It shares no code with gn4j. The data is drawn
 * fresh on every run (the seed is printed), so it is data the project has never seen.
 */
class IndependentStepTest {
    static final int D = 3;   // inputs
    static final int H = 5;   // hidden tanh units
    static final int N = 9;   // samples (full batch)
    static final double LAMBDA = 0.3;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"egn, mse", "egn, ce", "ggn, mse", "smw-ng, mse", "smw-ng, ce"})
    void oneStepMatchesTheIndependentImplementation(String optimizer, String loss) throws IOException {
        long seed = System.nanoTime();
        Random rng = new Random(seed);
        boolean ce = loss.equals("ce");
        int c = ce ? 3 : 2;
        double[][] x = new double[N][D];
        double[][] y = new double[N][c];
        int[] label = new int[N];
        StringBuilder csv = new StringBuilder("a,b,c," + (ce ? "label" : "y0,y1") + "\n");
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < D; j++) {
                x[i][j] = rng.nextGaussian();
                csv.append(Double.toString(x[i][j])).append(',');
            }
            if (ce) {
                label[i] = i % c == 0 ? 0 : rng.nextInt(c); // every class present
                label[i] = i < c ? i : label[i];
                csv.append(label[i]).append('\n');
            } else {
                y[i][0] = rng.nextGaussian();
                y[i][1] = rng.nextGaussian();
                csv.append(y[i][0]).append(',').append(y[i][1]).append('\n');
            }
        }
        Path data = dir.resolve("data.csv");
        Files.writeString(data, csv);
        Net net0 = Net.random(c, rng);
        Path init = dir.resolve("init.safetensors");
        writeSafetensors(init, net0.tensors());

        Path out = dir.resolve("run");
        int code = Main.run("train", "-q", "--data", data.toString(), "--target", ce ? "label" : "y0,y1",
                "--loss", loss, "--model", H + "-tanh", "--optimizer", optimizer, "--lambda", Double.toString(LAMBDA),
                "--lr", "1", "--batch", "full", "--steps", "1", "--dtype", "f64", "--standardize", "none",
                "--device", "cpu", "--init", init.toString(), "--out", out.toString());
        assertEquals(0, code, "gn4j train exit code");
        Map<String, double[]> trained = readSafetensors(out.resolve("model.safetensors"));

        double[] theta0 = net0.flat();
        double[] d = Reference.direction(optimizer, ce, net0, x, y, label);
        double[] expected = new double[theta0.length];
        for (int q = 0; q < theta0.length; q++) {
            expected[q] = theta0[q] + d[q];
        }
        double[] actual = Net.fromTensors(trained, c).flat();
        double num = 0, den = 0;
        for (int q = 0; q < expected.length; q++) {
            num += (actual[q] - expected[q]) * (actual[q] - expected[q]);
            den += d[q] * d[q];
        }
        double rel = Math.sqrt(num / den);
        System.out.printf("independent check %s/%s seed %d: step relative error %.3g%n", optimizer, loss, seed, rel);
        assertTrue(rel < 1e-9, optimizer + "/" + loss + " (seed " + seed + "): step differs from MATH.md by " + rel);
    }

    /** A network of the independent implementation: its outputs and their gradients by its own parameters. */
    interface Model {
        int outputs();

        /** The parameters in the model's own order. */
        double[] flat();

        /** Outputs f and, per output k, ∂f_k/∂θ in the own parameter order. */
        double[][] jacobian(double[] xi, double[] f);
    }

    /** A 3-H-c tanh network with row-major weights, as stored in safetensors. */
    record Net(double[][] w1, double[] b1, double[][] w2, double[] b2) implements Model {
        static Net random(int c, Random rng) {
            double[][] w1 = new double[H][D];
            double[] b1 = new double[H];
            double[][] w2 = new double[c][H];
            double[] b2 = new double[c];
            for (int j = 0; j < H; j++) {
                for (int i = 0; i < D; i++) {
                    w1[j][i] = 0.7 * rng.nextGaussian();
                }
                b1[j] = 0.2 * rng.nextGaussian();
            }
            for (int k = 0; k < c; k++) {
                for (int j = 0; j < H; j++) {
                    w2[k][j] = 0.7 * rng.nextGaussian();
                }
                b2[k] = 0.2 * rng.nextGaussian();
            }
            return new Net(w1, b1, w2, b2);
        }

        @Override
        public int outputs() {
            return b2.length;
        }

        /** Own parameter order: W1 row-major, b1, W2 row-major, b2. */
        @Override
        public double[] flat() {
            int c = outputs();
            double[] t = new double[H * D + H + c * H + c];
            int q = 0;
            for (double[] r : w1) {
                for (double v : r) {
                    t[q++] = v;
                }
            }
            for (double v : b1) {
                t[q++] = v;
            }
            for (double[] r : w2) {
                for (double v : r) {
                    t[q++] = v;
                }
            }
            for (double v : b2) {
                t[q++] = v;
            }
            return t;
        }

        Map<String, Object[]> tensors() {
            Map<String, Object[]> m = new LinkedHashMap<>();
            m.put("layers.0.weight", new Object[] {new int[] {H, D}, flatten(w1)});
            m.put("layers.0.bias", new Object[] {new int[] {H}, b1});
            m.put("layers.1.weight", new Object[] {new int[] {outputs(), H}, flatten(w2)});
            m.put("layers.1.bias", new Object[] {new int[] {outputs()}, b2});
            return m;
        }

        static Net fromTensors(Map<String, double[]> t, int c) {
            return new Net(unflatten(t.get("layers.0.weight"), H, D), t.get("layers.0.bias"),
                    unflatten(t.get("layers.1.weight"), c, H), t.get("layers.1.bias"));
        }

        @Override
        public double[][] jacobian(double[] xi, double[] f) {
            int c = outputs();
            double[] h = new double[H];
            for (int j = 0; j < H; j++) {
                double z = b1[j];
                for (int i = 0; i < D; i++) {
                    z += w1[j][i] * xi[i];
                }
                h[j] = Math.tanh(z);
            }
            int p = H * D + H + c * H + c;
            double[][] jac = new double[c][p];
            for (int k = 0; k < c; k++) {
                f[k] = b2[k];
                for (int j = 0; j < H; j++) {
                    f[k] += w2[k][j] * h[j];
                }
                for (int j = 0; j < H; j++) {
                    double back = w2[k][j] * (1 - h[j] * h[j]);
                    for (int i = 0; i < D; i++) {
                        jac[k][j * D + i] = back * xi[i];
                    }
                    jac[k][H * D + j] = back;
                    jac[k][H * D + H + k * H + j] = h[j];
                }
                jac[k][H * D + H + c * H + k] = 1;
            }
            return jac;
        }
    }

    /** MATH.md's formulas in parameter space. */
    static final class Reference {
        static double[] direction(String optimizer, boolean ce, Model net, double[][] x, double[][] y, int[] label) {
            int c = net.outputs();
            int p = net.flat().length;
            double[][] hmat = new double[p][p];
            double[][] fisher = new double[p][p];
            double[] grad = new double[p];
            for (int i = 0; i < N; i++) {
                double[] f = new double[c];
                double[][] jac = net.jacobian(x[i], f);
                double[] g = new double[c];
                double[][] q = new double[c][c];
                if (ce) {
                    double max = Double.NEGATIVE_INFINITY;
                    for (double v : f) {
                        max = Math.max(max, v);
                    }
                    double[] pr = new double[c];
                    double s = 0;
                    for (int k = 0; k < c; k++) {
                        pr[k] = Math.exp(f[k] - max);
                        s += pr[k];
                    }
                    for (int k = 0; k < c; k++) {
                        pr[k] /= s;
                        g[k] = pr[k] - (k == label[i] ? 1 : 0);
                    }
                    for (int k = 0; k < c; k++) {
                        for (int l = 0; l < c; l++) {
                            q[k][l] = (k == l ? pr[k] : 0) - pr[k] * pr[l];
                        }
                    }
                } else {
                    for (int k = 0; k < c; k++) {
                        g[k] = f[k] - y[i][k];
                        q[k][k] = 1;
                    }
                }
                double[] u = new double[p];
                for (int k = 0; k < c; k++) {
                    for (int a = 0; a < p; a++) {
                        u[a] += jac[k][a] * g[k];
                    }
                }
                for (int a = 0; a < p; a++) {
                    grad[a] += u[a] / N;
                    for (int b = 0; b < p; b++) {
                        fisher[a][b] += u[a] * u[b] / N;
                        double s = 0;
                        for (int k = 0; k < c; k++) {
                            for (int l = 0; l < c; l++) {
                                s += jac[k][a] * q[k][l] * jac[l][b];
                            }
                        }
                        hmat[a][b] += s / N;
                    }
                }
            }
            return switch (optimizer) {
                case "egn" -> solve(hmat, LAMBDA, grad);        // −(H + λI)⁻¹ ∇L
                case "ggn" -> solve(hmat, LAMBDA / N, grad);    // −Jᵀ(JJᵀ + λI)⁻¹ r = −(H + λ/b I)⁻¹ ∇L
                case "smw-ng" -> solve(fisher, LAMBDA, grad);   // −(F + λI)⁻¹ ∇L, S = the batch
                default -> throw new IllegalArgumentException(optimizer);
            };
        }

        static double[] solve(double[][] m, double lambda, double[] v) {
            int n = v.length;
            double[][] a = new double[n][n + 1];
            for (int i = 0; i < n; i++) {
                System.arraycopy(m[i], 0, a[i], 0, n);
                a[i][i] += lambda;
                a[i][n] = -v[i];
            }
            for (int col = 0; col < n; col++) {
                int piv = col;
                for (int r = col + 1; r < n; r++) {
                    if (Math.abs(a[r][col]) > Math.abs(a[piv][col])) {
                        piv = r;
                    }
                }
                double[] t = a[col];
                a[col] = a[piv];
                a[piv] = t;
                for (int r = col + 1; r < n; r++) {
                    double fct = a[r][col] / a[col][col];
                    for (int k = col; k <= n; k++) {
                        a[r][k] -= fct * a[col][k];
                    }
                }
            }
            double[] sol = new double[n];
            for (int r = n - 1; r >= 0; r--) {
                double s = a[r][n];
                for (int k = r + 1; k < n; k++) {
                    s -= a[r][k] * sol[k];
                }
                sol[r] = s / a[r][r];
            }
            return sol;
        }
    }

    static double[] flatten(double[][] m) {
        double[] out = new double[m.length * m[0].length];
        for (int i = 0; i < m.length; i++) {
            System.arraycopy(m[i], 0, out, i * m[0].length, m[0].length);
        }
        return out;
    }

    static double[][] unflatten(double[] v, int rows, int cols) {
        double[][] m = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(v, i * cols, m[i], 0, cols);
        }
        return m;
    }

    /** A minimal safetensors writer (F64), written from the format's description. */
    static void writeSafetensors(Path file, Map<String, Object[]> tensors) throws IOException {
        StringBuilder header = new StringBuilder("{");
        long off = 0;
        for (Map.Entry<String, Object[]> e : tensors.entrySet()) {
            int[] shape = (int[]) e.getValue()[0];
            double[] data = (double[]) e.getValue()[1];
            if (header.length() > 1) {
                header.append(',');
            }
            header.append('"').append(e.getKey()).append("\":{\"dtype\":\"F64\",\"shape\":")
                    .append(java.util.Arrays.toString(shape).replace(" ", ""))
                    .append(",\"data_offsets\":[").append(off).append(',').append(off + 8L * data.length).append("]}");
            off += 8L * data.length;
        }
        header.append('}');
        byte[] hb = header.toString().getBytes(StandardCharsets.UTF_8);
        ByteBuffer buf = ByteBuffer.allocate(8 + hb.length + (int) off).order(ByteOrder.LITTLE_ENDIAN);
        buf.putLong(hb.length).put(hb);
        for (Object[] t : tensors.values()) {
            for (double v : (double[]) t[1]) {
                buf.putDouble(v);
            }
        }
        Files.write(file, buf.array());
    }

    /** A minimal safetensors reader for F32/F64 tensors. */
    static Map<String, double[]> readSafetensors(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        ByteBuffer bb = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        int n = (int) bb.getLong(0);
        String header = new String(all, 8, n, StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("\"([^\"]+)\":\\{\"dtype\":\"(F32|F64)\",\"shape\":\\[[^]]*],\"data_offsets\":\\[(\\d+),(\\d+)]}")
                .matcher(header);
        Map<String, double[]> out = new LinkedHashMap<>();
        while (m.find()) {
            boolean f64 = m.group(2).equals("F64");
            int begin = Integer.parseInt(m.group(3)), end = Integer.parseInt(m.group(4));
            int size = f64 ? 8 : 4;
            double[] v = new double[(end - begin) / size];
            for (int i = 0; i < v.length; i++) {
                int pos = 8 + n + begin + i * size;
                v[i] = f64 ? bb.getDouble(pos) : bb.getFloat(pos);
            }
            out.put(m.group(1), v);
        }
        assertEquals(4, out.size(), "tensors in " + file + ": " + header);
        return out;
    }
}
