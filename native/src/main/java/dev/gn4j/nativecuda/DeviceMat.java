package dev.gn4j.nativecuda;

import dev.gn4j.engine.backend.Mat;

/** A matrix in device memory, as the launchers pass it to a kernel: its shape, dtype and the address of element (0, 0). */
interface DeviceMat extends Mat {
    DevicePointer address();

    default long bytes() {
        return size() * dtype().bytes();
    }
}
