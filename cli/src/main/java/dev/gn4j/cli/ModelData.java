package dev.gn4j.cli;

import dev.gn4j.engine.backend.Backend;
import dev.gn4j.engine.backend.Mat;
import dev.gn4j.engine.data.Dataset;
import dev.gn4j.engine.io.SavedModel;
import dev.gn4j.engine.model.Network;
import dev.gn4j.engine.optim.Objective;
import dev.gn4j.engine.train.DatasetEvaluator;
import dev.gn4j.engine.train.DeviceFeeder;
import dev.gn4j.engine.train.Evaluation;
import dev.gn4j.engine.train.TrainingData;

/** A saved model and a table seen exactly as in training: same columns, classes and standardization. */
final class ModelData {
    private ModelData() {
    }

    /** The table re-expressed in the model's layout and scaled with its training statistics. */
    static Dataset prepare(SavedModel model, Dataset raw, String what) {
        Dataset aligned = TrainingData.align(raw, model.features(), model.classes(), what);
        return TrainingData.scale(aligned, model.featureScaler(), model.targetScaler(), !model.isClassification());
    }

    static Evaluation evaluate(SavedModel model, Dataset prepared, Backend be) {
        Network net = new Network(be, model.mlp());
        Objective objective = new Objective(net, model.loss());
        Mat theta = be.zeros(model.theta().length, 1, model.dtype());
        be.upload(model.theta(), theta);
        DeviceFeeder feeder = new DeviceFeeder(be, model.mlp(), model.loss(), model.dtype(), prepared);
        return new DatasetEvaluator(feeder, objective, model.targetScaler()).evaluate(theta);
    }
}
