package dev.gn4j.nativecuda;

import dev.gn4j.engine.backend.DType;
import dev.gn4j.engine.backend.Mat;
import jcuda.driver.CUdeviceptr;

/**
 * A column-major window onto a device allocation: a view is the parent's pointer plus an
 * element offset (no copy), with leading dimension = rows like every gn4j matrix.
 */
final class CudaMat implements DeviceMat {
    private final DeviceBuffer buffer;
    private final long offset;
    private final int rows;
    private final int cols;
    private final CUdeviceptr pointer;
    private final CudaPointer address;

    CudaMat(DeviceBuffer buffer, long offset, int rows, int cols) {
        this.buffer = buffer;
        this.offset = offset;
        this.rows = rows;
        this.cols = cols;
        this.pointer = offset == 0 ? buffer.base() : buffer.base().withByteOffset(offset * buffer.dtype().bytes());
        this.address = new CudaPointer(pointer);
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
        return buffer.dtype();
    }

    @Override
    public Mat view(long off, int r, int c) {
        Mat.requireWithin(this, off, r, c);
        return new CudaMat(buffer, offset + off, r, c);
    }

    /** The device address of element (0, 0). */
    CUdeviceptr pointer() {
        return pointer;
    }

    @Override
    public CudaPointer address() {
        return address;
    }

    DeviceBuffer buffer() {
        return buffer;
    }

    @Override
    public String toString() {
        return "CudaMat[" + rows + "x" + cols + " " + dtype() + "]";
    }
}
