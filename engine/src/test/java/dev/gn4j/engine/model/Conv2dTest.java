package dev.gn4j.engine.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gn4j.engine.DenseReference;
import dev.gn4j.engine.Fixture;
import dev.gn4j.engine.backend.Activation;
import dev.gn4j.engine.backend.ConvShape;
import dev.gn4j.engine.backend.DType;
import dev.gn4j.engine.backend.Mat;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The convolution layer's passes against its definition and central finite differences, in float64. */
class Conv2dTest {

    /** 2×6×5 images → conv 3 (k3, same) → tanh → conv 2 (k3, stride 2, valid) → relu → dense → c outputs. */
    static Mlp smallCnn(int outputs) {
        ConvShape first = new ConvShape(2, 6, 5, 3, 1, 1);
        Conv2d c1 = new Conv2d(first, 3, 0);
        ConvShape second = new ConvShape(3, 6, 5, 3, 2, 0);
        Conv2d c2 = new Conv2d(second, 2, c1.parameterCount());
        Dense top = new Dense(c2.outputs(), outputs, c1.parameterCount() + c2.parameterCount());
        return new Mlp(List.of(c1, c2, top), new Activation[] {Activation.TANH, Activation.RELU, Activation.IDENTITY});
    }

    /** 2×8×8 → conv 3 (k3, same) → relu → max-pool 2 → conv 2 (k3) → tanh → dense → c outputs, built from its spec. */
    static Mlp pooledCnn(int outputs) {
        return Mlp.parse("conv3k3p1-relu-maxpool2-conv2k3-tanh", new InputShape(2, 8, 8), 128, outputs);
    }

    /** 2×8×8 → conv 3 (k3, same) → relu → average-pool 2 → conv 2 (k3) → tanh → dense → c outputs, built from its spec. */
    static Mlp averagePooledCnn(int outputs) {
        return Mlp.parse("conv3k3same-relu-avgpool2-conv2k3-tanh", new InputShape(2, 8, 8), 128, outputs);
    }

    static List<Fixture> cnnFixtures(Loss loss) {
        int c = loss == Loss.CE ? 4 : 2;
        return List.of(new Fixture(smallCnn(c), loss, 5, 17, DType.F64), new Fixture(pooledCnn(c), loss, 5, 18, DType.F64),
                new Fixture(averagePooledCnn(c), loss, 5, 19, DType.F64));
    }

    @Test
    void theAverageFixtureIsWhatItSays() {
        Mlp mlp = averagePooledCnn(2);
        assertEquals(new ConvShape(2, 8, 8, 3, 1, 1), ((Conv2d) mlp.layer(0)).shape());
        assertEquals(new AvgPool2d(new ConvShape(3, 8, 8, 2, 2, 0), mlp.layer(0).parameterCount()), mlp.layer(1));
        assertEquals(new ConvShape(3, 4, 4, 3, 1, 0), ((Conv2d) mlp.layer(2)).shape());
        assertEquals(Activation.IDENTITY, mlp.activation(1));
        assertEquals(2 * 2 * 2, mlp.width(3));
    }

    @Test
    void anAveragePoolingLayerPassesMeansForwardAndSpreadsSensitivitiesEvenlyBack() {
        ConvShape w = new ConvShape(2, 4, 4, 2, 2, 0);
        AvgPool2d pool = new AvgPool2d(w, 0);
        assertEquals(0, pool.parameterCount());
        assertEquals(32, pool.inputs());
        assertEquals(8, pool.outputs());
        int b = 2;
        double[] x = new SplittableRandom(9).doubles((long) b * 32, -1, 1).toArray();
        Mat a = Fixture.CPU.zeros(b, 32, DType.F64), z = Fixture.CPU.zeros(b, 8, DType.F64);
        Fixture.CPU.upload(x, a);
        pool.forward(Fixture.CPU, null, a, z);
        double[] zv = Fixture.CPU.download(z);
        // sample 1, channel 1, window (1, 0): rows 2–3, columns 0–1
        double want = (x[1 + b * (16 + 2 * 4)] + x[1 + b * (16 + 2 * 4 + 1)] + x[1 + b * (16 + 3 * 4)] + x[1 + b * (16 + 3 * 4 + 1)]) / 4;
        assertEquals(want, zv[1 + b * (4 + 2)], 1e-15);
        int rps = 3, m = b * rps;
        Mat g = Fixture.CPU.zeros(m, 8, DType.F64), below = Fixture.CPU.zeros(m, 32, DType.F64);
        double[] gv = new double[m * 8];
        gv[4 + m * (4 + 2)] = 2; // row 4 (sample 1), channel 1, window (1, 0)
        Fixture.CPU.upload(gv, g);
        pool.inputSensitivities(Fixture.CPU, null, g, a, rps, below);
        double[] bv = Fixture.CPU.download(below);
        double total = 0;
        for (double v : bv) {
            total += v;
        }
        assertEquals(2, total, 1e-15);
        assertEquals(0.5, bv[4 + m * (16 + 3 * 4 + 1)], 1e-15);
        assertEquals(0, bv[3 + m * (16 + 3 * 4 + 1)], 1e-15);
        assertThrows(IllegalArgumentException.class, () -> new AvgPool2d(new ConvShape(2, 4, 4, 2, 2, 1), 0));
    }

