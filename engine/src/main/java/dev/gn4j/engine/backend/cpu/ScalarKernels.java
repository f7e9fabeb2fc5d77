package dev.gn4j.engine.backend.cpu;

import dev.gn4j.engine.backend.Activation;

/**
 * The straightforward loops of the CPU backend: every element through
 * {@link CpuMat#get}/{@link CpuMat#set} as a double, in the most obvious order. They
 * are the reference the typed kernels are tested against, the path
 * {@code -Dgn4j.cpu.scalar=true} forces, and the fallback for dtype mixes the typed
 * kernels do not specialize. Arguments are validated by {@link CpuBackend}.
 */
final class ScalarKernels {
    private ScalarKernels() {
    }

    static void upload(double[] src, CpuMat dst) {
        CpuMat d = dst;
        for (int i = 0; i < src.length; i++) {
            d.set(i, src[i]);
        }
    }

    static double[] download(CpuMat src) {
        CpuMat s = src;
        double[] out = new double[Math.toIntExact(src.size())];
        for (int i = 0; i < out.length; i++) {
            out[i] = s.get(i);
        }
        return out;
    }

    static void copy(CpuMat src, CpuMat dst) {
        CpuMat s = src;
        CpuMat d = dst;
        int n = Math.toIntExact(src.size());
        for (int i = 0; i < n; i++) {
            d.set(i, s.get(i));
        }
    }

    static void fill(CpuMat m, double value) {
        CpuMat d = m;
        int n = Math.toIntExact(m.size());
        for (int i = 0; i < n; i++) {
            d.set(i, value);
        }
    }

    static void symmetrize(CpuMat cm) {
        CpuMat C = cm;
        int n = cm.rows();
        // Blocked so that both the column reads and the row writes stay in cache.
        final int bs = 64;
        for (int jb = 0; jb < n; jb += bs) {
            for (int ib = jb; ib < n; ib += bs) {
                for (int j = jb; j < Math.min(jb + bs, n); j++) {
                    for (int i = Math.max(ib, j + 1); i < Math.min(ib + bs, n); i++) {
                        C.set(j, i, C.get(i, j));
                    }
                }
            }
        }
    }

    static double dot(CpuMat x, CpuMat y) {
        CpuMat a = x, b = y;
        int n = Math.toIntExact(x.size());
        double s = 0; // float32 inputs: accumulate in double
        for (int i = 0; i < n; i++) {
            s += a.get(i) * b.get(i);
        }
        return s;
    }

    static void activation(Activation fn, CpuMat z, CpuMat a) {
        CpuMat Z = z, A = a;
        int n = Math.toIntExact(z.size());
        for (int i = 0; i < n; i++) {
            A.set(i, fn.apply(Z.get(i)));
        }
    }

    static void activationGrad(Activation fn, CpuMat z, CpuMat a, CpuMat g, int rps, CpuMat out) {
        int b = z.rows(), d = z.cols();
        int m = g.rows();
        CpuMat Z = z, A = a, G = g, O = out;
        for (int j = 0; j < d; j++) {
            for (int r = 0; r < m; r++) {
                int i = r / rps;
                O.set(r, j, G.get(r, j) * fn.derivative(Z.get(i, j), A.get(i, j)));
            }
        }
    }

    static void addBias(CpuMat m, CpuMat bias) {
        CpuMat M = m, B = bias;
        for (int j = 0; j < m.cols(); j++) {
            double bj = B.get(j);
            for (int i = 0; i < m.rows(); i++) {
                M.set(i, j, M.get(i, j) + bj);
            }
        }
    }

    static void columnSums(double alpha, CpuMat m, double beta, CpuMat out) {
        CpuMat M = m, O = out;
        for (int j = 0; j < m.cols(); j++) {
            double s = 0;
            for (int i = 0; i < m.rows(); i++) {
                s += M.get(i, j);
            }
            O.set(j, alpha * s + (beta == 0 ? 0 : beta * O.get(j)));
        }
    }

    static double mseResidual(CpuMat f, CpuMat y, CpuMat g) {
        CpuMat F = f, Y = y, G = g;
        int n = Math.toIntExact(f.size());
        double s = 0;
        for (int i = 0; i < n; i++) {
            double r = F.get(i) - Y.get(i);
            G.set(i, r);
            s += r * r;
        }
        return 0.5 * s;
    }

