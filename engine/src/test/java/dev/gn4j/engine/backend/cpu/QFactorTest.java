package dev.gn4j.engine.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gn4j.engine.backend.DType;
import dev.gn4j.engine.backend.Mat;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The ce Q-factor: c − 1 rows a sample with B_iᵀ B_i = diag(p_i) − p_i p_iᵀ, for any p on the simplex. */
class QFactorTest {
    @Test
    void factorsTheSoftmaxHessianWithOneRowFewerThanClasses() {
        SplittableRandom rng = new SplittableRandom(11);
        try (CpuBackend be = new CpuBackend()) {
            for (int c : new int[] {2, 3, 10}) {
                // Random softmax rows, a near one-hot row on the last class (denominator 1 + s_h ≈ 2),
                // one on the first class (s_h ≈ 0), and one with entries of 1e-14.
                int b = 7;
                double[][] rows = new double[b][c];
                for (int i = 0; i < 4; i++) {
                    double sum = 0;
                    for (int k = 0; k < c; k++) {
                        rows[i][k] = Math.exp(3 * rng.nextGaussian());
                        sum += rows[i][k];
                    }
                    for (int k = 0; k < c; k++) {
                        rows[i][k] /= sum;
                    }
                }
                for (int k = 0; k < c; k++) {
                    rows[4][k] = k == c - 1 ? 1 - 1e-12 * (c - 1) : 1e-12;
                    rows[5][k] = k == 0 ? 1 - 1e-12 * (c - 1) : 1e-12;
                    rows[6][k] = k == 1 ? 1 - 1e-14 * (c - 1) : 1e-14;
                }
                double[] p = new double[b * c];
                for (int i = 0; i < b; i++) {
                    for (int k = 0; k < c; k++) {
                        p[i + k * b] = rows[i][k];
                    }
                }
                for (boolean scalar : new boolean[] {false, true}) {
                    Mat pm = be.zeros(b, c, DType.F64), q = be.zeros(b * (c - 1), c, DType.F64);
                    be.upload(p, pm);
                    if (scalar) {
                        ScalarKernels.softmaxQFactor((CpuMat) pm, (CpuMat) q);
                    } else {
                        be.softmaxQFactor(pm, q);
                    }
                    double[] bq = be.download(q);
                    int m = b * (c - 1);
                    for (int i = 0; i < b; i++) {
                        for (int j = 0; j < c; j++) {
                            for (int l = 0; l < c; l++) {
                                double btb = 0;
                                for (int k = 0; k < c - 1; k++) {
                                    int r = i * (c - 1) + k;
                                    btb += bq[r + m * j] * bq[r + m * l];
                                }
                                double h = (j == l ? rows[i][j] : 0) - rows[i][j] * rows[i][l];
                                assertEquals(h, btb, 1e-15, "c " + c + " sample " + i + " (" + j + ", " + l + ")"
                                        + (scalar ? " scalar" : ""));
                            }
                        }
                    }
                }
            }
            assertThrows(IllegalArgumentException.class, () -> be.softmaxQFactor(be.zeros(3, 4, DType.F64), be.zeros(12, 4, DType.F64)),
                    "c rows a sample is the old shape");
            assertThrows(IllegalArgumentException.class, () -> be.softmaxQFactor(be.zeros(3, 1, DType.F64), be.zeros(0, 1, DType.F64)));
        }
    }
}
