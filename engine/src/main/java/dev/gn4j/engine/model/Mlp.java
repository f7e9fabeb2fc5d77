package dev.gn4j.engine.model;

import dev.gn4j.engine.backend.Activation;
import dev.gn4j.engine.backend.ConvShape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A stack of layers: layer i (0-based, checkpoint name {@code layers.i}, a {@link Dense}, a
 * {@link Conv2d}, or a pooling layer, {@link MaxPool2d} or {@link AvgPool2d}) maps d_i inputs
 * to d_{i+1} outputs, then its activation (identity on the last layer; softmax belongs to the loss). Parameters are one flat vector: layer by layer,
 * the weight (dense: [d_{i+1} × d_i] column-major), then the bias.
 */
public final class Mlp {
    private final int[] sizes;
    private final Activation[] activations;
    private final long[] offsets;
    private final java.util.List<Layer> layers;
    /** The image the input features are, or null for plain features. */
    private final InputShape inputShape;

    /** A dense stack of these widths (d_0 the input, the last the output). */
    public Mlp(int[] sizes, Activation[] activations) {
        this(denseStack(sizes, activations), activations, null);
    }

    private static List<Layer> denseStack(int[] sizes, Activation[] activations) {
        if (sizes.length < 2 || activations.length != sizes.length - 1) {
            throw new IllegalArgumentException("an MLP needs at least input and output sizes and one activation per layer");
        }
        for (int s : sizes) {
            if (s <= 0) {
                throw new IllegalArgumentException("layer widths must be positive, got " + Arrays.toString(sizes));
            }
        }
        List<Layer> stack = new ArrayList<>();
        long offset = 0;
        for (int i = 0; i + 1 < sizes.length; i++) {
            Dense d = new Dense(sizes[i], sizes[i + 1], offset);
            stack.add(d);
            offset += d.parameterCount();
        }
        return stack;
    }

    /**
     * A stack of any layers (convolutions among them): layer i's outputs are layer i+1's
     * inputs, and their parameters follow each other in θ from 0.
     */
    public Mlp(List<Layer> stack, Activation[] activations) {
        this(stack, activations, null);
    }

    /** A stack over inputs that are an image of {@code inputShape} (null for plain features). */
    public Mlp(List<Layer> stack, Activation[] activations, InputShape inputShape) {
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
        if (inputShape != null && inputShape.features() != sizes[0]) {
            throw new IllegalArgumentException("an input of " + inputShape + " has " + inputShape.features() + " features, not "
                    + sizes[0]);
        }
        this.inputShape = inputShape;
    }

    /** Parses a stack of dense layers over plain features (see {@link #parse(String, InputShape, int, int)}). */
    public static Mlp parse(String hiddenSpec, int inputs, int outputs) {
        return parse(hiddenSpec, null, inputs, outputs);
    }

