package dev.gn4j.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gn4j.engine.backend.DType;
import dev.gn4j.engine.model.InputShape;
import dev.gn4j.engine.model.Loss;
import dev.gn4j.engine.model.Mlp;
import dev.gn4j.engine.optim.Method;
import dev.gn4j.engine.optim.OptimizerConfig;
import org.junit.jupiter.api.Test;

class ConvMemoryPlanTest {

    @Test
    void aConvolutionsPatchesAndItsBlockOfRowsAreInThePlan() {
        Mlp cnn = Mlp.parse("conv32k3-relu-conv32k3s2p1-relu-64-relu", new InputShape(1, 28, 28), 784, 10);
        Mlp dense = Mlp.parse("64-relu", 784, 10);
        OptimizerConfig egn = OptimizerConfig.of(Method.EGN);
        MemoryPlan plan = MemoryPlan.of(cnn, 128, Loss.CE, egn, DType.F32);
        long m = 128 * 9;
        long block = m * (288 * 32 + 32) * (4 + 8); // the second convolution's rows, and their float64 copy (m ≥ 512)
        long patches = (676L * 9 + 169L * 288) * (128 + m) * 4;
        long layers = MemoryPlan.of(cnn, 128, Loss.CE, OptimizerConfig.of(Method.SGD), DType.F32).rowBytes();
        assertTrue(plan.rowBytes() >= block + patches, plan.rowBytes() + " < " + (block + patches));
        assertTrue(layers < plan.rowBytes());
        // A dense network's plan: no convolution, nothing added.
        assertEquals(MemoryPlan.of(dense, 128, Loss.CE, egn, DType.F32).rowBytes(),
                (3L * 128 * (784 + 64 + 10) + m * 2 * 784) * 4, "the batch's three, and the rows' two sensitivity buffers");
    }

    @Test
    void evaluationChunksOfAnImageCnnAreSmallAndOfADenseNetworkAsBefore() {
        Mlp cnn = Mlp.parse("conv32k3-relu-maxpool2-conv32k3-relu-maxpool2-64-relu", new InputShape(1, 28, 28), 784, 10);
        int rows = DatasetEvaluator.chunkRows(cnn);
        assertTrue(rows >= 64 && rows < 1024, "rows " + rows);
        long perRow = DatasetEvaluator.CHUNK_ELEMENTS / rows;
        assertTrue(perRow > 4L * (784 + 21632), "a row holds the first convolution's outputs four times: " + perRow);
        assertEquals(DatasetEvaluator.CHUNK, DatasetEvaluator.chunkRows(Mlp.parse("1024-tanh-1024-tanh", 784, 10)));
        assertEquals(DatasetEvaluator.CHUNK, DatasetEvaluator.chunkRows(Mlp.parse("64-tanh", 13, 1)));
    }
}
