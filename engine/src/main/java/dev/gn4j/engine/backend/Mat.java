package dev.gn4j.engine.backend;

/**
 * A column-major matrix living in a backend's memory (host memory for the CPU
 * backend, device memory for CUDA). The leading dimension is always {@link #rows()}:
 * views are contiguous ranges of the parent's storage, which is what lets a flat
 * parameter vector be seen as per-layer weight matrices without copies.
 */
public interface Mat {
    int rows();

    int cols();

    DType dtype();

    default long size() {
        return (long) rows() * cols();
    }

    /** A contiguous window of this matrix's storage, starting {@code offset} elements in. */
    Mat view(long offset, int rows, int cols);

    /** Throws unless [offset, offset + rows·cols) lies inside {@code parent}: every backend's view check. */
    static void requireWithin(Mat parent, long offset, int rows, int cols) {
        if (offset < 0 || rows < 0 || cols < 0 || offset + (long) rows * cols > parent.size()) {
            throw new IndexOutOfBoundsException("view [" + offset + ", +" + rows + "x" + cols + ") outside a "
                    + parent.rows() + "x" + parent.cols() + " matrix");
        }
    }

    /** The same storage read as a column vector. */
    default Mat asColumn() {
        return view(0, Math.toIntExact(size()), 1);
    }
}
