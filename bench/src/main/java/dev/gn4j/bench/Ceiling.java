package dev.gn4j.bench;

/**
 * What one device reaches in one dtype through the {@code Backend} interface: a
 * large square GEMM (compute ceiling) and a large copy (memory ceiling; bytes read
 * plus bytes written), the best of several repetitions.
 */
public record Ceiling(String dtype, int gemmSize, double gemmGflops, long copyElements, double copyGbs) {
}
