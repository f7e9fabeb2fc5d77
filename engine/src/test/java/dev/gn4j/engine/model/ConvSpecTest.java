package dev.gn4j.engine.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gn4j.engine.backend.Activation;
import dev.gn4j.engine.backend.DType;
import dev.gn4j.engine.io.ModelCheckpoint;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Convolutions in the model spec, their shapes, the errors that name a layer, and their checkpoints. */
class ConvSpecTest {
    private static final InputShape MNIST = new InputShape(1, 28, 28);

    @Test
    void thePapersMnistCnnWithoutPoolingParsesAndSpellsItselfBack() {
        Mlp mlp = Mlp.parse("conv32k3-relu-conv32k3s2p1-relu-64-relu", MNIST, 784, 10);
        assertEquals(4, mlp.layers());
        Conv2d c1 = (Conv2d) mlp.layer(0), c2 = (Conv2d) mlp.layer(1);
        assertEquals(32 * 26 * 26, c1.outputs());
        assertEquals(new dev.gn4j.engine.backend.ConvShape(32, 26, 26, 3, 2, 1), c2.shape());
        assertEquals(32 * 13 * 13, c2.outputs());
        assertEquals(32 * 13 * 13, mlp.width(2));
        assertEquals(Activation.RELU, mlp.activation(1));
        assertEquals(9 * 32 + 32 + 288 * 32 + 32 + (long) 32 * 13 * 13 * 64 + 64 + 64 * 10 + 10, mlp.parameterCount());
        assertEquals("conv32k3-relu-conv32k3s2p1-relu-64-relu", mlp.hiddenSpec());
        Mlp again = Mlp.parse(mlp.hiddenSpec(), mlp.inputShape(), 784, 10);
        assertEquals(mlp.toString(), again.toString());
        assertEquals(MNIST, mlp.inputShape());
        assertTrue(mlp.toString().startsWith("1x28x28 → conv3×3 32x26x26 relu → conv3×3/2 32x13x13 relu → 64 relu → 10"), mlp.toString());
    }

    @Test
    void thePapersMnistCnnWithPoolingHasItsShapesAndNoPoolingTensors(@TempDir Path dir) throws IOException {
        Mlp mlp = Mlp.parse("conv32k3-relu-maxpool2-conv32k3-relu-maxpool2-64-relu", MNIST, 784, 10);
        assertEquals(6, mlp.layers());
        assertEquals(32 * 13 * 13, mlp.width(2));
        assertEquals(32 * 5 * 5, mlp.width(4));
        assertEquals(Activation.IDENTITY, mlp.activation(1));
        assertEquals(0, mlp.layer(1).parameterCount());
        assertEquals(9 * 32 + 32 + 288 * 32 + 32 + 800L * 64 + 64 + 64 * 10 + 10, mlp.parameterCount());
        assertEquals("conv32k3-relu-maxpool2-conv32k3-relu-maxpool2-64-relu", mlp.hiddenSpec());
        assertEquals(mlp.toString(), Mlp.parse(mlp.hiddenSpec(), MNIST, 784, 10).toString());
        double[] theta = new java.util.SplittableRandom(4).doubles(mlp.parameterCount(), -1, 1).toArray();
        Path file = dir.resolve("p.safetensors");
        ModelCheckpoint.save(file, mlp, theta, DType.F32, Map.of());
        assertEquals(java.util.Set.of("layers.0.weight", "layers.0.bias", "layers.2.weight", "layers.2.bias", "layers.4.weight",
                "layers.4.bias", "layers.5.weight", "layers.5.bias"), dev.gn4j.engine.io.Safetensors.read(file).tensors().keySet());
        double[] back = ModelCheckpoint.load(file, mlp);
        assertEquals((float) theta[100], back[100]);
    }

