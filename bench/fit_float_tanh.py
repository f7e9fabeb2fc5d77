"""The coefficients of engine/.../cpu/FloatTanh.java: tanh(x)/x ~ P(t)/Q(t), t = x^2/9.5^2,
P and Q of degree 5 with P(0) = Q(0) = 1, fitted for minimal maximum relative error on
[1e-4, 9.5] by Lawson's iteratively reweighted linearized least squares on a 60,000-point
grid (uniform plus Chebyshev-clustered), reference values from mpmath at 40 digits.
Prints the maximum relative error (7.3e-11 when this was run) and the coefficients.
Needs numpy and mpmath (Debian: python3-numpy python3-mpmath)."""
import mpmath
import numpy as np

mpmath.mp.dps = 40
X = 9.5
xs = np.unique(np.concatenate([np.linspace(1e-4, X, 30000), X / 2 * (1 - np.cos(np.linspace(0, np.pi, 30000)))]))
xs = xs[xs > 1e-4]
f = np.array([float(mpmath.tanh(mpmath.mpf(x)) / x) for x in xs])
t = xs * xs / (X * X)
NP, NQ = 5, 5
w = np.ones_like(xs) / len(xs)
q_prev = np.ones_like(t)
best, best_err = None, 1.0
for _ in range(400):
    # Unknowns p1..p5, q1..q5: P - f Q = 0 linearized around the previous Q, weighted by w.
    a = np.hstack([np.vstack([t ** k for k in range(1, NP + 1)]).T,
                   -(f[:, None]) * np.vstack([t ** k for k in range(1, NQ + 1)]).T])
    scale = np.sqrt(w) / (f * q_prev)
    c, *_ = np.linalg.lstsq(a * scale[:, None], (f - 1.0) * scale, rcond=None)
    p = 1 + sum(c[k - 1] * t ** k for k in range(1, NP + 1))
    q = 1 + sum(c[NP + k - 1] * t ** k for k in range(1, NQ + 1))
    q_prev = q
    err = np.abs(p / q - f) / f
    if err.max() < best_err:
        best, best_err = c.copy(), err.max()
    w = w * err
    w /= w.sum()
print("max relative error %.3e" % best_err)
print("P1..P5", best[:NP].tolist())
print("Q1..Q5", best[NP:].tolist())
