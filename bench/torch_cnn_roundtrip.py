#!/usr/bin/env python3
"""A gn4j CNN (same padding, average and max pooling) and PyTorch read the same safetensors, both ways.

1. gn4j trains a small CNN on the digits CSV (8x8 images, features unscaled); PyTorch
   loads its model.safetensors into the matching nn.Sequential and its class
   probabilities on every row are compared with `gn4j predict`'s.
2. PyTorch initializes the same network, writes it as safetensors, gn4j starts from it
   (`--init`; a step that moves no weight, checked bit for bit) and its predictions are
   compared with PyTorch's forward pass.

Needs torch (Debian: python3-torch, run with /usr/bin/python3) and a built gn4j.jar.
Usage: /usr/bin/python3 bench/torch_cnn_roundtrip.py [--jar cli/target/gn4j.jar] [--work DIR]
It prints one JSON line per direction with the largest probability difference.
"""
import argparse
import csv
import json
import os
import struct
import subprocess
import sys
import tempfile

import numpy as np
import torch

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SPEC = "conv4k3same-relu-avgpool2-conv8k3p1-relu-maxpool2-16-relu"


def network():
    # The spec above, PyTorch's way; gn4j numbers its layers 0.. over conv, pool and dense alike.
    return torch.nn.Sequential(
        torch.nn.Conv2d(1, 4, 3, padding="same"), torch.nn.ReLU(), torch.nn.AvgPool2d(2),
        torch.nn.Conv2d(4, 8, 3, padding=1), torch.nn.ReLU(), torch.nn.MaxPool2d(2), torch.nn.Flatten(),
        torch.nn.Linear(8 * 2 * 2, 16), torch.nn.ReLU(), torch.nn.Linear(16, 10)).double()


# gn4j layer index -> index in the nn.Sequential above
LAYERS = {0: 0, 2: 3, 4: 7, 5: 9}


def read_safetensors(path):
    with open(path, "rb") as f:
        n = struct.unpack("<Q", f.read(8))[0]
        header = json.loads(f.read(n))
        body = f.read()
    dtypes = {"F32": np.float32, "F64": np.float64}
    out = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        lo, hi = info["data_offsets"]
        out[name] = np.frombuffer(body[lo:hi], dtype=dtypes[info["dtype"]]).reshape(info["shape"])
    return out


def write_safetensors(path, tensors):
    header, blobs, at = {}, [], 0
    for name, t in tensors.items():
        b = np.ascontiguousarray(t, dtype=np.float64).tobytes()
        header[name] = {"dtype": "F64", "shape": list(t.shape), "data_offsets": [at, at + len(b)]}
        blobs.append(b)
        at += len(b)
    h = json.dumps(header).encode()
    h += b" " * ((8 - len(h) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)))
        f.write(h)
        for b in blobs:
            f.write(b)


def load_into(net, tensors):
    with torch.no_grad():
        for g, t in LAYERS.items():
            net[t].weight.copy_(torch.from_numpy(np.array(tensors[f"layers.{g}.weight"])))
            net[t].bias.copy_(torch.from_numpy(np.array(tensors[f"layers.{g}.bias"])))


def digits():
    with open(os.path.join(ROOT, "datasets", "digits.csv")) as f:
        rows = list(csv.reader(f))
    head, body = rows[0], rows[1:]
    x = np.array([[float(v) for v in r[:-1]] for r in body])
    assert head[-1] == "digit" and x.shape[1] == 64
    return x


def gn4j(jar, *args):
    r = subprocess.run(["java", "-jar", jar, *args], capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f"gn4j {' '.join(args[:1])} failed ({r.returncode}): {r.stderr.strip()}")


def gn4j_probabilities(jar, run, data, out):
    gn4j(jar, "predict", "--checkpoint", run, "--data", data, "--output", out)
    with open(out) as f:
        rows = list(csv.DictReader(f))
    return np.array([[float(r[f"p_{k}"]) for k in range(10)] for r in rows])


def torch_probabilities(net, x):
    with torch.no_grad():
        return torch.softmax(net(torch.from_numpy(x).reshape(-1, 1, 8, 8)), dim=1).numpy()


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--jar", default=os.path.join(ROOT, "cli", "target", "gn4j.jar"))
    p.add_argument("--work", default=None)
    a = p.parse_args()
    work = a.work or tempfile.mkdtemp(prefix="gn4j-torch-cnn-")
    data = os.path.join(ROOT, "datasets", "digits.csv")
    x = digits()
    common = ["--data", data, "--target", "digit", "--loss", "ce", "--input-shape", "1x8x8", "--model", SPEC,
              "--standardize", "none", "--dtype", "f64", "--device", "cpu", "-q"]

    run = os.path.join(work, "trained")
    gn4j(a.jar, "train", *common, "--optimizer", "egn", "--steps", "30", "--batch", "128", "--seed", "1", "--out", run)
    net = network()
    load_into(net, read_safetensors(os.path.join(run, "model.safetensors")))
    diff = np.abs(torch_probabilities(net, x) - gn4j_probabilities(a.jar, run, data, os.path.join(work, "p1.csv"))).max()
    print(json.dumps({"direction": "gn4j -> torch", "rows": len(x), "max_abs_probability_diff": float(diff)}))

    torch.manual_seed(7)
    net = network()
    init = os.path.join(work, "torch-init.safetensors")
    write_safetensors(init, {f"layers.{g}.{k}": getattr(net[t], k).detach().numpy() for g, t in LAYERS.items()
                             for k in ("weight", "bias")})
    run = os.path.join(work, "from-torch")
    # gn4j trains at least one step: one SGD step of rate 1e-300 moves no weight by half an ulp,
    # which the bitwise comparison of the saved tensors with PyTorch's below confirms.
    gn4j(a.jar, "train", *common, "--init", init, "--optimizer", "sgd", "--lr", "1e-300", "--steps", "1", "--out", run)
    saved = read_safetensors(os.path.join(run, "model.safetensors"))
    for g, t in LAYERS.items():
        for k in ("weight", "bias"):
            if not np.array_equal(saved[f"layers.{g}.{k}"], getattr(net[t], k).detach().numpy()):
                sys.exit(f"layers.{g}.{k}: gn4j's saved tensor is not PyTorch's init (shape or values)")
    diff2 = np.abs(torch_probabilities(net, x) - gn4j_probabilities(a.jar, run, data, os.path.join(work, "p2.csv"))).max()
    print(json.dumps({"direction": "torch -> gn4j", "rows": len(x), "max_abs_probability_diff": float(diff2)}))
    if max(diff, diff2) > 1e-9:
        sys.exit("the two disagree by more than 1e-9")


if __name__ == "__main__":
    main()