    @Test
    void averagePoolingAndSamePaddingParseAndSpellThemselvesBackWithTheNumericPadding(@TempDir Path dir) throws IOException {
        Mlp mlp = Mlp.parse("conv8k3same-relu-avgpool2-conv4k5same-gelu-avgpool3s2-16-relu", MNIST, 784, 10);
        assertEquals(6, mlp.layers());
        assertEquals(new dev.gn4j.engine.backend.ConvShape(1, 28, 28, 3, 1, 1), ((Conv2d) mlp.layer(0)).shape());
        assertEquals(8 * 28 * 28, mlp.width(1)); // same: the image keeps its size
        AvgPool2d p1 = (AvgPool2d) mlp.layer(1), p2 = (AvgPool2d) mlp.layer(3);
        assertEquals(new dev.gn4j.engine.backend.ConvShape(8, 28, 28, 2, 2, 0), p1.window());
        assertEquals(8 * 14 * 14, mlp.width(2));
        assertEquals(new dev.gn4j.engine.backend.ConvShape(8, 14, 14, 5, 1, 2), ((Conv2d) mlp.layer(2)).shape());
        assertEquals(4 * 14 * 14, mlp.width(3));
        assertEquals(new dev.gn4j.engine.backend.ConvShape(4, 14, 14, 3, 2, 0), p2.window());
        assertEquals(4 * 6 * 6, mlp.width(4));
        assertEquals(Activation.RELU, mlp.activation(0));
        assertEquals(Activation.IDENTITY, mlp.activation(1));
        assertEquals(Activation.GELU, mlp.activation(2));
        assertEquals(Activation.IDENTITY, mlp.activation(3));
        assertEquals(0, p1.parameterCount());
        assertEquals(0, mlp.weightCount(1));
        assertEquals(0, mlp.biasCount(3));
        assertEquals(9 * 8 + 8 + 8 * 25 * 4 + 4 + 144L * 16 + 16 + 16 * 10 + 10, mlp.parameterCount());
        assertEquals("conv8k3p1-relu-avgpool2-conv4k5p2-gelu-avgpool3s2-16-relu", mlp.hiddenSpec());
        Mlp again = Mlp.parse(mlp.hiddenSpec(), MNIST, 784, 10);
        assertEquals(mlp.toString(), again.toString());
        for (int l = 0; l < mlp.layers(); l++) {
            assertEquals(mlp.layer(l).toString(), again.layer(l).toString(), "layer " + l); // Conv2d is a class: compare what it says
        }
        assertTrue(mlp.toString().startsWith("1x28x28 → conv3×3 8x28x28 relu → avgpool2 8x14x14 → conv5×5 4x14x14 gelu → "
                + "avgpool3/2 4x6x6 → 16 relu → 10"), mlp.toString());
        // Case does not matter, and p<P> still works: the same network three ways.
        assertEquals(mlp.toString(), Mlp.parse("CONV8K3SAME-ReLU-AvgPool2-conv4k5Same-gelu-AVGPOOL3S2-16-relu", MNIST, 784, 10).toString());
        assertEquals(mlp.toString(), Mlp.parse("conv8k3s1p1-relu-avgpool2s2-conv4k5s1same-gelu-avgpool3s2-16-relu", MNIST, 784, 10)
                .toString());
        // An activation written after a pooling layer is kept and spelled back.
        Mlp act = Mlp.parse("conv4k3-avgpool2-relu-maxpool2s1-8", MNIST, 784, 10);
        assertEquals(Activation.TANH, act.activation(0));
        assertEquals(Activation.RELU, act.activation(1));
        assertTrue(act.layer(2) instanceof MaxPool2d, act.toString());
        assertEquals("conv4k3-tanh-avgpool2-relu-maxpool2s1-8-tanh", act.hiddenSpec());
        assertEquals(act.toString(), Mlp.parse(act.hiddenSpec(), MNIST, 784, 10).toString());

        double[] theta = new java.util.SplittableRandom(5).doubles(mlp.parameterCount(), -1, 1).toArray();
        Path file = dir.resolve("avg.safetensors");
        ModelCheckpoint.save(file, mlp, theta, DType.F64, Map.of("model", mlp.hiddenSpec()));
        var contents = dev.gn4j.engine.io.Safetensors.read(file);
        assertEquals(java.util.Set.of("layers.0.weight", "layers.0.bias", "layers.2.weight", "layers.2.bias", "layers.4.weight",
                "layers.4.bias", "layers.5.weight", "layers.5.bias"), contents.tensors().keySet());
        assertEquals(java.util.List.of(4, 8, 5, 5), java.util.Arrays.stream(contents.tensors().get("layers.2.weight").shape()).boxed().toList());
        Mlp reread = Mlp.parse(contents.metadata().get("model"), MNIST, 784, 10);
        assertEquals(java.util.Arrays.toString(theta), java.util.Arrays.toString(ModelCheckpoint.load(file, reread)));
    }

    @Test
    void samePaddingAndAveragePoolingThatCannotBeAreErrorsNamingTheLayer() {
        String even = assertThrows(IllegalArgumentException.class, () -> Mlp.parse("conv8k4same-relu", MNIST, 784, 10)).getMessage();
        assertTrue(even.contains("layer 1 (conv8k4same)") && even.contains("odd kernel") && even.contains("p2"), even);
        String strided = assertThrows(IllegalArgumentException.class, () -> Mlp.parse("conv8k3-relu-conv8k3s2same", MNIST, 784, 10))
                .getMessage();
        assertTrue(strided.contains("layer 2 (conv8k3s2same)") && strided.contains("stride 1") && strided.contains("p1"), strided);
        String spelled = assertThrows(IllegalArgumentException.class, () -> Mlp.parse("conv8k3-conv8k3psame", MNIST, 784, 10))
                .getMessage();
        assertTrue(spelled.contains("layer 2 (conv8k3psame)") && spelled.contains("convFkK[sS][pP|same]"), spelled);
        String tooBig = assertThrows(IllegalArgumentException.class,
                () -> Mlp.parse("conv8k5s2-relu-conv8k5s2-relu-avgpool5", MNIST, 784, 10)).getMessage();
        assertTrue(tooBig.contains("layer 3 (avgpool5)") && tooBig.contains("8x4x4") && tooBig.contains("5×5"), tooBig);
        String first = assertThrows(IllegalArgumentException.class, () -> Mlp.parse("avgpool30", MNIST, 784, 10)).getMessage();
        assertTrue(first.contains("layer 1 (avgpool30)") && first.contains("1x28x28"), first);
        String afterDense = assertThrows(IllegalArgumentException.class, () -> Mlp.parse("64-relu-avgpool2", MNIST, 784, 10))
                .getMessage();
        assertTrue(afterDense.contains("layer 2 (avgpool2)") && afterDense.contains("layer 1 is dense"), afterDense);
        String noShape = assertThrows(IllegalArgumentException.class, () -> Mlp.parse("avgpool2", null, 784, 10)).getMessage();
        assertTrue(noShape.contains("layer 1 (avgpool2)") && noShape.contains("--input-shape"), noShape);
        String average = assertThrows(IllegalArgumentException.class, () -> Mlp.parse("conv8k3-averagepool2", MNIST, 784, 10))
                .getMessage();
        assertTrue(average.contains("layer 2 (averagepool2)") && average.contains("avgpoolK[sS]"), average);
    }

