package dev.gn4j.nativecuda;

import dev.gn4j.engine.backend.Mat;

/** The shape and dtype contracts of the device operations, written once for the CUDA backend and its launchers. */
final class Shapes {
    private Shapes() {
    }

    static void requireSame(String op, Mat... ms) {
        for (Mat m : ms) {
            if (m.dtype() != ms[0].dtype()) {
                throw new IllegalArgumentException(op + ": mixed dtypes " + ms[0].dtype() + " and " + m.dtype());
            }
        }
    }

    static void requireSize(Mat m, long n, String op) {
        if (m.size() != n) {
            throw new IllegalArgumentException(op + ": expected " + n + " elements, got " + m.rows() + "x" + m.cols());
        }
    }

    static void requireSquare(Mat m, String op) {
        if (m.rows() != m.cols()) {
            throw new IllegalArgumentException(op + ": needs a square matrix, got " + m.rows() + "x" + m.cols());
        }
    }
}
