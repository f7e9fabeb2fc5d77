package dev.gn4j.cli;

import dev.gn4j.engine.data.CsvOptions;
import dev.gn4j.engine.data.DataFiles;
import dev.gn4j.engine.data.Dataset;
import dev.gn4j.engine.io.SavedModel;
import java.nio.file.Path;

/** Reads a data file for a saved model: its target columns, its task, and its CSV encoding (categories, fill values). */
final class TablesForModels {
    private TablesForModels() {
    }

    static Dataset read(Path file, SavedModel model, CsvReadOptions csv) {
        return DataFiles.read(file, model.targets(), model.isClassification(), options(model, csv));
    }

    static CsvOptions options(SavedModel model, CsvReadOptions csv) {
        return csv.options(CsvOptions.Missing.REFUSE, model.encoding());
    }
}
