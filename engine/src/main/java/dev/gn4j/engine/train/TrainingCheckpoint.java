package dev.gn4j.engine.train;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gn4j.engine.backend.DType;
import dev.gn4j.engine.data.DataException;
import dev.gn4j.engine.io.Safetensors;
import dev.gn4j.engine.optim.OptimizerState;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * checkpoint.safetensors: everything a resumed run needs in one file written
 * atomically — θ, the optimizer's vectors and scalars, the step count, the data
 * order (epoch, position), elapsed and training time and the best validation so far. One file,
 * so no crash can leave a weights/state pair out of step; model.safetensors beside
 * it holds the same weights in the clean, portable layout.
 */
public record TrainingCheckpoint(long step, int epoch, int position, double elapsedSeconds, double trainSeconds, double[] theta, DType dtype,
                                 OptimizerState optimizer, String optimizerName, BestValidation best) {
    public static final String FILE_NAME = "checkpoint.safetensors";
    private static final ObjectMapper JSON = new ObjectMapper();

    public void write(Path file) throws IOException {
        Map<String, Safetensors.Tensor> tensors = new LinkedHashMap<>();
        tensors.put("theta", new Safetensors.Tensor(dtype, new int[] {theta.length}, theta));
        // Optimizer vectors keep the dtype of θ: a float32 run's buffers are float32 on the device too.
        optimizer.tensors().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e ->
                tensors.put("optimizer." + e.getKey(), new Safetensors.Tensor(dtype, new int[] {e.getValue().length}, e.getValue())));
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", "gn4j-checkpoint");
        meta.put("step", Long.toString(step));
        meta.put("epoch", Integer.toString(epoch));
        meta.put("position", Integer.toString(position));
        meta.put("elapsed_seconds", Double.toString(elapsedSeconds));
        meta.put("train_seconds", Double.toString(trainSeconds));
        meta.put("optimizer", optimizerName);
        meta.put("optimizer_scalars", JSON.writeValueAsString(optimizer.scalars()));
        meta.put("best_val_loss", Double.toString(best.loss()));
        meta.put("best_val_headline", Double.toString(best.headline()));
        meta.put("best_step", Long.toString(best.step()));
        Safetensors.write(file, tensors, meta);
    }

    public static TrainingCheckpoint read(Path file) {
        Safetensors.Contents c = Safetensors.read(file);
        Map<String, String> m = c.metadata();
        if (!"gn4j-checkpoint".equals(m.get("format")) || !c.tensors().containsKey("theta")) {
            throw new DataException("'" + file + "' is not a gn4j training checkpoint");
        }
        try {
            Map<String, double[]> opt = new LinkedHashMap<>();
            c.tensors().forEach((k, v) -> {
                if (k.startsWith("optimizer.")) {
                    opt.put(k.substring("optimizer.".length()), v.data());
                }
            });
            Map<String, Double> scalars = JSON.readValue(m.get("optimizer_scalars"), new TypeReference<Map<String, Double>>() { });
            Safetensors.Tensor theta = c.tensors().get("theta");
            validate(file, m, scalars);
            return new TrainingCheckpoint(Long.parseLong(m.get("step")), Integer.parseInt(m.get("epoch")),
                    Integer.parseInt(m.get("position")), Double.parseDouble(m.get("elapsed_seconds")),
                    // Checkpoints written before train_seconds existed count their whole elapsed time as training.
                    Double.parseDouble(m.getOrDefault("train_seconds", m.get("elapsed_seconds"))), theta.data(),
                    theta.dtype(), new OptimizerState(opt, scalars), m.get("optimizer"),
                    new BestValidation(Double.parseDouble(m.get("best_val_loss")), Double.parseDouble(m.get("best_val_headline")),
                            Long.parseLong(m.get("best_step"))));
        } catch (DataException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new DataException("'" + file + "' has incomplete checkpoint metadata (" + e.getMessage() + ")", e);
        }
    }

    /** Every field in its range: a negative step would rewrite metrics.csv's history, a λ ≤ 0 would train undamped. */
    private static void validate(Path file, Map<String, String> m, Map<String, Double> scalars) {
        for (String k : new String[] {"step", "epoch", "position"}) {
            if (Long.parseLong(m.get(k)) < 0) {
                throw new DataException("'" + file + "' has checkpoint metadata " + k + " = " + m.get(k) + ", which cannot be negative");
            }
        }
        for (String k : new String[] {"elapsed_seconds", "train_seconds"}) {
            String v = m.get(k);
            if (v != null && !(Double.parseDouble(v) >= 0 && Double.isFinite(Double.parseDouble(v)))) {
                throw new DataException("'" + file + "' has checkpoint metadata " + k + " = " + v + ", not a duration");
            }
        }
        scalars.forEach((k, v) -> {
            if (v == null || !Double.isFinite(v) || k.equals("lambda") && v <= 0) {
                throw new DataException("'" + file + "' has the optimizer state " + k + " = " + v
                        + (k.equals("lambda") ? ", but λ must be positive and finite" : ", which is not finite"));
            }
        });
    }
}
