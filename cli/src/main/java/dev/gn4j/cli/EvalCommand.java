package dev.gn4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.gn4j.engine.backend.Backend;
import dev.gn4j.engine.backend.Backends;
import dev.gn4j.engine.data.Dataset;
import dev.gn4j.engine.io.SavedModel;
import dev.gn4j.engine.train.Evaluation;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "eval", sortOptions = false, mixinStandardHelpOptions = true,
        description = "Metrics of a trained model on held-out data: RMSE, MAE and R² for regression "
                + "(in the targets' units), accuracy and NLL for classification.",
        footer = {"", "Examples:",
                "  gn4j eval --checkpoint runs/20261122-120000-egn --data test.csv",
                "  gn4j eval --checkpoint model.safetensors --data test.csv --json",
                "",
                "The data needs the model's feature and target columns (any order; extra columns are ignored); "
                        + "features are standardized with the training statistics saved in the model.",
                "Exit codes: 0 ok, 2 usage error, 3 data error, 4 device unavailable."})
final class EvalCommand implements Callable<Integer> {
    @CommandLine.Mixin
    Verbosity verbosity = new Verbosity();

    @CommandLine.Mixin
    CsvReadOptions csv = new CsvReadOptions();

    @Option(names = "--checkpoint", required = true, paramLabel = "DIR|FILE", description = "A run folder or its model.safetensors.")
    Path checkpoint;

    @Option(names = "--data", required = true, paramLabel = "FILE", description = "Data with the model's feature and target columns.")
    Path data;

    @Option(names = "--device", paramLabel = "auto|cpu|gpu", defaultValue = "cpu", description = "Where to evaluate. Default: ${DEFAULT-VALUE}.")
    String device;

    @Option(names = "--json", description = "Print the metrics as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        verbosity.apply();
        SavedModel model = SavedModel.read(checkpoint);
        Dataset raw = TablesForModels.read(data, model, csv);
        Dataset prepared = ModelData.prepare(model, raw, data.toString());
        Evaluation e;
        try (Backend be = Backends.open(device)) {
            e = ModelData.evaluate(model, prepared, be);
        }
        Map<String, Object> m = e.asMap();
        if (json) {
            System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(m));
        } else {
            System.out.println("model " + SavedModel.resolve(checkpoint) + " (" + model.mlp() + ", " + model.loss().spelling()
                    + ") on " + data + ":");
            for (Map.Entry<String, Object> kv : m.entrySet()) {
                if (!kv.getKey().equals("per_target")) {
                    Object v = kv.getValue();
                    System.out.printf(Locale.ROOT, "  %-9s %s%s%n", kv.getKey(), v instanceof Double d ? String.format(Locale.ROOT, "%.6g", d) : v,
                            e.perTarget().size() > 1 && List.of("rmse", "mae", "r2").contains(kv.getKey()) ? "  (mean over targets)" : "");
                }
            }
            if (e.perTarget().size() > 1) {
                for (Evaluation.TargetMetrics t : e.perTarget()) {
                    System.out.printf(Locale.ROOT, "  %-9s rmse %.6g  mae %.6g  r2 %.6g%n", t.target(), t.rmse(), t.mae(), t.r2());
                }
            }
        }
        return Main.OK;
    }

    static List<String> targetsOf(SavedModel model) {
        return model.targets();
    }
}
