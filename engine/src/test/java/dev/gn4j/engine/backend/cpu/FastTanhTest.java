package dev.gn4j.engine.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** FastTanh against StrictMath.tanh (what Math.tanh is on this JDK). */
class FastTanhTest {

    private static double ulps(double x) {
        double e = StrictMath.tanh(x);
        return Math.abs(FastTanh.tanh(x) - e) / Math.ulp(e);
    }

    @Test
    void withinTwoUlpsOverTenMillionArguments() {
        SplittableRandom rng = new SplittableRandom(7);
        double worst = 0, worstAt = 0;
        for (int i = 0; i < 10_000_000; i++) {
            double x = switch (i % 5) {
                case 0 -> rng.nextDouble(-1.5, 1.5);                  // the bulk of pre-activations
                case 1 -> rng.nextDouble(-25, 25);                    // through saturation
                case 2 -> Math.scalb(rng.nextDouble(), -rng.nextInt(1080)) * (rng.nextBoolean() ? 1 : -1); // tiny
                case 3 -> 0.625 + rng.nextDouble(-0.01, 0.01);        // the branch point
                default -> rng.nextDouble(-0.625, 0.625);             // the rational branch
            };
            double u = ulps(x);
            if (u > worst) {
                worst = u;
                worstAt = x;
            }
        }
        assertTrue(worst <= 2, "max error " + worst + " ulps at " + worstAt);
    }

    @Test
    void specialValuesAndSymmetry() {
        assertEquals(Double.doubleToRawLongBits(0.0), Double.doubleToRawLongBits(FastTanh.tanh(0.0)));
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(FastTanh.tanh(-0.0)));
        assertTrue(Double.isNaN(FastTanh.tanh(Double.NaN)));
        assertEquals(1.0, FastTanh.tanh(Double.POSITIVE_INFINITY));
        assertEquals(-1.0, FastTanh.tanh(Double.NEGATIVE_INFINITY));
        assertEquals(Double.MIN_VALUE, FastTanh.tanh(Double.MIN_VALUE));
        for (double x : new double[] {19.1, 22, 22.5, 710, 1e308}) {
            assertEquals(StrictMath.tanh(x), FastTanh.tanh(x), 0.0, "saturation at " + x);
        }
        SplittableRandom rng = new SplittableRandom(8);
        for (int i = 0; i < 100_000; i++) {
            double x = rng.nextDouble(-30, 30);
            assertEquals(-FastTanh.tanh(x), FastTanh.tanh(-x), 0.0, "odd at " + x);
            assertTrue(Math.abs(FastTanh.tanh(x)) <= 1);
        }
    }
}
