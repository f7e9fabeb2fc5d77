package dev.gn4j.engine.backend;

/**
 * Matrices in the backend's memory and the transfers across to the host. The conversions
 * between dtypes and the fill are {@code kernels/elementwise.cu} on the GPU
 * ({@code ElementwiseLaunchers}); on the CPU, {@code VectorKernels}.
 *
 * <p>One kernel family of {@link Backend}; all matrices are column-major and live in the
 * backend's memory.
 */
public interface MemoryOps {

    /** A new zero-filled matrix. */
    Mat zeros(int rows, int cols, DType dtype);

    /** Copies host data (column-major, length rows·cols) into {@code dst}. */
    void upload(double[] src, Mat dst);

    /** Copies {@code src} to the host, column-major. */
    double[] download(Mat src);

    /** dst ← src, converting the element type if they differ. Shapes must hold as many elements. */
    void copy(Mat src, Mat dst);

    void fill(Mat m, double value);
}
