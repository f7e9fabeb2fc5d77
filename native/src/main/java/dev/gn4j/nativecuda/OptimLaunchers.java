package dev.gn4j.nativecuda;

import static dev.gn4j.nativecuda.ElementwiseLaunchers.launch;
import static dev.gn4j.engine.backend.Shapes.requireSame;
import static dev.gn4j.engine.backend.Shapes.requireSize;

/** Launchers of kernels/optim.cu. */
final class OptimLaunchers {
    private OptimLaunchers() {
    }

    static void adamUpdate(KernelStream s, DeviceMat param, DeviceMat grad, DeviceMat m, DeviceMat v, double lr, double beta1,
                           double beta2, double eps, double weightDecay, long t) {
        long n = param.size();
        requireSize(grad, n, "adamUpdate");
        requireSize(m, n, "adamUpdate");
        requireSize(v, n, "adamUpdate");
        requireSame("adamUpdate", param, grad, m, v);
        if (n == 0) {
            return;
        }
        double bc1 = 1 - Math.pow(beta1, t);
        double bc2 = 1 - Math.pow(beta2, t);
        launch(s, Kernel.ADAM_UPDATE.entry(param.dtype()), n, new KernelArgs().i64(n).ptr(param).ptr(grad).ptr(m).ptr(v)
                .f64(lr).f64(beta1).f64(beta2).f64(eps).f64(weightDecay).f64(bc1).f64(bc2));
    }
}
