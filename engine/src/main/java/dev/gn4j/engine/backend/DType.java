package dev.gn4j.engine.backend;

/** Element type of device-resident matrices. */
public enum DType {
    F32(4, "F32"),
    F64(8, "F64");

    private final int bytes;
    private final String safetensorsName;

    DType(int bytes, String safetensorsName) {
        this.bytes = bytes;
        this.safetensorsName = safetensorsName;
    }

    public int bytes() {
        return bytes;
    }

    /** The dtype tag safetensors uses for this type. */
    public String safetensorsName() {
        return safetensorsName;
    }

    /** Parses the command-line spelling {@code f32|f64}. */
    public static DType parse(String s) {
        return switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "f32", "float32", "float" -> F32;
            case "f64", "float64", "double" -> F64;
            default -> throw new IllegalArgumentException("unknown dtype '" + s + "' (expected f32 or f64)");
        };
    }

    public static DType wider(DType a, DType b) {
        return a == F64 || b == F64 ? F64 : F32;
    }
}
