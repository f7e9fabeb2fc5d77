package dev.gn4j.nativecuda;

import dev.gn4j.engine.backend.DType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every kernel the CUDA backend launches: its module, its {@code extern "C"} entry points
 * (one per element type, or per dtype pair where inputs and output may differ), and its
 * parameter signature. The signature is the ABI contract between a launcher and the .cu
 * file: each launch is checked against it (a mismatch fails loudly instead of corrupting
 * memory), and a test checks it against the {@code .param} list nvcc wrote into the PTX.
 *
 * <p>Signature letters: {@code p} device pointer, {@code l} long long, {@code i} int,
 * {@code f} float, {@code d} double, {@code T} a scalar of the entry's element type
 * (f for *_f32, d for *_f64).
 */
enum Kernel {
    ACTIVATION_FORWARD(KernelModule.ACTIVATIONS, "activation_forward", "lipp", typed()),
    ACTIVATION_BACKWARD(KernelModule.ACTIVATIONS, "activation_backward", "iiiipppp", typed()),

    MSE_RESIDUAL(KernelModule.LOSSES, "mse_residual", "lpppp", typed()),
    SOFTMAX_XENT(KernelModule.LOSSES, "softmax_xent", "iippppp", typed()),
    COUNT_CORRECT(KernelModule.LOSSES, "count_correct", "iippp", typed()),
    SOFTMAX_QFACTOR(KernelModule.LOSSES, "softmax_qfactor", "iipp", typed()),
    SAMPLE_CATEGORICAL(KernelModule.LOSSES, "sample_categorical", "iippp", typed()),

    GRAM_ACCUMULATE(KernelModule.GRAM, "gram_accumulate", "iiippp", List.of("_f32", "_f64", "_f32_f64", "_f64_f32")),
    SYMMETRIZE(KernelModule.GRAM, "symmetrize", "ip", typed()),
    IDENTITY_ROWS(KernelModule.GRAM, "identity_rows", "iip", typed()),
    CONTRACT_ROWS(KernelModule.GRAM, "contract_rows", "iiippp", typed()),
    ROW_DOT(KernelModule.GRAM, "row_dot", "iiippp", typed()),
    OUTER_ROWS(KernelModule.GRAM, "outer_rows", "iiiippp", typed()),

    FILL(KernelModule.ELEMENTWISE, "fill", "lpT", typed()),
    CONVERT(KernelModule.ELEMENTWISE, "convert", "lpp", List.of("_f32_f64", "_f64_f32")),
    ADD_BIAS(KernelModule.ELEMENTWISE, "add_bias", "iipp", typed()),
    COLUMN_SUMS(KernelModule.ELEMENTWISE, "column_sums", "iiddpp", typed()),
    ADD_DIAGONAL(KernelModule.ELEMENTWISE, "add_diagonal", "iipd", typed()),
    TRACE(KernelModule.ELEMENTWISE, "trace", "iipp", typed()),
    DOT(KernelModule.ELEMENTWISE, "dot", "lppp", List.of("_f32", "_f64", "_f32_f64")),
    SUM_PARTIALS(KernelModule.ELEMENTWISE, "sum_partials", "ipp", List.of("")),

    ADAM_UPDATE(KernelModule.OPTIM, "adam_update", "lppppddddddd", typed()),

    IM2COL(KernelModule.CONV, "im2col", "iiiiiiiiipp", typed()),
    COL2IM(KernelModule.CONV, "col2im", "iiiiiiiiipp", typed()),
    PATCHES_BY_SAMPLE(KernelModule.CONV, "patches_by_sample", "iiipp", typed()),
    MAX_POOL(KernelModule.CONV, "max_pool", "iiiiiiiiippp", typed()),
    MAX_POOL_BACKWARD(KernelModule.CONV, "max_pool_backward", "iiiiiiiiippp", typed()),
    AVG_POOL(KernelModule.CONV, "avg_pool", "iiiiiiiiipp", typed()),
    AVG_POOL_BACKWARD(KernelModule.CONV, "avg_pool_backward", "iiiiiiiipp", typed());

    private static final Map<String, Kernel> BY_ENTRY = new HashMap<>();

    static {
        for (Kernel k : values()) {
            for (String e : k.entries()) {
                BY_ENTRY.put(e, k);
            }
        }
    }

    private final KernelModule module;
    private final String base;
    private final String signature;
    private final List<String> suffixes;

    Kernel(KernelModule module, String base, String signature, List<String> suffixes) {
        this.module = module;
        this.base = base;
        this.signature = signature;
        this.suffixes = suffixes;
    }

    private static List<String> typed() {
        return List.of("_f32", "_f64");
    }

    KernelModule module() {
        return module;
    }

    /** Every entry-point name of this kernel in its PTX module. */
    List<String> entries() {
        return suffixes.stream().map(s -> base + s).toList();
    }

    /** The entry for one element type, e.g. activation_forward_f32. */
    String entry(DType t) {
        return checked(base + suffix(t));
    }

    /** The entry for an input and an output type: the typed one when they agree, else e.g. gram_accumulate_f32_f64. */
    String entry(DType in, DType out) {
        return checked(in == out ? base + suffix(in) : base + suffix(in) + suffix(out));
    }

    /** The entry of an untyped kernel (sum_partials). */
    String entry() {
        return checked(base);
    }

    /** The signature of one entry, with T resolved to its element type. */
    String signature(String entry) {
        return signature.replace('T', entry.endsWith("_f64") ? 'd' : 'f');
    }

    /**
     * Throws unless {@code entry} is an entry point and {@code args} match its signature: the
     * launch-side half of the ABI check, made by every stream before it launches.
     */
    static void requireSignature(String entry, KernelArgs args) {
        Kernel k = BY_ENTRY.get(entry);
        if (k == null) {
            throw new IllegalStateException("no CUDA kernel " + entry);
        }
        String expected = k.signature(entry);
        if (!expected.equals(args.signature())) {
            throw new IllegalStateException("kernel " + entry + " expects parameters (" + expected + ") but the launcher passed ("
                    + args.signature() + ")");
        }
    }

    private String checked(String entry) {
        if (!entries().contains(entry)) {
            throw new UnsupportedOperationException("no CUDA kernel " + entry + " (" + base + " has " + entries() + ")");
        }
        return entry;
    }

    static String suffix(DType t) {
        return t == DType.F64 ? "_f64" : "_f32";
    }
}
