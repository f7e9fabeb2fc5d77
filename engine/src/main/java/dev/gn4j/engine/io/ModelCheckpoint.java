package dev.gn4j.engine.io;

import dev.gn4j.engine.backend.DType;
import dev.gn4j.engine.data.DataException;
import dev.gn4j.engine.model.Conv2d;
import dev.gn4j.engine.model.Mlp;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Model weights in safetensors under MATH.md's names: {@code layers.{i}.weight}
 * with shape [d_{i+1}, d_i] (row-major, as PyTorch's nn.Linear) and
 * {@code layers.{i}.bias} with shape [d_{i+1}]. Internally θ is one flat vector
 * with column-major weights; this class converts between the two layouts.
 */
public final class ModelCheckpoint {
    private ModelCheckpoint() {
    }

    public static String weightName(int layer) {
        return "layers." + layer + ".weight";
    }

    public static String biasName(int layer) {
        return "layers." + layer + ".bias";
    }

    public static void save(Path file, Mlp mlp, double[] theta, DType dtype, Map<String, String> metadata) throws IOException {
        Map<String, Safetensors.Tensor> tensors = new LinkedHashMap<>();
        for (int l = 0; l < mlp.layers(); l++) {
            if (mlp.layer(l).parameterCount() == 0) {
                continue; // pooling: nothing to save, as nn.MaxPool2d and nn.AvgPool2d have no state_dict entries
            }
            if (mlp.layer(l) instanceof Conv2d conv) {
                tensors.put(weightName(l), new Safetensors.Tensor(dtype, convWeightShape(conv), convWeight(theta, mlp, l)));
                tensors.put(biasName(l), new Safetensors.Tensor(dtype, new int[] {conv.filters()}, bias(theta, mlp, l)));
                continue;
            }
            int out = mlp.width(l + 1), in = mlp.width(l);
            int off = (int) mlp.weightOffset(l);
            double[] w = new double[out * in];
            for (int j = 0; j < out; j++) {
                for (int k = 0; k < in; k++) {
                    w[j * in + k] = theta[off + j + out * k];
                }
            }
            double[] b = new double[out];
            System.arraycopy(theta, (int) mlp.biasOffset(l), b, 0, out);
            tensors.put(weightName(l), new Safetensors.Tensor(dtype, new int[] {out, in}, w));
            tensors.put(biasName(l), new Safetensors.Tensor(dtype, new int[] {out}, b));
        }
        Safetensors.write(file, tensors, metadata);
    }

    /** The flat θ of {@code mlp} from a safetensors file, checking every name and shape. */
    public static double[] load(Path file, Mlp mlp) {
        Safetensors.Contents c = Safetensors.read(file);
        double[] theta = new double[Math.toIntExact(mlp.parameterCount())];
        for (int l = 0; l < mlp.layers(); l++) {
            if (mlp.layer(l).parameterCount() == 0) {
                continue; // pooling: nothing to save, as nn.MaxPool2d and nn.AvgPool2d have no state_dict entries
            }
            if (mlp.layer(l) instanceof Conv2d conv) {
                // nn.Conv2d's weight [out, in, kh, kw] row-major is gn4j's Q × C_out column-major: the same order.
                Safetensors.Tensor w = require(c, file, weightName(l), convWeightShape(conv), mlp);
                Safetensors.Tensor b = require(c, file, biasName(l), new int[] {conv.filters()}, mlp);
                System.arraycopy(w.data(), 0, theta, (int) mlp.weightOffset(l), w.data().length);
                System.arraycopy(b.data(), 0, theta, (int) mlp.biasOffset(l), conv.filters());
                continue;
            }
            int out = mlp.width(l + 1), in = mlp.width(l);
            Safetensors.Tensor w = require(c, file, weightName(l), new int[] {out, in}, mlp);
            Safetensors.Tensor b = require(c, file, biasName(l), new int[] {out}, mlp);
            int off = (int) mlp.weightOffset(l);
            for (int j = 0; j < out; j++) {
                for (int k = 0; k < in; k++) {
                    theta[off + j + out * k] = w.data()[j * in + k];
                }
            }
            System.arraycopy(b.data(), 0, theta, (int) mlp.biasOffset(l), out);
        }
        int expected = 0;
        for (int l = 0; l < mlp.layers(); l++) {
            expected += mlp.layer(l).parameterCount() == 0 ? 0 : 2;
        }
        if (c.tensors().size() != expected) {
            var extra = new java.util.TreeSet<>(c.tensors().keySet());
            for (int l = 0; l < mlp.layers(); l++) {
                extra.remove(weightName(l));
                extra.remove(biasName(l));
            }
            throw new DataException("checkpoint '" + file + "' has tensors the model " + mlp + " does not: " + extra);
        }
        for (double v : theta) {
            if (!Double.isFinite(v)) {
                throw new DataException("checkpoint '" + file + "' holds NaN or Inf weights");
            }
        }
        return theta;
    }

    /** PyTorch's nn.Conv2d weight shape: [out, in, kh, kw]. */
    private static int[] convWeightShape(Conv2d c) {
        return new int[] {c.filters(), c.shape().channels(), c.shape().kernel(), c.shape().kernel()};
    }

    private static double[] convWeight(double[] theta, Mlp mlp, int layer) {
        int off = (int) mlp.weightOffset(layer);
        return java.util.Arrays.copyOfRange(theta, off, off + (int) mlp.weightCount(layer));
    }

    private static double[] bias(double[] theta, Mlp mlp, int layer) {
        int off = (int) mlp.biasOffset(layer);
        return java.util.Arrays.copyOfRange(theta, off, off + mlp.biasCount(layer));
    }

    private static Safetensors.Tensor require(Safetensors.Contents c, Path file, String name, int[] shape, Mlp mlp) {
        Safetensors.Tensor t = c.tensors().get(name);
        if (t == null) {
            throw new DataException("checkpoint '" + file + "' has no tensor '" + name + "' (model " + mlp + "); it holds "
                    + c.tensors().keySet());
        }
        if (!java.util.Arrays.equals(t.shape(), shape)) {
            throw new DataException("checkpoint '" + file + "' tensor '" + name + "' has shape "
                    + java.util.Arrays.toString(t.shape()) + " but the model " + mlp + " needs " + java.util.Arrays.toString(shape));
        }
        return t;
    }
}