    @Test
    void forwardIsTheConvolutionPlusTheBiasInNchwOrder() {
        ConvShape s = new ConvShape(2, 5, 4, 3, 1, 1);
        Conv2d conv = new Conv2d(s, 3, 2);
        int b = 3, q = s.patchSize();
        SplittableRandom r = new SplittableRandom(5);
        double[] th = r.doubles(2 + conv.parameterCount(), -1, 1).toArray();
        double[] x = r.doubles((long) b * s.inputFeatures(), -1, 1).toArray();
        Mat theta = Fixture.CPU.zeros(th.length, 1, DType.F64), a = Fixture.CPU.zeros(b, s.inputFeatures(), DType.F64);
        Fixture.CPU.upload(th, theta);
        Fixture.CPU.upload(x, a);
        Mat z = Fixture.CPU.zeros(b, conv.outputs(), DType.F64);
        conv.forward(Fixture.CPU, theta, a, z);
        double[] zv = Fixture.CPU.download(z);
        int k = s.kernel();
        for (int i = 0; i < b; i++) {
            for (int co = 0; co < 3; co++) {
                for (int oy = 0; oy < s.outHeight(); oy++) {
                    for (int ox = 0; ox < s.outWidth(); ox++) {
                        double want = th[2 + q * 3 + co]; // the bias after the Q × C_out weight
                        for (int ci = 0; ci < s.channels(); ci++) {
                            for (int ky = 0; ky < k; ky++) {
                                for (int kx = 0; kx < k; kx++) {
                                    int y = oy + ky - 1, xx = ox + kx - 1;
                                    if (y >= 0 && y < s.height() && xx >= 0 && xx < s.width()) {
                                        want += th[2 + (ci * k + ky) * k + kx + q * co]
                                                * x[i + b * ((ci * s.height() + y) * s.width() + xx)];
                                    }
                                }
                            }
                        }
                        assertEquals(want, zv[i + b * ((co * s.outHeight() + oy) * s.outWidth() + ox)], 1e-13);
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Loss.class)
    void gradientMatchesFiniteDifferences(Loss loss) {
        for (Fixture fx : cnnFixtures(loss)) {
            gradientMatchesFiniteDifferences(fx, loss);
        }
    }

    private static void gradientMatchesFiniteDifferences(Fixture fx, Loss loss) {
        double[] g = DenseReference.gradient(fx);
        double[] fd = DenseReference.finiteDifferenceGradient(fx, 1e-6);
        assertTrue(DenseReference.relativeError(g, fd) < 1e-7, fx.mlp + " " + loss + ": " + DenseReference.relativeError(g, fd));
    }

    @Test
    void forwardModeJacobianMatchesFiniteDifferences() {
        for (Fixture fx : cnnFixtures(Loss.MSE)) {
            forwardModeJacobianMatchesFiniteDifferences(fx);
        }
    }

    private static void forwardModeJacobianMatchesFiniteDifferences(Fixture fx) {
        double[][][] jac = new DenseReference(fx).jacobian(fx.batch); // J u through jvp, one unit vector at a time
        double[] th = fx.theta();
        int c = fx.mlp.outputs(), n = fx.b;
        double h = 1e-6, maxErr = 0, maxVal = 0;
        for (int q = 0; q < th.length; q++) {
            double keep = th[q];
            th[q] = keep + h;
            fx.setTheta(th);
            double[][] up = new DenseReference(fx).outputs(fx.batch);
            th[q] = keep - h;
            fx.setTheta(th);
            double[][] down = new DenseReference(fx).outputs(fx.batch);
            th[q] = keep;
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < c; k++) {
                    double d = (up[i][k] - down[i][k]) / (2 * h);
                    maxErr = Math.max(maxErr, Math.abs(d - jac[i][k][q]));
                    maxVal = Math.max(maxVal, Math.abs(d));
                }
            }
        }
        fx.setTheta(th);
        assertTrue(maxErr < 1e-7 * Math.max(1, maxVal), "jvp vs FD: " + maxErr);
    }

    @Test
    void backwardRowsGiveTheExplicitJacobianAndTheGramTermIsItsProduct() {
        for (Fixture fx : cnnFixtures(Loss.MSE)) {
            backwardRowsGiveTheExplicitJacobianAndTheGramTermIsItsProduct(fx);
        }
    }

    private static void backwardRowsGiveTheExplicitJacobianAndTheGramTermIsItsProduct(Fixture fx) {
        Mlp mlp = fx.mlp;
        int n = fx.b, c = mlp.outputs(), m = n * c, p = (int) mlp.parameterCount();
        double[][][] ref = new DenseReference(fx).jacobian(fx.batch);
        fx.net.forward(fx.theta, fx.batch);
        Mat seed = Fixture.CPU.zeros(m, c, DType.F64);
        Fixture.CPU.identityRows(seed);
        Mat bufA = Fixture.CPU.zeros(m, mlp.maxWidth(), DType.F64), bufB = Fixture.CPU.zeros(m, mlp.maxWidth(), DType.F64);
        Mat jac = Fixture.CPU.zeros(m, p, DType.F64);
        Mat gram = Fixture.CPU.zeros(m, m, DType.F64);
        Layer.GramScratch scratch = new Layer.GramScratch() {
            final Mat rows = Fixture.CPU.zeros(m, m, DType.F64), samples = Fixture.CPU.zeros(n, n, DType.F64);
            final Mat block = Fixture.CPU.zeros(m, p, DType.F64);

            @Override
            public Mat rowProducts() {
                return rows;
            }

            @Override
            public Mat sampleProducts() {
                return samples;
            }

            @Override
            public Mat layerBlock(int cols) {
                return block.view(0, m, cols);
            }
        };
        fx.net.backpropRows(fx.theta, fx.batch, seed, c, bufA, bufB, (layer, g, a) -> {
            Layer l = mlp.layer(layer);
            if (l.parameterCount() > 0) {
                l.jacobianBlock(Fixture.CPU, g, a, c, jac.view((long) m * l.offset(), m, (int) l.parameterCount()));
            }
            l.addGramTerm(Fixture.CPU, g, a, c, layer == mlp.layers() - 1, gram, scratch);
        });
        double[] j = Fixture.CPU.download(jac);
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < c; k++) {
                for (int q = 0; q < p; q++) {
                    assertEquals(ref[i][k][q], j[i * c + k + m * q], 1e-12, "row " + (i * c + k) + " parameter " + q);
                }
            }
        }
        Fixture.CPU.symmetrize(gram);
        double[] kk = Fixture.CPU.download(gram);
        for (int r = 0; r < m; r++) {
            for (int s = 0; s < m; s++) {
                double want = 0;
                for (int q = 0; q < p; q++) {
                    want += j[r + m * q] * j[s + m * q];
                }
                assertEquals(want, kk[r + m * s], 1e-12 * Math.max(1, Math.abs(want)), "K[" + r + ", " + s + "]");
            }
        }
    }