    /**
     * Parses the hidden stack, e.g. {@code 64-tanh-64-relu} or
     * {@code conv32k3-relu-conv32k3s2-relu-64-relu}: layers, each optionally followed by its
     * activation (tanh when omitted). A layer is a width (dense), {@code convFkK[sS][pP|same]}: F
     * filters of K×K, stride S (1), zero padding P (0), over the image below it, which is
     * {@code inputShape} for the first layer and then each convolution's or pooling's output;
     * {@code same} (for P) pads by (K − 1)/2 so the output keeps the input's height and width,
     * and takes an odd K and stride 1 only (PyTorch's {@code padding='same'} rule, without its
     * uneven padding for an even K); or {@code maxpoolK[sS]} / {@code avgpoolK[sS]}: the maximum
     * or the mean of each K×K window, stride S (K), no padding, followed by no activation
     * unless one is written. A dense layer takes the image's features as they lie (flattened,
     * NCHW). Tokens are read case-insensitively. An empty spec or {@code linear} gives a linear
     * model.
     */
    public static Mlp parse(String hiddenSpec, InputShape inputShape, int inputs, int outputs) {
        String spec = hiddenSpec == null ? "" : hiddenSpec.trim();
        if (spec.isEmpty()) {
            throw new IllegalArgumentException("the model spec is empty; give hidden layers such as 64-tanh-64-relu, "
                    + "or 'linear' for a model without hidden layers");
        }
        if (spec.matches("-\\d.*")) {
            throw new IllegalArgumentException("model spec '" + hiddenSpec + "': layer widths are positive whole numbers, got "
                    + spec.split("(?<=\\d)-")[0]);
        }
        if (inputShape != null && inputShape.features() != inputs) {
            throw new IllegalArgumentException("the input shape " + inputShape + " has " + inputShape.features()
                    + " features, but the data has " + inputs);
        }
        List<Layer> stack = new ArrayList<>();
        List<Activation> acts = new ArrayList<>();
        int width = inputs;
        InputShape image = inputShape;
        long offset = 0;
        if (!spec.equalsIgnoreCase("linear")) {
            String[] tokens = spec.split("-", -1);
            for (String tok : tokens) {
                if (tok.isBlank()) {
                    throw new IllegalArgumentException("model spec '" + hiddenSpec + "': an empty part between dashes "
                            + "(e.g. 64-tanh-64-relu)");
                }
            }
            for (int t = 0; t < tokens.length; t++) {
                String tok = tokens[t].trim().toLowerCase(java.util.Locale.ROOT);
                String where = "model spec '" + hiddenSpec + "', layer " + (stack.size() + 1) + " (" + tok + ")";
                Layer layer;
                java.util.regex.Matcher conv = CONV_TOKEN.matcher(tok);
                if (conv.matches()) {
                    layer = convolution(conv, image, width, offset, where, stack.size());
                    Conv2d c = (Conv2d) layer;
                    image = new InputShape(c.filters(), c.shape().outHeight(), c.shape().outWidth());
                } else if (tok.startsWith("conv")) {
                    throw new IllegalArgumentException(where + ": a convolution is convFkK[sS][pP|same] (F filters of K×K, "
                            + "stride S, zero padding P or same), e.g. conv32k3, conv32k3s2p1 or conv32k3same");
                } else if (tok.matches("(max|avg|average)pool.*")) {
                    java.util.regex.Matcher pool = POOL_TOKEN.matcher(tok);
                    if (!pool.matches()) {
                        throw new IllegalArgumentException(where + ": a pooling layer is maxpoolK[sS] or avgpoolK[sS] (K×K "
                                + "windows, stride S, K unless given), e.g. maxpool2 or avgpool2");
                    }
                    layer = pooling(pool, image, where, stack.size(), width, offset);
                    ConvShape window = poolWindow(layer);
                    image = new InputShape(window.channels(), window.outHeight(), window.outWidth());
                } else {
                    int w;
                    try {
                        w = Integer.parseInt(tok);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("model spec '" + hiddenSpec + "': expected a layer width or a "
                                + "convolution at '" + tok + "' (e.g. 64-tanh-64-relu or conv32k3-relu-64-relu)");
                    }
                    if (w <= 0) {
                        throw new IllegalArgumentException("model spec '" + hiddenSpec + "': layer width must be positive, got " + w);
                    }
                    layer = new Dense(width, w, offset);
                    image = null;
                }
                // A pooling layer is followed by no activation unless one is written, as nn.MaxPool2d and nn.AvgPool2d are
                // modules of their own (max commutes with relu anyway).
                Activation act = poolWindow(layer) != null ? Activation.IDENTITY : Activation.TANH;
                if (t + 1 < tokens.length && !isLayer(tokens[t + 1].trim())) {
                    act = Activation.parse(tokens[++t].trim());
                }
                stack.add(layer);
                acts.add(act);
                width = layer.outputs();
                offset += layer.parameterCount();
            }
        }
        stack.add(new Dense(width, outputs, offset));
        acts.add(Activation.IDENTITY);
        // The shape matters to convolutions only: a dense stack over an image dataset stays a plain one.
        boolean convolutional = stack.stream().anyMatch(l -> !(l instanceof Dense));
        return new Mlp(stack, acts.toArray(Activation[]::new), convolutional ? inputShape : null);
    }

    /** convFkK[sS][pP|same]: groups filters, kernel, stride, padding, and "same" (instead of a padding). */
    private static final java.util.regex.Pattern CONV_TOKEN =
            java.util.regex.Pattern.compile("conv(\\d+)k(\\d+)(?:s(\\d+))?(?:p(\\d+)|(same))?");

    /** maxpoolK[sS] or avgpoolK[sS]: groups kind, window, stride. */
    private static final java.util.regex.Pattern POOL_TOKEN = java.util.regex.Pattern.compile("(max|avg)pool(\\d+)(?:s(\\d+))?");

    /** A pooling layer's window, or null for a layer with parameters. */
    private static ConvShape poolWindow(Layer l) {
        return l instanceof Pool2d p ? p.window() : null;
    }

