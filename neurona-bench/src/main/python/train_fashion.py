#!/usr/bin/python3
"""PyTorch twin of dev.neurona.bench.TrainFashion: one contender of the end-to-end benchmark.

Trains one configuration on Fashion-MNIST with a plain nn.Sequential and prints one line
``RESULT {json}`` with the same fields as the Java contender. Run with Debian's interpreter
and python3-torch:

    /usr/bin/python3 neurona-bench/src/main/python/train_fashion.py \
        --config 784-256-128-10 --epochs 3 --threads 1

Configurations (the same table as dev.neurona.bench.FashionConfig): the three original MLPs
784-8-10 (Adam, batch 32), 784-256-128-10 (Adam, batch 128) and 784-1024-1024-10 (SGD momentum,
batch 256); mnist-mlp, Keras's classic MNIST MLP (784-512-512-10, Dropout(0.2) after each hidden
layer, RMSprop, batch 128; Keras's example uses MNIST, this runs it on Fashion-MNIST, same
shapes); l2-norm, 784-256-128-10 with a Normalization layer first and L2 1e-4 on every kernel;
huber, l2-norm with a linear head trained with Huber loss onto the one-hot targets.

Same as the Java side: images scaled to [0, 1]; Glorot-uniform kernels and zero biases (the
Keras defaults Neurona uses); Adam lr 1e-3 with eps 1e-7 (PyTorch adds eps after bias
correction, Keras before: a negligible difference at this eps) or SGD lr 0.01 momentum 0.9
(PyTorch's and Keras's momentum forms are the same update at a constant lr) or RMSprop lr 1e-3
with Keras's rho 0.9 (torch's alpha) and eps 1e-7 (torch divides by sqrt(v) + eps, Keras and
Neurona by sqrt(v + eps): they differ only where v is not far above eps, gradients of about 3e-4
and less); Normalization as Neurona's nn.Normalization: per-feature mean and population variance
of the training images in float64, variance 1 for a constant feature, (x - mean) / sqrt(var +
1e-7) in float32 on every forward; L2 as Keras's regularizer, 1e-4 * sum(w^2) of every kernel
(not the biases) added to the loss (not weight_decay=1e-4, which adds 1e-4 * w to the gradient,
half the penalty's 2e-4 * w, and decays the biases too); Huber with delta 1 averaged over every
element (Keras averages over the last axis, then over the batch: the same for equal widths); a
fresh shuffle each epoch, the last partial batch kept; running loss (the penalty included, as
Keras reports it) and accuracy (argmax) accumulated each step as Keras's fit does.
"""
import argparse
import gzip
import json
import os
import statistics
import sys
import time

import numpy as np
import torch
from torch import nn

CONFIGS = {
    # id: (hidden sizes, dropout after each hidden layer, optimizer, batch size, Normalization first, L2 on kernels, loss)
    "784-8-10": ([8], 0.0, "adam", 32, False, 0.0, "categorical_crossentropy"),
    "784-256-128-10": ([256, 128], 0.0, "adam", 128, False, 0.0, "categorical_crossentropy"),
    "784-1024-1024-10": ([1024, 1024], 0.0, "sgd", 256, False, 0.0, "categorical_crossentropy"),
    "mnist-mlp": ([512, 512], 0.2, "rmsprop", 128, False, 0.0, "categorical_crossentropy"),
    "l2-norm": ([256, 128], 0.0, "adam", 128, True, 1e-4, "categorical_crossentropy"),
    "huber": ([256, 128], 0.0, "adam", 128, True, 1e-4, "huber"),
}
ALIASES = {"small": "784-8-10", "medium": "784-256-128-10", "large": "784-1024-1024-10"}
NORMALIZATION_EPSILON = 1e-7  # nn.Normalization.EPSILON
DATA_DIRS = [os.path.expanduser("~/.neurona/datasets/fashion-mnist"), "/usr/share/datasets/fashion-mnist"]


def read_idx(path, offset):
    with gzip.open(path, "rb") as f:
        return np.frombuffer(f.read(), dtype=np.uint8, offset=offset)


def load_fashion(directory):
    def images(name):
        return torch.from_numpy(read_idx(os.path.join(directory, name), 16).reshape(-1, 28, 28).astype(np.float32) / 255.0)

    def labels(name):
        return torch.from_numpy(read_idx(os.path.join(directory, name), 8).astype(np.int64))

    return (images("train-images-idx3-ubyte.gz"), labels("train-labels-idx1-ubyte.gz"),
            images("t10k-images-idx3-ubyte.gz"), labels("t10k-labels-idx1-ubyte.gz"))


def find_data(explicit):
    for d in ([explicit] if explicit else DATA_DIRS):
        if d and os.path.exists(os.path.join(d, "train-images-idx3-ubyte.gz")):
            return d
    sys.exit("train_fashion.py: Fashion-MNIST IDX .gz files not found in " + ", ".join(DATA_DIRS))


class Normalize(nn.Module):
    """Neurona's nn.Normalization (as Keras's): (x - mean) / sqrt(variance + 1e-7) per feature."""

    def __init__(self, images):
        super().__init__()
        total = torch.zeros(784, dtype=torch.float64)
        squares = torch.zeros(784, dtype=torch.float64)
        for start in range(0, images.shape[0], 10000):  # in chunks: no float64 copy of the whole set
            chunk = images[start:start + 10000].reshape(-1, 784).double()
            total += chunk.sum(0)
            squares += chunk.square().sum(0)
        n = images.shape[0]
        mean = total / n
        var = (squares / n - mean * mean).clamp(min=0)
        var[var == 0] = 1.0  # a constant feature maps to 0, as adapt() does
        self.register_buffer("mean", mean.float())
        self.register_buffer("variance", var.float())

    def forward(self, x):
        return (x - self.mean) / torch.sqrt(self.variance + NORMALIZATION_EPSILON)


