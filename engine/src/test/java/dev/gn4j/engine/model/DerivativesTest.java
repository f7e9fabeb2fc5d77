package dev.gn4j.engine.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gn4j.engine.DenseReference;
import dev.gn4j.engine.Fixture;
import dev.gn4j.engine.backend.Activation;
import dev.gn4j.engine.backend.DType;
import dev.gn4j.engine.backend.Mat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Gradients and Jacobians against central finite differences, in float64. */
class DerivativesTest {

    private static Fixture fixture(Loss loss, Activation hidden) {
        return new Fixture(new int[] {3, 6, 5, loss == Loss.CE ? 4 : 2},
                new Activation[] {hidden, hidden, Activation.IDENTITY}, loss, 7, 11, DType.F64);
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void gradientMatchesFiniteDifferences(Activation hidden) {
        for (Loss loss : Loss.values()) {
            Fixture fx = fixture(loss, hidden);
            double[] g = DenseReference.gradient(fx);
            double[] fd = DenseReference.finiteDifferenceGradient(fx, 1e-6);
            // relu's kink makes FD meaningless only exactly at 0; random inputs avoid it.
            assertTrue(DenseReference.relativeError(g, fd) < 1e-7,
                    hidden + "/" + loss + ": gradient vs FD relative error " + DenseReference.relativeError(g, fd));
        }
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void jacobianMatchesFiniteDifferencesAndBackwardPass(Activation hidden) {
        Fixture fx = fixture(Loss.MSE, hidden);
        DenseReference ref = new DenseReference(fx);
        double[][][] jac = ref.jacobian(fx.batch); // from forward mode
        double[] th = fx.theta();
        int c = fx.mlp.outputs();
        double h = 1e-6;
        double maxErr = 0, maxVal = 0;
        for (int q = 0; q < th.length; q++) {
            double keep = th[q];
            th[q] = keep + h;
            fx.setTheta(th);
            double[][] up = ref.outputs(fx.batch);
            th[q] = keep - h;
            fx.setTheta(th);
            double[][] down = ref.outputs(fx.batch);
            th[q] = keep;
            fx.setTheta(th);
            for (int i = 0; i < fx.b; i++) {
                for (int k = 0; k < c; k++) {
                    double fd = (up[i][k] - down[i][k]) / (2 * h);
                    maxErr = Math.max(maxErr, Math.abs(fd - jac[i][k][q]));
                    maxVal = Math.max(maxVal, Math.abs(jac[i][k][q]));
                }
            }
        }
        assertTrue(maxErr / maxVal < 1e-7, hidden + ": JVP Jacobian vs FD " + maxErr / maxVal);

        // Each row of J from the backward pass (VJP of a unit output) equals the forward-mode row.
        fx.net.forward(fx.theta, fx.batch);
        Mat unit = Fixture.CPU.zeros(fx.b, c, DType.F64);
        Mat row = Fixture.CPU.zeros(th.length, 1, DType.F64);
        for (int i = 0; i < fx.b; i++) {
            for (int k = 0; k < c; k++) {
                double[] e = new double[fx.b * c];
                e[i + fx.b * k] = 1;
                Fixture.CPU.upload(e, unit);
                fx.net.vjp(fx.theta, fx.batch, unit, row);
                double[] r = Fixture.CPU.download(row);
                for (int q = 0; q < th.length; q++) {
                    assertEquals(jac[i][k][q], r[q], 1e-13 * Math.max(1, maxVal));
                }
            }
        }
    }
}
