package dev.gn4j.cli;

import dev.gn4j.engine.backend.Backend;
import dev.gn4j.engine.backend.Backends;
import dev.gn4j.engine.backend.Mat;
import dev.gn4j.engine.data.DataFiles;
import dev.gn4j.engine.data.Dataset;
import dev.gn4j.engine.io.AtomicFiles;
import dev.gn4j.engine.io.SavedModel;
import dev.gn4j.engine.model.Activations;
import dev.gn4j.engine.model.Network;
import dev.gn4j.engine.train.TrainingData;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "predict", sortOptions = false, mixinStandardHelpOptions = true,
        description = "Predictions of a trained model for every row of a data file, written as CSV: "
                + "predicted_<target> columns in the targets' units for regression; for classification "
                + "predicted_<target> (the class name) and one p_<class> probability column per class.",
        footer = {"", "Examples:",
                "  gn4j predict --checkpoint runs/20261122-120000-egn --data new.csv --output predictions.csv",
                "  gn4j predict --checkpoint model.safetensors --data new.csv --output -     (to stdout)",
                "",
                "The data needs the model's feature columns (any order, extra columns ignored); target columns are optional.",
                "Exit codes: 0 ok, 2 usage error, 3 data error, 4 device unavailable."})
final class PredictCommand implements Callable<Integer> {
    private static final int CHUNK = 4096;

    @CommandLine.Mixin
    Verbosity verbosity = new Verbosity();

    @CommandLine.Mixin
    CsvReadOptions csv = new CsvReadOptions();

    @Option(names = "--checkpoint", required = true, paramLabel = "DIR|FILE", description = "A run folder or its model.safetensors.")
    Path checkpoint;

    @Option(names = "--data", required = true, paramLabel = "FILE", description = "Rows to predict, with the model's feature columns.")
    Path data;

    @Option(names = "--output", required = true, paramLabel = "FILE", description = "Where to write the predictions (CSV); '-' for standard output.")
    String output;

    @Option(names = "--device", paramLabel = "auto|cpu|gpu", defaultValue = "cpu", description = "Where to compute. Default: ${DEFAULT-VALUE}.")
    String device;

    @Override
    public Integer call() throws Exception {
        verbosity.apply();
        SavedModel model = SavedModel.read(checkpoint);
        Dataset raw = DataFiles.readForPrediction(data, model.targets(), model.isClassification(), TablesForModels.options(model, csv));
        // Labels, if the file has them, play no part in predicting: only the features are aligned.
        Dataset features = TrainingData.align(raw, model.features(), null, data.toString());
        double[] x = model.featureScaler().apply(features.features());
        double[] outputs;
        try (Backend be = Backends.open(device)) {
            outputs = forward(be, model, x, features.rows());
        }
        String csv = format(model, outputs, features.rows());
        if (output.equals("-")) {
            System.out.print(csv);
        } else {
            AtomicFiles.writeString(Path.of(output), csv);
            System.err.println("gn4j: wrote " + features.rows() + " predictions to " + output);
        }
        return Main.OK;
    }

    /** Network outputs for row-major features, row-major n × c. */
    static double[] forward(Backend be, SavedModel model, double[] x, int n) {
        Network net = new Network(be, model.mlp());
        Mat theta = be.zeros(model.theta().length, 1, model.dtype());
        be.upload(model.theta(), theta);
        int d = model.mlp().inputs(), c = model.mlp().outputs();
        double[] out = new double[n * c];
        Activations ws = null;
        for (int off = 0; off < n; off += CHUNK) {
            int count = Math.min(CHUNK, n - off);
            if (ws == null || ws.batch() != count) {
                ws = new Activations(be, model.mlp(), model.loss(), model.dtype(), count);
            }
            double[] cm = new double[count * d];
            for (int i = 0; i < count; i++) {
                for (int j = 0; j < d; j++) {
                    cm[i + count * j] = x[(off + i) * d + j];
                }
            }
            be.upload(cm, ws.input());
            net.forward(theta, ws);
            double[] f = be.download(ws.output());
            for (int i = 0; i < count; i++) {
                for (int k = 0; k < c; k++) {
                    out[(off + i) * c + k] = f[i + count * k];
                }
            }
        }
        return out;
    }

    static String format(SavedModel model, double[] f, int n) {
        int c = model.mlp().outputs();
        StringBuilder sb = new StringBuilder();
        List<String> targets = model.targets();
        if (model.isClassification()) {
            sb.append(csvField("predicted_" + targets.get(0)));
            for (String cls : model.classes()) {
                sb.append(',').append(csvField("p_" + cls));
            }
            sb.append('\n');
            double[] p = new double[c];
            for (int i = 0; i < n; i++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < c; k++) {
                    max = Math.max(max, f[i * c + k]);
                }
                double sum = 0;
                int best = 0;
                for (int k = 0; k < c; k++) {
                    p[k] = Math.exp(f[i * c + k] - max);
                    sum += p[k];
                    if (f[i * c + k] > f[i * c + best]) {
                        best = k;
                    }
                }
                sb.append(csvField(model.classes().get(best)));
                for (int k = 0; k < c; k++) {
                    sb.append(',').append(p[k] / sum);
                }
                sb.append('\n');
            }
        } else {
            for (int k = 0; k < c; k++) {
                sb.append(k > 0 ? "," : "").append(csvField("predicted_" + targets.get(k)));
            }
            sb.append('\n');
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < c; k++) {
                    double y = f[i * c + k] * model.targetScaler().scale()[k] + model.targetScaler().mean()[k];
                    sb.append(k > 0 ? "," : "").append(y);
                }
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    private static String csvField(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
