package dev.gn4j.engine.backend.cpu;

import dev.gn4j.engine.backend.DType;
import dev.gn4j.engine.backend.Mat;

/** A column-major window onto CPU storage. */
final class CpuMat implements Mat {
    final CpuStorage store;
    final int offset;
    private final int rows;
    private final int cols;

    CpuMat(CpuStorage store, int offset, int rows, int cols) {
        this.store = store;
        this.offset = offset;
        this.rows = rows;
        this.cols = cols;
    }

    @Override
    public int rows() {
        return rows;
    }

    @Override
    public int cols() {
        return cols;
    }

    @Override
    public DType dtype() {
        return store.dtype();
    }

    @Override
    public Mat view(long off, int r, int c) {
        Mat.requireWithin(this, off, r, c);
        return new CpuMat(store, Math.toIntExact(offset + off), r, c);
    }

    double get(int i) {
        return store.get(offset + i);
    }

    double get(int r, int c) {
        return store.get(offset + r + c * rows);
    }

    void set(int i, double v) {
        store.set(offset + i, v);
    }

    void set(int r, int c, double v) {
        store.set(offset + r + c * rows, v);
    }

    @Override
    public String toString() {
        return "CpuMat[" + rows + "x" + cols + " " + dtype() + "]";
    }
}