def build(hidden, dropout, normalize_on):
    """Flatten, Normalize (when normalize_on holds the training images), ReLU layers with their dropout, 10 outputs."""
    layers = [nn.Flatten()]
    if normalize_on is not None:
        layers.append(Normalize(normalize_on))
    width = 784
    for units in hidden:
        layers += [nn.Linear(width, units), nn.ReLU()]
        if dropout > 0:
            layers.append(nn.Dropout(dropout))
        width = units
    layers.append(nn.Linear(width, 10))  # logits (softmax is in the loss) or the huber regression head
    model = nn.Sequential(*layers)
    for m in model:
        if isinstance(m, nn.Linear):
            nn.init.xavier_uniform_(m.weight)
            nn.init.zeros_(m.bias)
    return model


def optimizer(name, params):
    if name == "adam":
        return torch.optim.Adam(params, lr=1e-3, eps=1e-7)
    if name == "sgd":
        return torch.optim.SGD(params, lr=0.01, momentum=0.9)
    return torch.optim.RMSprop(params, lr=1e-3, alpha=0.9, eps=1e-7)


def peak_rss_mb():
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    return None


def blas_info():
    """The thread pools torch runs on, as threadpoolctl sees them (None when it is absent).

    Debian's torch calls OpenBLAS (the pthread build) for matrix products; torch.set_num_threads
    sets only the OpenMP pool, so OpenBLAS keeps its own thread count (both cores here).
    """
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        return None
    return "; ".join("%s %s %s %d threads" % (i.get("internal_api"), i.get("version") or "", i.get("architecture") or "",
                                              i.get("num_threads"))
                     for i in threadpool_info())


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--config", default="784-8-10",
                   help="one of " + ", ".join(CONFIGS) + " (or small, medium, large)")
    p.add_argument("--epochs", type=int, default=3)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--predict-calls", type=int, default=10000)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--data", default=None)
    a = p.parse_args()
    config = ALIASES.get(a.config, a.config)
    if config not in CONFIGS:
        sys.exit("train_fashion.py: unknown configuration %r; known: %s" % (a.config, ", ".join(CONFIGS)))
    hidden, dropout, opt_name, batch, normalize, l2, loss_name = CONFIGS[config]

    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    out = {"contender": "pytorch", "config": config, "status": "ok", "threads": a.threads,
           "backend": "torch " + torch.__version__,
           "openblas_env": " ".join("%s=%s" % (k, os.environ[k]) for k in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")
                                    if k in os.environ) or "unset",
           "omp_wait_policy": os.environ.get("OMP_WAIT_POLICY", "default")}

    t0 = time.perf_counter()
    x_train, y_train, x_test, y_test = load_fashion(find_data(a.data))
    out["load_s"] = time.perf_counter() - t0

    with torch.no_grad():
        model = build(hidden, dropout, x_train if normalize else None)
    opt = optimizer(opt_name, model.parameters())
    kernels = [m.weight for m in model if isinstance(m, nn.Linear)]
    huber = loss_name == "huber"
    loss_fn = nn.HuberLoss(delta=1.0) if huber else nn.CrossEntropyLoss()
    n = x_train.shape[0]
    gen = torch.Generator().manual_seed(a.seed)
    epoch_s = []
    last_loss = None
    for _ in range(a.epochs):
        t = time.perf_counter()
        model.train()
        perm = torch.randperm(n, generator=gen)
        loss_sum = torch.zeros(())
        correct = torch.zeros((), dtype=torch.int64)
        for start in range(0, n, batch):
            idx = perm[start:start + batch]
            xb, yb = x_train[idx], y_train[idx]
            opt.zero_grad(set_to_none=True)
            logits = model(xb)
            loss = loss_fn(logits, nn.functional.one_hot(yb, 10).float() if huber else yb)
            if l2 > 0:
                loss = loss + l2 * sum(w.square().sum() for w in kernels)
            loss.backward()
            opt.step()
            with torch.no_grad():
                loss_sum += loss.detach() * xb.shape[0]
                correct += (logits.argmax(1) == yb).sum()
        epoch_s.append(time.perf_counter() - t)
        last_loss = loss_sum.item() / n
    steady = epoch_s[1:] if len(epoch_s) > 1 else epoch_s
    out.update({"train_samples": n, "batch_size": batch, "epoch_s": epoch_s,
                "samples_per_s": n / statistics.median(steady), "train_loss_last": last_loss})

    model.eval()
    with torch.no_grad():
        out["test_accuracy"] = (model(x_test).argmax(1) == y_test).float().mean().item()
        x1 = x_test[:1]
        for _ in range(1000):
            model(x1)
        us = []
        for _ in range(a.predict_calls):
            t = time.perf_counter()
            model(x1)
            us.append((time.perf_counter() - t) * 1e6)
        out["predict_us"] = statistics.median(us)
        x1000 = x_test[:1000]
        for _ in range(5):
            model(x1000)
        secs = []
        for _ in range(30):
            t = time.perf_counter()
            model(x1000)
            secs.append(time.perf_counter() - t)
        out["infer_samples_per_s"] = 1000 / statistics.median(secs)
    out["blas"] = blas_info()
    out["peak_rss_mb"] = peak_rss_mb()
    print("RESULT " + json.dumps(out), flush=True)


if __name__ == "__main__":
    main()
