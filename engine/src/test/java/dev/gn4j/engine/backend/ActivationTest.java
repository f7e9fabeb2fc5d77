package dev.gn4j.engine.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gn4j.engine.backend.cpu.CpuBackend;
import org.junit.jupiter.api.Test;

/** GELU (tanh form) against 40-digit values, including the tail where 1 + tanh u cancels. */
class ActivationTest {
    // z, GELU(z), GELU′(z): mpmath at 40 digits, ½z(1 + tanh(√(2/π)(z + 0.044715z³))) and its derivative.
    private static final double[][] GOLDEN = {
        {-6.0, -8.4396467007622970837e-11, -7.7099739309536955117e-10},
        {-5.0, -2.2917961966295060456e-7, -1.5463619875325945956e-6},
        {-3.0, -0.0036373920817730188378, -0.011584166630969726204},
        {0.5, 0.34571400982514392204, 0.86736990353464231156},
        {4.0, 3.9999297540518076273, 1.0003351231971226708},
    };

    @Test
    void geluAndItsDerivativeHoldTheirRelativeAccuracyInTheTail() {
        for (double[] g : GOLDEN) {
            double z = g[0];
            assertEquals(g[1], Activation.gelu(z), 1e-13 * Math.abs(g[1]), "GELU(" + z + ")");
            assertEquals(g[2], Activation.geluDerivative(z), 1e-13 * Math.abs(g[2]), "GELU′(" + z + ")");
        }
        // Why not ½z(1 + tanh u): in double it is 3e-7 relative off at z = −6 (1 + tanh u ≈ 3e-11), in float 100%.
        double tanhForm = 0.5 * -6.0 * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (-6.0 + 0.044715 * -216.0)));
        double golden = GOLDEN[0][1];
        assertTrue(Math.abs(tanhForm - golden) > 1e-8 * Math.abs(golden),
                "the tanh form would do: " + tanhForm);
    }

    @Test
    void theCpuBackendAppliesTheSameFormulasInBothDtypes() {
        try (CpuBackend be = new CpuBackend()) {
            double[] z = new double[GOLDEN.length];
            for (int i = 0; i < z.length; i++) {
                z[i] = GOLDEN[i][0];
            }
            for (DType dt : DType.values()) {
                Mat zm = be.zeros(z.length, 1, dt), am = be.zeros(z.length, 1, dt), g = be.zeros(z.length, 1, dt);
                be.upload(z, zm);
                be.activation(Activation.GELU, zm, am);
                be.fill(g, 1);
                be.activationGrad(Activation.GELU, zm, am, g, 1, g);
                double[] a = be.download(am), d = be.download(g);
                double tol = dt == DType.F64 ? 1e-13 : 6e-8; // float32: one rounding of the double value
                for (int i = 0; i < z.length; i++) {
                    assertEquals(GOLDEN[i][1], a[i], tol * Math.abs(GOLDEN[i][1]), dt + " GELU(" + z[i] + ")");
                    assertEquals(GOLDEN[i][2], d[i], tol * Math.abs(GOLDEN[i][2]), dt + " GELU′(" + z[i] + ")");
                }
            }
        }
    }
}
