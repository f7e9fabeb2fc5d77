package dev.gn4j.engine;

import dev.gn4j.engine.backend.Mat;
import dev.gn4j.engine.model.Activations;
import dev.gn4j.engine.model.Loss;

/**
 * MATH.md in parameter space, densely: J (m × P) one column per unit JVP, Q per
 * sample, H and F as P × P matrices, solved by Gaussian elimination in plain Java.
 * Nothing here uses the batch-space machinery under test.
 */
public final class DenseReference {
    final Fixture fx;
    final int p;
    final int c;

    public DenseReference(Fixture fx) {
        this.fx = fx;
        this.p = (int) fx.mlp.parameterCount();
        this.c = fx.mlp.outputs();
    }

    /** Per-sample output Jacobians of a batch: jac[i][k][q] = ∂f_ik/∂θ_q. */
    public double[][][] jacobian(Activations ws) {
        int n = ws.batch();
        fx.net.forward(fx.theta, ws);
        double[][][] jac = new double[n][c][p];
        Mat e = Fixture.CPU.zeros(p, 1, fx.dtype);
        Mat out = Fixture.CPU.zeros(n, c, fx.dtype);
        double[] unit = new double[p];
        for (int q = 0; q < p; q++) {
            java.util.Arrays.fill(unit, 0);
            unit[q] = 1;
            Fixture.CPU.upload(unit, e);
            fx.net.jvp(fx.theta, ws, e, out);
            double[] col = Fixture.CPU.download(out);
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < c; k++) {
                    jac[i][k][q] = col[i + n * k];
                }
            }
        }
        return jac;
    }

    /** Outputs f (n × c) and residual g, row-major per sample. */
    public double[][] outputs(Activations ws) {
        fx.objective.value(fx.theta, ws);
        double[] f = Fixture.CPU.download(ws.output());
        int n = ws.batch();
        double[][] out = new double[n][c];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < c; k++) {
                out[i][k] = f[i + n * k];
            }
        }
        return out;
    }

    public double[][] residual(Activations ws) {
        fx.objective.value(fx.theta, ws);
        double[] g = Fixture.CPU.download(ws.residual());
        int n = ws.batch();
        double[][] out = new double[n][c];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < c; k++) {
                out[i][k] = g[i + n * k];
            }
        }
        return out;
    }

    /** Q_i for each sample: I for mse, diag(p) − p pᵀ for ce. */
    public double[][][] q(Activations ws) {
        double[][] f = outputs(ws);
        int n = ws.batch();
        double[][][] q = new double[n][c][c];
        for (int i = 0; i < n; i++) {
            if (fx.loss == Loss.MSE) {
                for (int k = 0; k < c; k++) {
                    q[i][k][k] = 1;
                }
            } else {
                double[] pr = softmax(f[i]);
                for (int k = 0; k < c; k++) {
                    for (int j = 0; j < c; j++) {
                        q[i][k][j] = (k == j ? pr[k] : 0) - pr[k] * pr[j];
                    }
                }
            }
        }
        return q;
    }

    static double[] softmax(double[] f) {
        double max = java.util.Arrays.stream(f).max().orElseThrow();
        double[] e = new double[f.length];
        double s = 0;
        for (int k = 0; k < f.length; k++) {
            e[k] = Math.exp(f[k] - max);
            s += e[k];
        }
        for (int k = 0; k < f.length; k++) {
            e[k] /= s;
        }
        return e;
    }

    /** ∇L = (1/n) Σ J_iᵀ g_i. */
    public double[] gradient(Activations ws) {
        double[][][] jac = jacobian(ws);
        double[][] g = residual(ws);
        int n = ws.batch();
        double[] grad = new double[p];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < c; k++) {
                for (int q = 0; q < p; q++) {
                    grad[q] += jac[i][k][q] * g[i][k] / n;
                }
            }
        }
        return grad;
    }

    /** H = (1/n) Σ J_iᵀ Q_i J_i. */
    public double[][] gaussNewton(Activations ws) {
        double[][][] jac = jacobian(ws);
        double[][][] q = q(ws);
        int n = ws.batch();
        double[][] h = new double[p][p];
        for (int i = 0; i < n; i++) {
            double[][] qj = new double[c][p];
            for (int k = 0; k < c; k++) {
                for (int j = 0; j < c; j++) {
                    for (int a = 0; a < p; a++) {
                        qj[k][a] += q[i][k][j] * jac[i][j][a];
                    }
                }
            }
            for (int k = 0; k < c; k++) {
                for (int a = 0; a < p; a++) {
                    double jka = jac[i][k][a] / n;
                    for (int bb = 0; bb < p; bb++) {
                        h[a][bb] += jka * qj[k][bb];
                    }
                }
            }
        }
        return h;
    }

    /** F = (1/n) Σ u_i u_iᵀ with u_i = J_iᵀ g_i. */
    public double[][] empiricalFisher(Activations ws) {
        double[][][] jac = jacobian(ws);
        double[][] g = residual(ws);
        int n = ws.batch();
        double[][] f = new double[p][p];
        for (int i = 0; i < n; i++) {
            double[] u = new double[p];
            for (int k = 0; k < c; k++) {
                for (int a = 0; a < p; a++) {
                    u[a] += jac[i][k][a] * g[i][k];
                }
            }
            for (int a = 0; a < p; a++) {
                for (int bb = 0; bb < p; bb++) {
                    f[a][bb] += u[a] * u[bb] / n;
                }
            }
        }
        return f;
    }

    /** −(M + λI)⁻¹ v. */
    public static double[] dampedNewton(double[][] m, double lambda, double[] v) {
        int n = v.length;
        double[][] a = new double[n][n + 1];
        for (int i = 0; i < n; i++) {
            System.arraycopy(m[i], 0, a[i], 0, n);
            a[i][i] += lambda;
            a[i][n] = -v[i];
        }
        return gaussSolve(a);
    }

    /** Solves the augmented system [A | b] by Gaussian elimination with partial pivoting. */
    public static double[] gaussSolve(double[][] a) {
        int n = a.length;
        for (int col = 0; col < n; col++) {
            int piv = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[piv][col])) {
                    piv = r;
                }
            }
            double[] t = a[col];
            a[col] = a[piv];
            a[piv] = t;
            for (int r = col + 1; r < n; r++) {
                double f = a[r][col] / a[col][col];
                for (int k = col; k <= n; k++) {
                    a[r][k] -= f * a[col][k];
                }
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double s = a[r][n];
            for (int k = r + 1; k < n; k++) {
                s -= a[r][k] * x[k];
            }
            x[r] = s / a[r][r];
        }
        return x;
    }

    /** The gradient of the batch loss by central finite differences with step h, one parameter at a time. */
    public static double[] finiteDifferenceGradient(Fixture fx, double h) {
        double[] th = fx.theta();
        double[] fd = new double[th.length];
        for (int q = 0; q < th.length; q++) {
            double keep = th[q];
            th[q] = keep + h;
            fx.setTheta(th);
            double up = fx.objective.value(fx.theta, fx.batch);
            th[q] = keep - h;
            fx.setTheta(th);
            double down = fx.objective.value(fx.theta, fx.batch);
            th[q] = keep;
            fd[q] = (up - down) / (2 * h);
        }
        fx.setTheta(th);
        return fd;
    }

    /** The gradient of the batch loss by the backward pass. */
    public static double[] gradient(Fixture fx) {
        Mat grad = Fixture.CPU.zeros(fx.theta.rows(), 1, fx.dtype);
        fx.objective.valueAndGradient(fx.theta, fx.batch, grad);
        return Fixture.CPU.download(grad);
    }

    public static double relativeError(double[] a, double[] b) {
        double num = 0, den = 0;
        for (int i = 0; i < a.length; i++) {
            num += (a[i] - b[i]) * (a[i] - b[i]);
            den += b[i] * b[i];
        }
        return Math.sqrt(num / Math.max(den, 1e-300));
    }
}
