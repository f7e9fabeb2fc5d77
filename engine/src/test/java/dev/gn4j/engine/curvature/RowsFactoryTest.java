package dev.gn4j.engine.curvature;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gn4j.engine.Fixture;
import dev.gn4j.engine.backend.Backend;
import dev.gn4j.engine.backend.DType;
import dev.gn4j.engine.backend.Mat;
import dev.gn4j.engine.model.Loss;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The three row specs of MATH.md: their rows per sample, their seeds, and the reuse of their buffers. */
class RowsFactoryTest {
    private static final Backend BE = Fixture.CPU;

    @Test
    void rowsPerSampleOfEachSpec() {
        assertEquals(4, new RowSpec.Jacobian().rowsPerSample(Loss.CE, 4));
        assertEquals(3, new RowSpec.GaussNewtonFactor().rowsPerSample(Loss.CE, 4), "B has rank c − 1 for ce");
        assertEquals(4, new RowSpec.GaussNewtonFactor().rowsPerSample(Loss.MSE, 4), "B = I for mse");
        assertEquals(1, new RowSpec.SampleGradients(FisherKind.EMPIRICAL).rowsPerSample(Loss.MSE, 4));
        assertThrows(IllegalArgumentException.class, () -> new RowSpec.SampleGradients(null));
    }

    @Test
    void theGaussNewtonFactorOfMseIsTheJacobianAndGradientsAreOneRowASample() {
        Fixture fx = Fixture.tiny(Loss.MSE, 31);
        fx.objective.value(fx.theta, fx.batch);
        RowsFactory factory = new RowsFactory(fx.net, Loss.MSE, DType.F64, DType.F64);
        SplittableRandom random = new SplittableRandom(1);
        CurvatureRows gradients = factory.rows(new RowSpec.SampleGradients(FisherKind.EMPIRICAL), fx.theta, fx.batch, random);
        assertEquals(fx.b, gradients.rows());
        double[] jacobianGram = lower(factory.rows(new RowSpec.Jacobian(), fx.theta, fx.batch, random).gram(GramMode.FACTORED));
        double[] factorGram = lower(factory.rows(new RowSpec.GaussNewtonFactor(), fx.theta, fx.batch, random).gram(GramMode.FACTORED));
        assertArrayEquals(jacobianGram, factorGram, 0, "for mse B·J is J");
    }

    @Test
    void aRecurringBatchSizeReusesItsWorkspaceAndAnotherGetsItsOwn() {
        Fixture fx = Fixture.tiny(Loss.CE, 32);
        fx.objective.value(fx.theta, fx.batch);
        RowsFactory factory = new RowsFactory(fx.net, Loss.CE, DType.F64, DType.F64);
        SplittableRandom random = new SplittableRandom(2);
        RowSpec factor = new RowSpec.GaussNewtonFactor();
        CurvatureRows first = factory.rows(factor, fx.theta, fx.batch, random);
        CurvatureRows again = factory.rows(factor, fx.theta, fx.batch, random);
        assertSame(first.workspace(), again.workspace(), "the same shape: one workspace");
        assertEquals(fx.b * (fx.mlp.outputs() - 1), first.rows());
        CurvatureRows jacobian = factory.rows(new RowSpec.Jacobian(), fx.theta, fx.batch, random);
        assertNotSame(first.workspace(), jacobian.workspace(), "c rows a sample instead of c − 1: another shape");
    }

    @Test
    void sampledLabelRowsFollowTheRandomStreamAndDifferFromTheEmpiricalOnes() {
        Fixture fx = Fixture.tiny(Loss.CE, 33);
        fx.objective.value(fx.theta, fx.batch);
        RowsFactory factory = new RowsFactory(fx.net, Loss.CE, DType.F64, DType.F64);
        RowSpec sampled = new RowSpec.SampleGradients(FisherKind.SAMPLED);
        double[] a = lower(factory.rows(sampled, fx.theta, fx.batch, new SplittableRandom(7)).gram(GramMode.FACTORED));
        double[] b = lower(factory.rows(sampled, fx.theta, fx.batch, new SplittableRandom(7)).gram(GramMode.FACTORED));
        assertArrayEquals(a, b, 0, "the same stream draws the same labels");
        double[] empirical = lower(factory.rows(new RowSpec.SampleGradients(FisherKind.EMPIRICAL), fx.theta, fx.batch,
                new SplittableRandom(7)).gram(GramMode.FACTORED));
        double diff = 0;
        for (int i = 0; i < a.length; i++) {
            diff = Math.max(diff, Math.abs(a[i] - empirical[i]));
        }
        assertTrue(diff > 1e-6, "labels drawn from the model are not the true ones");
    }

    /** The lower triangle with the diagonal, the part of K the Gram defines. */
    private static double[] lower(Mat k) {
        double[] all = BE.download(k);
        int m = k.rows();
        double[] lower = new double[m * (m + 1) / 2];
        int n = 0;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j <= i; j++) {
                lower[n++] = all[i * m + j];
            }
        }
        return lower;
    }
}
