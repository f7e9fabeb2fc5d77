package dev.gn4j.cli;

import dev.gn4j.engine.data.DataFiles;
import dev.gn4j.engine.data.Dataset;
import dev.gn4j.engine.io.SavedModel;
import java.nio.file.Path;

/** Reads a data file for a saved model: its target columns, its task. */
final class TablesForModels {
    private TablesForModels() {
    }

    static Dataset read(Path file, SavedModel model) {
        return DataFiles.read(file, model.targets(), model.isClassification());
    }
}
