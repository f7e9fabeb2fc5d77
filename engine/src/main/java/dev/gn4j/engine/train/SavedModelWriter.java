package dev.gn4j.engine.train;

import dev.gn4j.engine.backend.DType;
import dev.gn4j.engine.data.Dataset;
import dev.gn4j.engine.io.SavedModel;
import dev.gn4j.engine.model.Loss;
import dev.gn4j.engine.model.Mlp;
import java.io.IOException;
import java.nio.file.Path;

/** Writes model.safetensors with the data layout of the run, so eval and predict need nothing else. */
final class SavedModelWriter {
    private final Mlp mlp;
    private final DType dtype;
    private final Loss loss;
    private final Dataset train;
    private final TrainingData data;

    SavedModelWriter(Mlp mlp, DType dtype, Loss loss, Dataset train, TrainingData data) {
        this.mlp = mlp;
        this.dtype = dtype;
        this.loss = loss;
        this.train = train;
        this.data = data;
    }

    void write(Path file, double[] theta) throws IOException {
        new SavedModel(mlp, theta, dtype, loss, train.featureNames(), train.targetNames(), train.classNames(),
                data.features(), data.targets(), train.encoding()).write(file);
    }
}
