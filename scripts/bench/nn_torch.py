#!/usr/bin/env python3
"""PyTorch side of scripts/bench/nn: the workloads of ../shared/peers/nn-training.md §2 and §4.

digits: the fixed split (digits_split_seed0.csv), features standardised with training-split
statistics, Adam lr 1e-3, cross-entropy, shuffled mini-batches; samples/s = training rows /
wall time of the epoch's training loop (validation excluded), median over epochs 2..N.
synthetic: 100,000 x 100 Gaussian blobs, 10 classes, 3x256, batch 256.
Prints one JSON object per line: {"workload", "arch", "batch", "samples_per_second", "val_accuracy"}.
"""
import argparse
import json
import os
import statistics
import sys
import time

import numpy as np
import torch


def load_digits(data_dir):
    raw = np.loadtxt(os.path.join(data_dir, "digits.csv"), delimiter=",", skiprows=1, dtype=np.float64)
    x, y = raw[:, :-1], raw[:, -1].astype(np.int64)
    split = np.loadtxt(os.path.join(data_dir, "digits_split_seed0.csv"), delimiter=",", skiprows=1, dtype=str)
    val = np.zeros(len(y), dtype=bool)
    val[split[:, 0].astype(int)] = split[:, 1] == "val"
    mean, std = x[~val].mean(0), x[~val].std(0)
    std[std == 0] = 1
    x = ((x - mean) / std).astype(np.float32)
    return torch.from_numpy(x[~val]), torch.from_numpy(y[~val]), torch.from_numpy(x[val]), torch.from_numpy(y[val])


def blobs(rows, features, classes, seed=0):
    g = np.random.default_rng(seed)
    centres = g.uniform(-1, 1, size=(classes, features)).astype(np.float32)
    y = np.arange(rows) % classes
    x = g.standard_normal((rows, features)).astype(np.float32) + centres[y]
    mean, std = x.mean(0), x.std(0)
    x = (x - mean) / std
    return torch.from_numpy(x), torch.from_numpy(y.astype(np.int64))


def mlp(d, layers, width, classes):
    mods, inp = [], d
    for _ in range(layers):
        mods += [torch.nn.Linear(inp, width), torch.nn.ReLU()]
        inp = width
    mods.append(torch.nn.Linear(inp, classes))
    return torch.nn.Sequential(*mods)


def train(xt, yt, xv, yv, layers, width, batch, epochs, seed):
    torch.manual_seed(seed)
    classes = int(yt.max()) + 1
    model = mlp(xt.shape[1], layers, width, classes)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = torch.nn.CrossEntropyLoss()
    n = xt.shape[0]
    rates = []
    for _ in range(epochs):
        t0 = time.perf_counter()
        perm = torch.randperm(n)
        for s in range(0, n, batch):
            idx = perm[s:s + batch]
            opt.zero_grad(set_to_none=True)
            loss = loss_fn(model(xt[idx]), yt[idx])
            loss.backward()
            opt.step()
        rates.append(n / (time.perf_counter() - t0))
    acc = None
    if xv is not None:
        with torch.no_grad():
            acc = float((model(xv).argmax(1) == yv).float().mean())
    return rates, acc


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--data", default=os.path.join(os.path.dirname(__file__), "../../../shared/data"))
    p.add_argument("--workload", choices=["digits", "synthetic"], default="digits")
    p.add_argument("--layers", type=int, default=2)
    p.add_argument("--nodes", type=int, default=128)
    p.add_argument("--batch", type=int, default=128)
    p.add_argument("--epochs", type=int, default=50)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--threads", type=int, default=1)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    if a.workload == "digits":
        xt, yt, xv, yv = load_digits(a.data)
    else:
        xt, yt = blobs(100_000, 100, 10)
        xv = yv = None
    rates, acc = train(xt, yt, xv, yv, a.layers, a.nodes, a.batch, a.epochs, a.seed)
    later = rates[1:] if len(rates) > 1 else rates
    print(json.dumps({"workload": a.workload, "arch": f"{a.layers}x{a.nodes}", "batch": a.batch,
                      "samples_per_second": statistics.median(later), "val_accuracy": acc,
                      "torch": torch.__version__}))


if __name__ == "__main__":
    sys.exit(main())
