package dev.gn4j.nativecuda;

import dev.gn4j.engine.backend.Shapes;
import static dev.gn4j.nativecuda.ElementwiseLaunchers.launch;
import static dev.gn4j.engine.backend.Shapes.requireSame;
import static dev.gn4j.engine.backend.Shapes.requireSize;

import dev.gn4j.engine.backend.Activation;

/** Launchers of kernels/activations.cu. */
final class ActivationLaunchers {
    private ActivationLaunchers() {
    }

    static void forward(KernelStream s, Activation f, DeviceMat z, DeviceMat a) {
        requireSame("activation", z, a);
        requireSize(a, z.size(), "activation");
        long n = z.size();
        if (n > 0) {
            launch(s, Kernel.ACTIVATION_FORWARD.entry(z.dtype()), n, new KernelArgs().i64(n).i32(f.ordinal()).ptr(z).ptr(a));
        }
    }

    static void backward(KernelStream s, Activation f, DeviceMat z, DeviceMat a, DeviceMat g, int rps, DeviceMat out) {
        int b = z.rows(), d = z.cols();
        int m = g.rows();
        Shapes.activationGrad(z, g, rps, out);
        requireSize(a, z.size(), "activationGrad");
        requireSame("activationGrad", z, a, g, out);
        long work = (long) m * d;
        if (work > 0) {
            launch(s, Kernel.ACTIVATION_BACKWARD.entry(z.dtype()), work, new KernelArgs().i32(b).i32(d).i32(rps).i32(f.ordinal())
                    .ptr(z).ptr(a).ptr(g).ptr(out));
        }
    }
}
