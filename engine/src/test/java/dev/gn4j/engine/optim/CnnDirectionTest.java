package dev.gn4j.engine.optim;

import static dev.gn4j.engine.optim.DirectionTest.LAMBDA;
import static dev.gn4j.engine.optim.DirectionTest.assertClose;
import static dev.gn4j.engine.optim.DirectionTest.config;
import static dev.gn4j.engine.optim.DirectionTest.stepOf;

import dev.gn4j.engine.DenseReference;
import dev.gn4j.engine.Fixture;
import dev.gn4j.engine.backend.Activation;
import dev.gn4j.engine.backend.ConvShape;
import dev.gn4j.engine.backend.DType;
import dev.gn4j.engine.curvature.GramMode;
import dev.gn4j.engine.model.Activations;
import dev.gn4j.engine.model.Conv2d;
import dev.gn4j.engine.model.Dense;
import dev.gn4j.engine.model.Loss;
import dev.gn4j.engine.model.Mlp;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every Gauss-Newton method's direction on a small CNN against its parameter-space formula
 * (MATH.md), with J from forward mode: the convolution's rows of U, its Gram term and its
 * backward pass, in the kernel and the Woodbury form, factored and explicit.
 */
class CnnDirectionTest {

    private static List<Fixture> cnns(Loss loss, long seed) {
        Mlp pooled = Mlp.parse("conv3k3p1-relu-maxpool2-conv2k3-gelu", new dev.gn4j.engine.model.InputShape(2, 8, 8), 128,
                loss == Loss.CE ? 4 : 2);
        Mlp averaged = Mlp.parse("conv3k3same-tanh-avgpool2s1-conv2k3s2-gelu-avgpool2", new dev.gn4j.engine.model.InputShape(2, 7, 7),
                98, loss == Loss.CE ? 4 : 2);
        return List.of(cnn(loss, seed), new Fixture(pooled, loss, 6, seed + 100, DType.F64),
                new Fixture(averaged, loss, 6, seed + 200, DType.F64));
    }

    private static Fixture cnn(Loss loss, long seed) {
        Conv2d c1 = new Conv2d(new ConvShape(2, 6, 5, 3, 1, 1), 3, 0);
        Conv2d c2 = new Conv2d(new ConvShape(3, 6, 5, 3, 2, 0), 2, c1.parameterCount());
        Dense top = new Dense(c2.outputs(), loss == Loss.CE ? 4 : 2, c1.parameterCount() + c2.parameterCount());
        Mlp mlp = new Mlp(List.of(c1, c2, top), new Activation[] {Activation.TANH, Activation.GELU, Activation.IDENTITY});
        return new Fixture(mlp, loss, 6, seed, DType.F64);
    }

    @ParameterizedTest
    @EnumSource(GramMode.class)
    void egnAndGgnMatchTheirDampedGaussNewtonSteps(GramMode mode) {
        for (Loss loss : Loss.values()) {
          for (Fixture fx : cnns(loss, 31)) {
            DenseReference ref = new DenseReference(fx);
            double[] grad = ref.gradient(fx.batch);
            double[][] h = ref.gaussNewton(fx.batch);
            assertClose(stepOf(fx, config("egn", mode), fx.batch), DenseReference.dampedNewton(h, LAMBDA, grad), "egn/" + loss + "/" + mode);
            if (loss == Loss.MSE) {
                assertClose(stepOf(fx, config("ggn", mode), fx.batch), DenseReference.dampedNewton(h, LAMBDA / fx.b, grad),
                        "ggn/" + mode);
            }
          }
        }
    }

    @ParameterizedTest
    @EnumSource(GramMode.class)
    void smwGnAndSmwNgOnASubsampleMatchTheirFormulas(GramMode mode) {
        for (Loss loss : Loss.values()) {
          for (Fixture fx : cnns(loss, 32)) {
            DenseReference ref = new DenseReference(fx);
            double[] grad = ref.gradient(fx.batch);
            Activations sub = fx.firstSamples(4);
            OptimizerConfig.Builder gn = config("smw-gn", mode);
            gn.curvatureBatch = 4;
            assertClose(stepOf(fx, gn, sub), DenseReference.dampedNewton(ref.gaussNewton(sub), LAMBDA, grad), "smw-gn/" + loss + "/" + mode);
            Activations sub3 = fx.firstSamples(3);
            OptimizerConfig.Builder ng = config("smw-ng", mode);
            ng.curvatureBatch = 3;
            assertClose(stepOf(fx, ng, sub3), DenseReference.dampedNewton(ref.empiricalFisher(sub3), LAMBDA, grad),
                    "smw-ng/" + loss + "/" + mode);
          }
        }
    }
}
