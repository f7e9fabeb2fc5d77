package dev.gn4j.engine.io;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gn4j.engine.backend.DType;
import dev.gn4j.engine.data.ColumnScaler;
import dev.gn4j.engine.data.DataException;
import dev.gn4j.engine.data.TableEncoding;
import dev.gn4j.engine.model.Loss;
import dev.gn4j.engine.model.InputShape;
import dev.gn4j.engine.model.Mlp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A trained model as gn4j writes it: the weights of model.safetensors plus what its
 * metadata records so that eval and predict see data exactly as training did (the
 * feature and target columns, class names, standardization statistics, loss).
 */
public record SavedModel(Mlp mlp, double[] theta, DType dtype, Loss loss, List<String> features, List<String> targets,
                         List<String> classes, ColumnScaler featureScaler, ColumnScaler targetScaler, TableEncoding encoding) {
    private static final ObjectMapper JSON = new ObjectMapper();
    public static final String FILE_NAME = "model.safetensors";

    public boolean isClassification() {
        return classes != null;
    }

    /** A run folder (its model.safetensors) or a safetensors file. */
    public static Path resolve(Path dirOrFile) {
        Path p = Files.isDirectory(dirOrFile) ? dirOrFile.resolve(FILE_NAME) : dirOrFile;
        if (!Files.exists(p)) {
            throw new DataException(Files.isDirectory(dirOrFile)
                    ? "run folder '" + dirOrFile + "' has no " + FILE_NAME + " (did the run save a model?)"
                    : "checkpoint '" + dirOrFile + "' does not exist");
        }
        return p;
    }

    public static SavedModel read(Path dirOrFile) {
        Path file = resolve(dirOrFile);
        Safetensors.Contents c = Safetensors.read(file);
        Map<String, String> m = c.metadata();
        if (!"gn4j".equals(m.get("format"))) {
            throw new DataException("'" + file + "' was not written by gn4j train (no gn4j metadata), so its data "
                    + "layout is unknown; use it with train --init instead");
        }
        try {
            int[] sizes = JSON.readValue(m.get("sizes"), int[].class);
            InputShape shape = m.containsKey("input_shape") ? InputShape.parse(m.get("input_shape")) : null;
            Mlp mlp = Mlp.parse(m.get("model"), shape, sizes[0], sizes[sizes.length - 1]);
            double[] theta = ModelCheckpoint.load(file, mlp);
            int first = 0;
            while (mlp.layer(first).parameterCount() == 0) { // a pooling layer has no tensors; the output layer always has
                first++;
            }
            DType dtype = c.tensors().get(ModelCheckpoint.weightName(first)).dtype();
            List<String> classes = m.containsKey("classes") ? JSON.readValue(m.get("classes"), new TypeReference<List<String>>() { }) : null;
            SavedModel model = new SavedModel(mlp, theta, dtype, Loss.parse(m.get("loss")),
                    JSON.readValue(m.get("features"), new TypeReference<List<String>>() { }),
                    JSON.readValue(m.get("targets"), new TypeReference<List<String>>() { }), classes,
                    new ColumnScaler(JSON.readValue(m.get("feature_mean"), double[].class), JSON.readValue(m.get("feature_scale"), double[].class)),
                    new ColumnScaler(JSON.readValue(m.get("target_mean"), double[].class), JSON.readValue(m.get("target_scale"), double[].class)),
                    m.containsKey("encoding") ? readEncoding(m.get("encoding")) : plainEncoding(m));
            model.validate(file);
            return model;
        } catch (IOException | RuntimeException e) {
            if (e instanceof DataException de) {
                throw de;
            }
            throw new DataException("'" + file + "' has incomplete gn4j metadata (" + e.getMessage() + ")", e);
        }
    }

    /** The CSV encoding as metadata: [{"name", "categories", "missing_as_zeros"} | {"name", "fill"}], numeric fill null when refused. */
    private static String writeEncoding(TableEncoding e) throws IOException {
        List<Map<String, Object>> out = new java.util.ArrayList<>();
        for (TableEncoding.Column c : e.columns()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", c.name());
            if (c instanceof TableEncoding.Categorical k) {
                m.put("categories", k.categories());
                m.put("missing_as_zeros", k.missingAsZeros());
            } else {
                double fill = ((TableEncoding.Numeric) c).fill();
                m.put("fill", Double.isNaN(fill) ? null : fill);
            }
            out.add(m);
        }
        return JSON.writeValueAsString(out);
    }

    /**
     * The metadata agrees with the network and with itself: one feature name and one
     * standardization statistic per input, finite means and positive finite scales (a scale of
     * 0 would turn every prediction into NaN), targets or classes matching the outputs.
     */
    private void validate(Path file) {
        int inputs = mlp.inputs(), outputs = mlp.outputs();
        if (features.size() != inputs || featureScaler.mean().length != inputs || featureScaler.scale().length != inputs) {
            throw new DataException("'" + file + "' has metadata for " + features.size() + " features and " + featureScaler.mean().length
                    + " standardization statistics, but its network takes " + inputs + " inputs; the file was edited or damaged");
        }
        int targetWidth = classes != null ? 1 : outputs;
        if (classes != null ? classes.size() != outputs : targets.size() != outputs) {
            throw new DataException("'" + file + "' names " + (classes != null ? classes.size() + " classes" : targets.size() + " targets")
                    + " for a network of " + outputs + " outputs; the file was edited or damaged");
        }
        if (targetScaler.mean().length != targetWidth || targetScaler.scale().length != targetWidth) {
            throw new DataException("'" + file + "' has " + targetScaler.mean().length + " target statistics for " + targetWidth
                    + " target columns; the file was edited or damaged");
        }
        for (ColumnScaler sc : new ColumnScaler[] {featureScaler, targetScaler}) {
            for (int j = 0; j < sc.mean().length; j++) {
                if (!Double.isFinite(sc.mean()[j]) || !(sc.scale()[j] > 0) || !Double.isFinite(sc.scale()[j])) {
                    throw new DataException("'" + file + "' has the standardization mean " + sc.mean()[j] + " and scale " + sc.scale()[j]
                            + " for column " + j + "; a scale must be positive and finite (the file was edited or damaged)");
                }
            }
        }
    }

    /** A model of numeric features only: each feature a numeric column, missing cells refused (as it was trained). */
    private static TableEncoding plainEncoding(Map<String, String> m) throws IOException {
        List<TableEncoding.Column> columns = new java.util.ArrayList<>();
        for (String f : JSON.readValue(m.get("features"), new TypeReference<List<String>>() { })) {
            columns.add(new TableEncoding.Numeric(f, Double.NaN));
        }
        return new TableEncoding(columns);
    }

    private static TableEncoding readEncoding(String json) throws IOException {
        List<TableEncoding.Column> columns = new java.util.ArrayList<>();
        for (com.fasterxml.jackson.databind.JsonNode n : JSON.readTree(json)) {
            String name = n.get("name").asText();
            if (n.has("categories")) {
                List<String> cats = new java.util.ArrayList<>();
                n.get("categories").forEach(v -> cats.add(v.asText()));
                columns.add(new TableEncoding.Categorical(name, cats, n.path("missing_as_zeros").asBoolean(false)));
            } else {
                columns.add(new TableEncoding.Numeric(name, n.path("fill").isNumber() ? n.get("fill").asDouble() : Double.NaN));
            }
        }
        return new TableEncoding(columns);
    }

    public void write(Path file) throws IOException {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", "gn4j");
        meta.put("model", mlp.hiddenSpec());
        meta.put("sizes", JSON.writeValueAsString(mlp.sizes()));
        if (mlp.inputShape() != null) {
            meta.put("input_shape", mlp.inputShape().toString());
        }
        meta.put("loss", loss.spelling());
        meta.put("features", JSON.writeValueAsString(features));
        meta.put("targets", JSON.writeValueAsString(targets));
        if (classes != null) {
            meta.put("classes", JSON.writeValueAsString(classes));
        }
        meta.put("feature_mean", JSON.writeValueAsString(featureScaler.mean()));
        meta.put("feature_scale", JSON.writeValueAsString(featureScaler.scale()));
        meta.put("target_mean", JSON.writeValueAsString(targetScaler.mean()));
        meta.put("target_scale", JSON.writeValueAsString(targetScaler.scale()));
        if (encoding != null && !encoding.plain()) {
            meta.put("encoding", writeEncoding(encoding));
        }
        ModelCheckpoint.save(file, mlp, theta, dtype, meta);
    }
}