    @Test
    void aGramTermFormedAFewChannelsAtATimeIsTheWholeBlocksTerm() {
        ConvShape shape = new ConvShape(2, 6, 5, 3, 1, 1);
        int b = 3, rps = 2, m = b * rps, filters = 5;
        Conv2d whole = new Conv2d(shape, filters, 0);
        Conv2d byTwo = new Conv2d(shape, filters, 0, 2L * m * (shape.patchSize() + 1));
        assertEquals(filters, whole.channelsPerBlock(m));
        assertEquals(2, byTwo.channelsPerBlock(m));
        java.util.Random rnd = new java.util.Random(5);
        Mat a = Fixture.CPU.zeros(b, shape.inputFeatures(), DType.F64), g = Fixture.CPU.zeros(m, whole.outputs(), DType.F64);
        Fixture.CPU.upload(rnd.doubles(a.size(), -1, 1).toArray(), a);
        Fixture.CPU.upload(rnd.doubles(g.size(), -1, 1).toArray(), g);
        Mat block = Fixture.CPU.zeros(m, (int) whole.parameterCount(), DType.F64);
        Layer.GramScratch scratch = new Layer.GramScratch() {
            @Override
            public Mat rowProducts() {
                throw new AssertionError("a convolution's term needs no row products");
            }

            @Override
            public Mat sampleProducts() {
                throw new AssertionError("a convolution's term needs no sample products");
            }

            @Override
            public Mat layerBlock(int cols) {
                return block.view(0, m, cols);
            }
        };
        Mat k1 = Fixture.CPU.zeros(m, m, DType.F64), k2 = Fixture.CPU.zeros(m, m, DType.F64);
        whole.addGramTerm(Fixture.CPU, g, a, rps, true, k1, scratch);
        byTwo.addGramTerm(Fixture.CPU, g, a, rps, true, k2, scratch);
        double[] want = Fixture.CPU.download(k1), got = Fixture.CPU.download(k2);
        for (int r = 0; r < m; r++) {
            for (int s = 0; s <= r; s++) {
                assertEquals(want[r + m * s], got[r + m * s], 1e-12 * Math.max(1, Math.abs(want[r + m * s])), "K[" + r + ", " + s + "]");
            }
        }
    }

    @Test
    void layersThatDoNotFitAreRefusedNamingTheLayer() {
        Conv2d c1 = new Conv2d(new ConvShape(1, 5, 5, 3, 1, 0), 2, 0);
        Dense wrong = new Dense(20, 3, c1.parameterCount());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Mlp(List.of(c1, wrong), new Activation[] {Activation.RELU, Activation.IDENTITY}));
        assertTrue(e.getMessage().contains("layer 2") && e.getMessage().contains("18"), e.getMessage());
    }
}
