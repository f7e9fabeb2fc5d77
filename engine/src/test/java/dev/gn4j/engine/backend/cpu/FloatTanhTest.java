package dev.gn4j.engine.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** FloatTanh rounded to float against StrictMath.tanh rounded to float, over float arguments. */
class FloatTanhTest {

    private static double floatUlps(float x) {
        float expect = (float) StrictMath.tanh(x);
        float got = (float) FloatTanh.tanh(x);
        return expect == got ? 0 : Math.abs(got - expect) / Math.ulp(expect);
    }

    @Test
    void withinOneFloatUlpOverFiveMillionArguments() {
        SplittableRandom rng = new SplittableRandom(17);
        double worst = 0;
        float worstAt = 0;
        for (int i = 0; i < 5_000_000; i++) {
            float x = (float) switch (i % 5) {
                case 0 -> rng.nextDouble(-1.5, 1.5);                    // the bulk of pre-activations
                case 1 -> rng.nextDouble(-12, 12);                      // through the clamp at ±9.5
                case 2 -> Math.scalb(rng.nextDouble(), -rng.nextInt(150)) * (rng.nextBoolean() ? 1 : -1); // tiny
                case 3 -> rng.nextDouble(-1e-3, 1e-3);
                default -> 9.5 + rng.nextDouble(-0.6, 0.6);             // where tanh reaches 1 in float
            };
            double u = floatUlps(x);
            if (u > worst) {
                worst = u;
                worstAt = x;
            }
        }
        assertTrue(worst <= 1, "max error " + worst + " float ulps at " + worstAt);
    }

    @Test
    void specialValuesAndSymmetry() {
        assertEquals(Double.doubleToRawLongBits(0.0), Double.doubleToRawLongBits(FloatTanh.tanh(0.0)));
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(FloatTanh.tanh(-0.0)));
        assertTrue(Double.isNaN(FloatTanh.tanh(Double.NaN)));
        assertEquals(1.0f, (float) FloatTanh.tanh(Double.POSITIVE_INFINITY));
        assertEquals(-1.0f, (float) FloatTanh.tanh(Double.NEGATIVE_INFINITY));
        assertEquals(Float.MIN_VALUE, (float) FloatTanh.tanh(Float.MIN_VALUE));
        for (double x : new double[] {9.6, 20, 1e30}) {
            assertEquals(1.0f, (float) FloatTanh.tanh(x), "saturated at " + x);
        }
        SplittableRandom rng = new SplittableRandom(18);
        for (int i = 0; i < 100_000; i++) {
            double x = rng.nextDouble(-30, 30);
            assertEquals(-FloatTanh.tanh(x), FloatTanh.tanh(-x), 0.0, "odd at " + x);
            assertTrue(Math.abs((float) FloatTanh.tanh(x)) <= 1);
        }
    }
}
