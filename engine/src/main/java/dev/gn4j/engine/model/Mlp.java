package dev.gn4j.engine.model;

import dev.gn4j.engine.backend.Activation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A stack of layers: layer i (0-based, checkpoint name {@code layers.i}, a {@link Dense} or a
 * {@link Conv2d}) maps d_i inputs to d_{i+1} outputs, then its activation (identity on the
 * last layer; softmax belongs to the loss). Parameters are one flat vector: layer by layer,
 * the weight (dense: [d_{i+1} × d_i] column-major), then the bias.
 */
public final class Mlp {
    private final int[] sizes;
    private final Activation[] activations;
    private final long[] offsets;
    private final java.util.List<Layer> layers;

    public Mlp(int[] sizes, Activation[] activations) {
        if (sizes.length < 2 || activations.length != sizes.length - 1) {
            throw new IllegalArgumentException("an MLP needs at least input and output sizes and one activation per layer");
        }
        for (int s : sizes) {
            if (s <= 0) {
                throw new IllegalArgumentException("layer widths must be positive, got " + Arrays.toString(sizes));
            }
        }
        this.sizes = sizes.clone();
        this.activations = activations.clone();
        this.offsets = new long[sizes.length];
        long off = 0;
        for (int i = 0; i < layers(); i++) {
            offsets[i] = off;
            off += (long) sizes[i + 1] * sizes[i] + sizes[i + 1];
        }
        offsets[layers()] = off;
        java.util.List<Layer> stack = new ArrayList<>();
        for (int i = 0; i < layers(); i++) {
            stack.add(new Dense(sizes[i], sizes[i + 1], offsets[i]));
        }
        this.layers = java.util.List.copyOf(stack);
    }

    /**
     * A stack of any layers (convolutions among them): layer i's outputs are layer i+1's
     * inputs, and their parameters follow each other in θ from 0.
     */
    public Mlp(List<Layer> stack, Activation[] activations) {
        if (stack.isEmpty() || activations.length != stack.size()) {
            throw new IllegalArgumentException("a network needs at least one layer and one activation per layer");
        }
        this.activations = activations.clone();
        this.sizes = new int[stack.size() + 1];
        this.offsets = new long[stack.size() + 1];
        sizes[0] = stack.get(0).inputs();
        long off = 0;
        for (int i = 0; i < stack.size(); i++) {
            Layer l = stack.get(i);
            if (l.inputs() != sizes[i]) {
                throw new IllegalArgumentException("layer " + (i + 1) + " (" + l + ") takes " + l.inputs() + " inputs, but the layer "
                        + "below gives " + sizes[i]);
            }
            if (l.offset() != off) {
                throw new IllegalArgumentException("layer " + (i + 1) + "'s parameters start at " + l.offset() + ", not at " + off);
            }
            sizes[i + 1] = l.outputs();
            offsets[i] = off;
            off += l.parameterCount();
        }
        offsets[stack.size()] = off;
        this.layers = List.copyOf(stack);
    }

    /**
     * Parses the hidden stack, e.g. {@code 64-tanh-64-relu}: widths, each optionally
     * followed by its activation (tanh when omitted). An empty spec or {@code linear}
     * gives a linear model.
     */
    public static Mlp parse(String hiddenSpec, int inputs, int outputs) {
        List<Integer> widths = new ArrayList<>();
        List<Activation> acts = new ArrayList<>();
        widths.add(inputs);
        String spec = hiddenSpec == null ? "" : hiddenSpec.trim();
        if (spec.isEmpty()) {
            throw new IllegalArgumentException("the model spec is empty; give hidden layers such as 64-tanh-64-relu, "
                    + "or 'linear' for a model without hidden layers");
        }
        if (spec.matches("-\\d.*")) {
            throw new IllegalArgumentException("model spec '" + hiddenSpec + "': layer widths are positive whole numbers, got "
                    + spec.split("(?<=\\d)-")[0]);
        }
        if (!spec.equalsIgnoreCase("linear")) {
            String[] tokens = spec.split("-", -1);
            for (String tok : tokens) {
                if (tok.isBlank()) {
                    throw new IllegalArgumentException("model spec '" + hiddenSpec + "': an empty part between dashes "
                            + "(e.g. 64-tanh-64-relu)");
                }
            }
            for (int t = 0; t < tokens.length; t++) {
                String tok = tokens[t].trim();
                int width;
                try {
                    width = Integer.parseInt(tok);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("model spec '" + hiddenSpec + "': expected a layer width at '" + tok
                            + "' (e.g. 64-tanh-64-relu)");
                }
                if (width <= 0) {
                    throw new IllegalArgumentException("model spec '" + hiddenSpec + "': layer width must be positive, got " + width);
                }
                Activation act = Activation.TANH;
                if (t + 1 < tokens.length && !isInteger(tokens[t + 1].trim())) {
                    act = Activation.parse(tokens[++t].trim());
                }
                widths.add(width);
                acts.add(act);
            }
        }
        widths.add(outputs);
        acts.add(Activation.IDENTITY);
        return new Mlp(widths.stream().mapToInt(Integer::intValue).toArray(), acts.toArray(Activation[]::new));
    }

    private static boolean isInteger(String s) {
        return !s.isEmpty() && s.chars().allMatch(Character::isDigit);
    }

    /** The hidden stack in the syntax {@link #parse} reads. */
    public String hiddenSpec() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i + 1 < layers(); i++) {
            if (sb.length() > 0) {
                sb.append('-');
            }
            sb.append(sizes[i + 1]).append('-').append(activations[i].spelling());
        }
        return sb.length() == 0 ? "linear" : sb.toString();
    }

    public int layers() {
        return activations.length;
    }

    /** Layer i: what maps d_i inputs to d_{i+1} pre-activations. */
    public Layer layer(int i) {
        return layers.get(i);
    }

    public int inputs() {
        return sizes[0];
    }

    public int outputs() {
        return sizes[sizes.length - 1];
    }

    /** Width d_i: d_0 is the input, d_L the output. */
    public int width(int i) {
        return sizes[i];
    }

    public int maxWidth() {
        return Arrays.stream(sizes).max().orElseThrow();
    }

    public Activation activation(int layer) {
        return activations[layer];
    }

    public long parameterCount() {
        return offsets[layers()];
    }

    public long weightOffset(int layer) {
        return offsets[layer];
    }

    public long biasOffset(int layer) {
        return offsets[layer] + weightCount(layer);
    }

    /** Layer i's weights, the parameters before its bias. */
    public long weightCount(int layer) {
        Layer l = layers.get(layer);
        return l instanceof Conv2d c ? (long) c.shape().patchSize() * c.filters() : (long) l.outputs() * l.inputs();
    }

    /** Layer i's biases: one an output unit of a dense layer, one a filter of a convolution. */
    public int biasCount(int layer) {
        return layers.get(layer) instanceof Conv2d c ? c.filters() : sizes[layer + 1];
    }

    public int[] sizes() {
        return sizes.clone();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(Integer.toString(sizes[0]));
        for (int i = 0; i < layers(); i++) {
            sb.append(" → ").append(sizes[i + 1]);
            if (activations[i] != Activation.IDENTITY) {
                sb.append(' ').append(activations[i].spelling());
            }
        }
        return sb.toString();
    }
}
