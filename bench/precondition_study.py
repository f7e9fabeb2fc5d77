"""Issue 17: which preconditioner pays for conjugate gradients on the batch-space system?

Forms K = (BJ)(BJ)^T explicitly for a small tanh network on digits (the ce Gauss-Newton rows,
B the softmax Hessian's factor, c rows a sample) and counts the K-applications CG needs to reach a
relative residual of 1e-6 on (K + b*lambda*I) t = y, under no preconditioner, the diagonal of K,
K's per-sample c x c blocks, and a rank-l Nystrom approximation (Gaussian sketch, applied through
Woodbury). A K-application is what one CG iteration costs in gn4j (one backward and one
forward-mode pass); the Nystrom sketch costs l of them up front, and that cost is counted.

Usage: /usr/bin/python3 bench/precondition_study.py [datasets/digits.csv]
"""
import sys

import numpy as np
import torch
from functorch import jacrev, vmap

torch.manual_seed(0)
rng = np.random.default_rng(0)
path = sys.argv[1] if len(sys.argv) > 1 else "datasets/digits.csv"
raw = np.loadtxt(path, delimiter=",", skiprows=1)
x = torch.tensor(raw[:, :-1] / 16.0)
labels = torch.tensor(raw[:, -1]).long()
c = 10
net = torch.nn.Sequential(torch.nn.Linear(64, 64), torch.nn.Tanh(), torch.nn.Linear(64, c)).double()



def rows(batch):
    """(BJ) for the batch: b*c rows of P columns."""
    from functorch import make_functional
    fmodel, params = make_functional(net)
    jac = vmap(jacrev(lambda p, xi: fmodel(p, xi.unsqueeze(0)).squeeze(0)), in_dims=(None, 0))(params, batch)
    j = torch.cat([t.reshape(t.shape[0], c, -1) for t in jac], dim=2)  # b x c x P
    p = torch.softmax(net(batch), dim=1)
    sp = p.sqrt()
    bmat = torch.diag_embed(sp) - sp.unsqueeze(2) * p.unsqueeze(1)  # b x c x c, B^T B = diag(p) - p p^T
    return torch.bmm(bmat, j).reshape(-1, j.shape[2]).detach().numpy()


def cg(k, shift, y, precondition, tol=1e-6, cap=2000):
    t = np.zeros_like(y)
    r = y.copy()
    z = precondition(r)
    p = z.copy()
    rz = r @ z
    stop = tol * np.linalg.norm(y)
    for it in range(1, cap + 1):
        kp = k @ p + shift * p
        alpha = rz / (p @ kp)
        t += alpha * p
        r -= alpha * kp
        if np.linalg.norm(r) <= stop:
            return it
        z = precondition(r)
        nxt = r @ z
        p = z + (nxt / rz) * p
        rz = nxt
    return cap


def nystrom(k, shift, rank):
    omega = np.linalg.qr(rng.standard_normal((k.shape[0], rank)))[0]
    y = k @ omega
    s = shift * (omega.T @ y) + y.T @ y
    s = 0.5 * (s + s.T) + 1e-12 * np.trace(s) * np.eye(rank)
    factor = np.linalg.cholesky(s)

    def apply(r):
        w = np.linalg.solve(factor.T, np.linalg.solve(factor, y.T @ r))
        return (r - y @ w) / shift

    return apply


def blocks(k, shift):
    m = k.shape[0]
    inv = [np.linalg.inv(k[i:i + c, i:i + c] + shift * np.eye(c)) for i in range(0, m, c)]
    return lambda r: np.concatenate([inv[j] @ r[j * c:(j + 1) * c] for j in range(len(inv))])


def study(label, b):
    batch = x[torch.randperm(len(x))[:b]]
    u = rows(batch)
    k = u @ u.T
    m = k.shape[0]
    eig = np.linalg.eigvalsh(k)[::-1]
    print(f"\n## {label}: b = {b}, m = {m}, P = {u.shape[1]}")
    print(f"K's eigenvalues: largest {eig[0]:.3g}, 10th {eig[9]:.3g}, 50th {eig[49]:.3g}, 100th {eig[99]:.3g}, "
          f"trace {eig.sum():.3g}")
    print("| λ | none | diagonal | per-sample blocks | Nyström 10 | Nyström 25 | Nyström 50 | Nyström 100 |")
    print("|---|---|---|---|---|---|---|---|")
    y = rng.standard_normal(m)
    for lam in (1.0, 0.1, 0.01, 0.001):
        shift = b * lam
        diag = np.diag(k) + shift
        cells = [cg(k, shift, y, lambda r: r), cg(k, shift, y, lambda r: r / diag), cg(k, shift, y, blocks(k, shift))]
        cells = [str(n) for n in cells]
        for rank in (10, 25, 50, 100):
            n = cg(k, shift, y, nystrom(k, shift, rank))
            cells.append(f"{n} + {rank} = {n + rank}")
        print(f"| {lam:g} | " + " | ".join(cells) + " |")


print("Counts are K-applications to a relative residual of 1e-6; Nyström's are CG's + the sketch's.")
study("digits, 64-64-10, at initialization", 256)
opt = torch.optim.Adam(net.parameters(), lr=1e-2)
for epoch in range(30):
    for i in range(0, len(x), 128):
        opt.zero_grad()
        torch.nn.functional.cross_entropy(net(x[i:i + 128]), labels[i:i + 128]).backward()
        opt.step()
with torch.no_grad():
    acc = (net(x).argmax(1) == labels).double().mean().item()
study(f"digits, 64-64-10, after 30 Adam epochs (training accuracy {acc:.3f})", 256)
# A wide network on Gaussian inputs: the setting of the small-λ table in 2026-12-03-solvers.md.
x = torch.randn(512, 784, dtype=torch.float64)
net = torch.nn.Sequential(torch.nn.Linear(784, 128), torch.nn.Tanh(), torch.nn.Linear(128, 128), torch.nn.Tanh(),
                          torch.nn.Linear(128, c)).double()
study("Gaussian inputs, 784-128-128-10, at initialization", 256)
