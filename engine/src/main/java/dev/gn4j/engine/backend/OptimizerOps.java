package dev.gn4j.engine.backend;

/**
 * The fused updates of the first-order baselines. On the GPU, {@code kernels/optim.cu}
 * ({@code OptimLaunchers}).
 *
 * <p>One kernel family of {@link Backend}; all matrices are column-major and live in the
 * backend's memory.
 */
public interface OptimizerOps {

    /** PyTorch Adam (L2 weight decay on the gradient), t counted from 1. */
    void adamUpdate(Mat param, Mat grad, Mat m, Mat v, double lr, double beta1, double beta2, double eps,
                    double weightDecay, long t);
}