    private static Layer pooling(java.util.regex.Matcher m, InputShape image, String where, int below, int width, long offset) {
        if (image == null) {
            throw new IllegalArgumentException(below == 0
                    ? where + ": pooling needs the input's image shape; give --input-shape C×H×W for CSV or NPY data"
                    : where + ": pooling needs an image below it, but layer " + below + " is dense (" + width + " features)");
        }
        int k = Integer.parseInt(m.group(2));
        int stride = m.group(3) == null ? k : Integer.parseInt(m.group(3));
        try {
            ConvShape window = new ConvShape(image.channels(), image.height(), image.width(), k, stride, 0);
            return m.group(1).equals("max") ? new MaxPool2d(window, offset) : new AvgPool2d(window, offset);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + " does not fit its " + image + " input: " + e.getMessage(), e);
        }
    }

    private static Conv2d convolution(java.util.regex.Matcher m, InputShape image, int width, long offset, String where,
                                      int below) {
        if (image == null) {
            throw new IllegalArgumentException(below == 0
                    ? where + ": a convolution needs the input's image shape; image datasets (digits, mnist, fashion-mnist, "
                    + "IDX files) bring theirs, and for CSV or NPY data give --input-shape C×H×W"
                    : where + ": a convolution needs an image below it, but layer " + below + " is dense (" + width + " features)");
        }
        int filters = Integer.parseInt(m.group(1)), kernel = Integer.parseInt(m.group(2));
        int stride = m.group(3) == null ? 1 : Integer.parseInt(m.group(3));
        int padding = m.group(4) == null ? 0 : Integer.parseInt(m.group(4));
        if (filters < 1) {
            throw new IllegalArgumentException(where + ": a convolution needs at least one filter");
        }
        if (m.group(5) != null) { // same: PyTorch's padding='same', for the cases it pads evenly
            if (kernel % 2 == 0) {
                throw new IllegalArgumentException(where + ": 'same' padding needs an odd kernel, as (K − 1)/2 on each side "
                        + "keeps the size only then; give the padding as a number instead (e.g. p" + kernel / 2 + ")");
            }
            if (stride != 1) {
                throw new IllegalArgumentException(where + ": 'same' padding needs stride 1 (PyTorch's rule: a strided "
                        + "convolution cannot keep the size); give the padding as a number instead (e.g. p" + (kernel - 1) / 2 + ")");
            }
            padding = (kernel - 1) / 2;
        }
        try {
            return new Conv2d(new ConvShape(image.channels(), image.height(), image.width(), kernel, stride, padding), filters,
                    offset);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + " does not fit its " + image + " input: " + e.getMessage(), e);
        }
    }

    private static boolean isLayer(String s) {
        String t = s.toLowerCase(java.util.Locale.ROOT);
        return isInteger(t) || t.startsWith("conv") || t.matches("(max|avg|average)pool.*");
    }

    private static boolean isInteger(String s) {
        return !s.isEmpty() && s.chars().allMatch(Character::isDigit);
    }

    /** The hidden stack in the syntax {@link #parse} reads ('same' padding spelled as its number, p(K − 1)/2). */
    public String hiddenSpec() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i + 1 < layers(); i++) {
            if (sb.length() > 0) {
                sb.append('-');
            }
            ConvShape window = poolWindow(layers.get(i));
            if (window != null) {
                sb.append(((Pool2d) layers.get(i)).kind()).append(window.kernel());
                if (window.stride() != window.kernel()) {
                    sb.append('s').append(window.stride());
                }
            } else if (layers.get(i) instanceof Conv2d c) {
                sb.append("conv").append(c.filters()).append('k').append(c.shape().kernel());
                if (c.shape().stride() != 1) {
                    sb.append('s').append(c.shape().stride());
                }
                if (c.shape().padding() != 0) {
                    sb.append('p').append(c.shape().padding());
                }
            } else {
                sb.append(sizes[i + 1]);
            }
            if (!(window != null && activations[i] == Activation.IDENTITY)) {
                sb.append('-').append(activations[i].spelling());
            }
        }
        return sb.length() == 0 ? "linear" : sb.toString();
    }

    /** The image the input features are, or null for plain features. */
    public InputShape inputShape() {
        return inputShape;
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
        if (poolWindow(l) != null) {
            return 0;
        }
        return l instanceof Conv2d c ? (long) c.shape().patchSize() * c.filters() : (long) l.outputs() * l.inputs();
    }

    /** Layer i's biases: one an output unit of a dense layer, one a filter of a convolution. */
    public int biasCount(int layer) {
        Layer l = layers.get(layer);
        return poolWindow(l) != null ? 0 : l instanceof Conv2d c ? c.filters() : sizes[layer + 1];
    }

    public int[] sizes() {
        return sizes.clone();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(inputShape == null ? Integer.toString(sizes[0]) : inputShape.toString());
        for (int i = 0; i < layers(); i++) {
            sb.append(" → ");
            ConvShape window = poolWindow(layers.get(i));
            if (window != null) {
                sb.append(((Pool2d) layers.get(i)).kind()).append(window.kernel())
                        .append(window.stride() == window.kernel() ? "" : "/" + window.stride()).append(' ')
                        .append(window.channels()).append('x').append(window.outHeight()).append('x').append(window.outWidth());
            } else if (layers.get(i) instanceof Conv2d c) {
                sb.append("conv").append(c.shape().kernel()).append('×').append(c.shape().kernel())
                        .append(c.shape().stride() == 1 ? "" : "/" + c.shape().stride()).append(' ')
                        .append(c.filters()).append('x').append(c.shape().outHeight()).append('x').append(c.shape().outWidth());
            } else {
                sb.append(sizes[i + 1]);
            }
            if (activations[i] != Activation.IDENTITY) {
                sb.append(' ').append(activations[i].spelling());
            }
        }
        return sb.toString();
    }
}