    @Test
    void aDenseStackOverAnImageDatasetStaysPlain() {
        assertNull(Mlp.parse("64-tanh", MNIST, 784, 10).inputShape());
        assertEquals(Mlp.parse("64-tanh", 784, 10).toString(), Mlp.parse("64-tanh", MNIST, 784, 10).toString());
    }

    @Test
    void shapesThatDoNotFitAreErrorsNamingTheLayer() {
        String noShape = assertThrows(IllegalArgumentException.class, () -> Mlp.parse("conv8k3-relu", null, 784, 10)).getMessage();
        assertTrue(noShape.contains("layer 1 (conv8k3)") && noShape.contains("--input-shape"), noShape);
        String afterDense = assertThrows(IllegalArgumentException.class, () -> Mlp.parse("64-conv8k3", MNIST, 784, 10)).getMessage();
        assertTrue(afterDense.contains("layer 2 (conv8k3)") && afterDense.contains("layer 1 is dense"), afterDense);
        String tooBig = assertThrows(IllegalArgumentException.class,
                () -> Mlp.parse("conv8k5s2-relu-conv8k5s2-relu-conv8k5", MNIST, 784, 10)).getMessage();
        assertTrue(tooBig.contains("layer 3 (conv8k5)") && tooBig.contains("8x4x4"), tooBig);
        String pool = assertThrows(IllegalArgumentException.class, () -> Mlp.parse("conv8k3-relu-avgpool", MNIST, 784, 10)).getMessage();
        assertTrue(pool.contains("layer 2 (avgpool)") && pool.contains("avgpoolK[sS]"), pool);
        String poolAfterDense = assertThrows(IllegalArgumentException.class, () -> Mlp.parse("64-maxpool2", MNIST, 784, 10))
                .getMessage();
        assertTrue(poolAfterDense.contains("layer 2 (maxpool2)") && poolAfterDense.contains("dense"), poolAfterDense);
        String features = assertThrows(IllegalArgumentException.class, () -> Mlp.parse("conv8k3", new InputShape(1, 8, 8), 784, 10))
                .getMessage();
        assertTrue(features.contains("1x8x8") && features.contains("784"), features);
        assertThrows(IllegalArgumentException.class, () -> InputShape.parse("28x28x"));
        assertEquals(new InputShape(3, 32, 32), InputShape.parse("3×32×32"));
        assertEquals(new InputShape(1, 28, 28), InputShape.parse("28x28"));
    }

    @Test
    void aCheckpointHoldsPyTorchsConv2dShapesAndLoadsBack(@TempDir Path dir) throws IOException {
        Mlp mlp = Mlp.parse("conv4k3p1-relu-conv2k3s2-tanh-5-relu", new InputShape(2, 6, 6), 72, 3);
        double[] theta = new java.util.SplittableRandom(3).doubles(mlp.parameterCount(), -1, 1).toArray();
        Path file = dir.resolve("m.safetensors");
        ModelCheckpoint.save(file, mlp, theta, DType.F64, Map.of());
        var contents = dev.gn4j.engine.io.Safetensors.read(file);
        assertEquals(java.util.List.of(4, 2, 3, 3), java.util.Arrays.stream(contents.tensors().get("layers.0.weight").shape()).boxed().toList());
        assertEquals(java.util.List.of(2, 4, 3, 3), java.util.Arrays.stream(contents.tensors().get("layers.1.weight").shape()).boxed().toList());
        assertEquals(java.util.List.of(2), java.util.Arrays.stream(contents.tensors().get("layers.1.bias").shape()).boxed().toList());
        // weight[co][ci][ky][kx] row-major is θ's Q × C_out column-major, element (ci·9 + ky·3 + kx) + 18·co.
        double[] w0 = contents.tensors().get("layers.0.weight").data();
        assertEquals(theta[(1 * 9 + 2 * 3 + 0) + 18 * 3], w0[((3 * 2 + 1) * 3 + 2) * 3 + 0]);
        assertEquals(java.util.Arrays.toString(theta), java.util.Arrays.toString(ModelCheckpoint.load(file, mlp)));
    }
}