    static double softmaxCrossEntropy(CpuMat f, CpuMat labels, CpuMat p, CpuMat g) {
        int b = f.rows(), cc = f.cols();
        CpuMat F = f, Y = labels, P = p, G = g;
        double nll = 0;
        for (int i = 0; i < b; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < cc; k++) {
                max = Math.max(max, F.get(i, k));
            }
            double z = 0;
            for (int k = 0; k < cc; k++) {
                z += Math.exp(F.get(i, k) - max);
            }
            double logZ = max + Math.log(z);
            int y = (int) Y.get(i);
            for (int k = 0; k < cc; k++) {
                double pk = Math.exp(F.get(i, k) - logZ);
                P.set(i, k, pk);
                G.set(i, k, pk - (k == y ? 1 : 0));
            }
            nll += logZ - F.get(i, y);
        }
        return nll;
    }

    static long countCorrect(CpuMat f, CpuMat labels) {
        CpuMat F = f, Y = labels;
        long correct = 0;
        for (int i = 0; i < f.rows(); i++) {
            int best = 0;
            for (int k = 1; k < f.cols(); k++) {
                if (F.get(i, k) > F.get(i, best)) {
                    best = k;
                }
            }
            if (best == (int) Y.get(i)) {
                correct++;
            }
        }
        return correct;
    }

    static void softmaxQFactor(CpuMat p, CpuMat out) {
        int b = p.rows(), cc = p.cols(), h = cc - 1;
        CpuMat P = p, O = out;
        double[] s = new double[cc];
        for (int i = 0; i < b; i++) {
            for (int k = 0; k < cc; k++) {
                s[k] = Math.sqrt(Math.max(0, P.get(i, k)));
            }
            double den = 1 + s[h];
            for (int k = 0; k < h; k++) {
                for (int j = 0; j < cc; j++) {
                    // B[k, j] = (δ_kj − v_k v_j / (1 + s_h)) s_j with v = s + e_h
                    double vj = j == h ? s[j] + 1 : s[j];
                    O.set(i * h + k, j, ((k == j ? 1 : 0) - s[k] * vj / den) * s[j]);
                }
            }
        }
    }

    static void identityRows(CpuMat out) {
        int cc = out.cols();
        int m = out.rows();
        CpuMat O = out;
        for (int j = 0; j < cc; j++) {
            for (int r = 0; r < m; r++) {
                O.set(r, j, r % cc == j ? 1 : 0);
            }
        }
    }

    static void sampleCategorical(CpuMat p, CpuMat uniforms, CpuMat labelsOut) {
        CpuMat P = p, U = uniforms, L = labelsOut;
        for (int i = 0; i < p.rows(); i++) {
            double u = U.get(i), acc = 0;
            int label = p.cols() - 1;
            for (int k = 0; k < p.cols(); k++) {
                acc += P.get(i, k);
                if (u < acc) {
                    label = k;
                    break;
                }
            }
            L.set(i, label);
        }
    }

    static void gramAccumulate(CpuMat s2, CpuMat aa, int rps, CpuMat k) {
        int m = s2.rows();
        CpuMat S = s2, A = aa, K = k;
        for (int col = 0; col < m; col++) {
            int j = col / rps;
            for (int row = col; row < m; row++) {
                K.set(row, col, K.get(row, col) + S.get(row, col) * (A.get(row / rps, j) + 1));
            }
        }
    }

    static void contractRows(CpuMat seed, CpuMat v, int rps, CpuMat out) {
        int m = seed.rows(), cc = seed.cols();
        CpuMat S = seed, V = v, O = out;
        for (int k = 0; k < cc; k++) {
            for (int i = 0; i < out.rows(); i++) {
                double s = 0;
                for (int q = 0; q < rps; q++) {
                    int r = i * rps + q;
                    s += V.get(r) * S.get(r, k);
                }
                O.set(i, k, s);
            }
        }
    }

    static void rowDot(CpuMat seed, CpuMat x, int rps, CpuMat out) {
        int m = seed.rows(), cc = seed.cols();
        CpuMat S = seed, X = x, O = out;
        for (int r = 0; r < m; r++) {
            int i = r / rps;
            double s = 0;
            for (int k = 0; k < cc; k++) {
                s += S.get(r, k) * X.get(i, k);
            }
            O.set(r, s);
        }
    }

    static void outerRows(CpuMat g, CpuMat a, int rps, CpuMat out) {
        int m = g.rows(), dd = g.cols(), e = a.cols();
        CpuMat G = g, A = a, O = out;
        for (int kk = 0; kk < e; kk++) {
            for (int j = 0; j < dd; j++) {
                int col = j + dd * kk;
                for (int r = 0; r < m; r++) {
                    O.set(r, col, G.get(r, j) * A.get(r / rps, kk));
                }
            }
        }
        for (int j = 0; j < dd; j++) {
            for (int r = 0; r < m; r++) {
                O.set(r, dd * e + j, G.get(r, j));
            }
        }
    }

    static void adamUpdate(CpuMat param, CpuMat grad, CpuMat m, CpuMat v, double lr, double beta1, double beta2, double eps,
                           double weightDecay, long t) {
        CpuMat P = param, G = grad, M = m, V = v;
        int n = Math.toIntExact(param.size());
        double bc1 = 1 - Math.pow(beta1, t);
        double bc2 = 1 - Math.pow(beta2, t);
        for (int i = 0; i < n; i++) {
            double gi = G.get(i) + weightDecay * P.get(i);
            double mi = beta1 * M.get(i) + (1 - beta1) * gi;
            double vi = beta2 * V.get(i) + (1 - beta2) * gi * gi;
            M.set(i, mi);
            V.set(i, vi);
            P.set(i, P.get(i) - lr * (mi / bc1) / (Math.sqrt(vi / bc2) + eps));
        }
    }

    static void addDiagonal(CpuMat a, double value) {
        CpuMat A = a;
        for (int i = 0; i < Math.min(a.rows(), a.cols()); i++) {
            A.set(i, i, A.get(i, i) + value);
        }
    }

    static double trace(CpuMat a) {
        CpuMat A = a;
        double s = 0;
        for (int i = 0; i < Math.min(a.rows(), a.cols()); i++) {
            s += A.get(i, i);
        }
        return s;
    }
}
