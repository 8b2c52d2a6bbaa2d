#!/usr/bin/python3
"""PyTorch twin of dev.neurona.bench.TrainConv: one contender of the convolutional benchmark.

Trains one configuration and prints one line ``RESULT {json}`` with the fields of the Java
contender. Run with Debian's interpreter and python3-torch (oneDNN convolutions):

    /usr/bin/python3 neurona-bench/src/main/python/train_conv.py --config convnet --epochs 5 --threads 1

Configurations (the table of dev.neurona.bench.ConvConfig), both Adam lr 1e-3 eps 1e-7, batch 128,
cross-entropy:
  convnet  Keras's "simple MNIST convnet" on Fashion-MNIST: Conv2d(1, 32, 3) ReLU, MaxPool2d(2),
           Conv2d(32, 64, 3) ReLU, MaxPool2d(2), Flatten, Dropout(0.5), Linear(1600, 10);
  vgg      three blocks of two (Conv2d(3x3, padding 1, no bias), BatchNorm2d, ReLU) with 32, 64, 128
           filters, each block followed by MaxPool2d(2), then global average pooling and Linear(128, 10),
           on --samples random [3, 32, 32] images with random labels (speed only) or CIFAR-10
           (--data cifar10, the binary batches under ~/.neurona/datasets/cifar-10).

Same as the Java side: images scaled to [0, 1]; Glorot-uniform kernels (xavier_uniform_, the same
fans as Keras's for a convolution: channels times the window) and zero biases; BatchNorm with Keras's
momentum 0.99 (torch momentum 0.01) and epsilon 1e-3. Torch runs channels-first (NCHW), its default.
A fresh shuffle each epoch, the last partial batch kept.
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

CONFIGS = {"convnet": (28, 1, 128), "vgg": (32, 3, 128)}  # id: (size, channels, batch size)
FASHION_DIRS = [os.path.expanduser("~/.neurona/datasets/fashion-mnist"), "/usr/share/datasets/fashion-mnist"]
CIFAR_DIRS = [os.path.expanduser("~/.neurona/datasets/cifar-10/cifar-10-batches-bin"),
              os.path.expanduser("~/.neurona/datasets/cifar-10")]


def read_idx(path, offset):
    with gzip.open(path, "rb") as f:
        return np.frombuffer(f.read(), dtype=np.uint8, offset=offset)


def fashion():
    d = next((d for d in FASHION_DIRS if os.path.exists(os.path.join(d, "train-images-idx3-ubyte.gz"))), None)
    if d is None:
        sys.exit("train_conv.py: Fashion-MNIST IDX .gz files not found in " + ", ".join(FASHION_DIRS))

    def images(name):
        raw = read_idx(os.path.join(d, name), 16).reshape(-1, 1, 28, 28).astype(np.float32) / 255.0
        return torch.from_numpy(raw)

    def labels(name):
        return torch.from_numpy(read_idx(os.path.join(d, name), 8).astype(np.int64))

    return (images("train-images-idx3-ubyte.gz"), labels("train-labels-idx1-ubyte.gz"),
            images("t10k-images-idx3-ubyte.gz"), labels("t10k-labels-idx1-ubyte.gz"))


def cifar10():
    d = next((d for d in CIFAR_DIRS if os.path.exists(os.path.join(d, "data_batch_1.bin"))), None)
    if d is None:
        sys.exit("train_conv.py: CIFAR-10 binary batches not found in " + ", ".join(CIFAR_DIRS))

    def read(names):
        raw = np.concatenate([np.fromfile(os.path.join(d, n), dtype=np.uint8).reshape(-1, 3073) for n in names])
        x = torch.from_numpy(raw[:, 1:].reshape(-1, 3, 32, 32).astype(np.float32) / 255.0)
        return x, torch.from_numpy(raw[:, 0].astype(np.int64))

    x, y = read(["data_batch_%d.bin" % i for i in range(1, 6)])
    xt, yt = read(["test_batch.bin"])
    return x, y, xt, yt


def random_images(n, size, channels, gen):
    return torch.rand(n, channels, size, size, generator=gen), torch.randint(0, 10, (n,), generator=gen)


def build(config):
    if config == "convnet":
        model = nn.Sequential(nn.Conv2d(1, 32, 3), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(32, 64, 3), nn.ReLU(),
                              nn.MaxPool2d(2), nn.Flatten(), nn.Dropout(0.5), nn.Linear(1600, 10))
    else:
        layers, channels = [], 3
        for filters in (32, 64, 128):
            for _ in range(2):
                layers += [nn.Conv2d(channels, filters, 3, padding=1, bias=False),
                           nn.BatchNorm2d(filters, eps=1e-3, momentum=0.01), nn.ReLU()]
                channels = filters
            layers.append(nn.MaxPool2d(2))
        layers += [nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(128, 10)]
        model = nn.Sequential(*layers)
    for m in model:
        if isinstance(m, (nn.Conv2d, nn.Linear)):
            nn.init.xavier_uniform_(m.weight)
            if m.bias is not None:
                nn.init.zeros_(m.bias)
    return model


def peak_rss_mb():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024.0
    return None


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--config", default="convnet", help="convnet or vgg")
    p.add_argument("--epochs", type=int, default=5)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--predict-calls", type=int, default=2000)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--data", default="random", help="vgg: random or cifar10")
    p.add_argument("--samples", type=int, default=10000, help="vgg with random data: training images")
    a = p.parse_args()
    if a.config not in CONFIGS:
        sys.exit("train_conv.py: unknown configuration %r; known: %s" % (a.config, ", ".join(CONFIGS)))
    size, channels, batch = CONFIGS[a.config]
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    out = {"contender": "pytorch", "config": a.config, "status": "ok", "threads": a.threads,
           "backend": "torch " + torch.__version__ + (" mkldnn" if torch.backends.mkldnn.is_available() else ""),
           "openblas_env": " ".join("%s=%s" % (k, os.environ[k]) for k in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")
                                    if k in os.environ) or "unset"}
    t0 = time.perf_counter()
    gen = torch.Generator().manual_seed(a.seed)
    if a.config == "convnet":
        x_train, y_train, x_test, y_test = fashion()
        out["data"] = "fashion-mnist"
    elif a.data == "cifar10":
        x_train, y_train, x_test, y_test = cifar10()
        out["data"] = "cifar10"
    else:
        x_train, y_train = random_images(a.samples, size, channels, gen)
        x_test, y_test = random_images(1000, size, channels, gen)
        out["data"] = "random"
    out["load_s"] = time.perf_counter() - t0

    model = build(a.config)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3, eps=1e-7)
    loss_fn = nn.CrossEntropyLoss()
    n = x_train.shape[0]
    epoch_s, last_loss = [], None
    for _ in range(a.epochs):
        t = time.perf_counter()
        model.train()
        perm = torch.randperm(n, generator=gen)
        loss_sum = torch.zeros(())
        for start in range(0, n, batch):
            idx = perm[start:start + batch]
            xb, yb = x_train[idx], y_train[idx]
            opt.zero_grad(set_to_none=True)
            loss = loss_fn(model(xb), yb)
            loss.backward()
            opt.step()
            with torch.no_grad():
                loss_sum += loss.detach() * xb.shape[0]
        epoch_s.append(time.perf_counter() - t)
        last_loss = loss_sum.item() / n
    steady = epoch_s[1:] if len(epoch_s) > 1 else epoch_s
    out.update({"train_samples": n, "batch_size": batch, "epoch_s": epoch_s,
                "samples_per_s": n / statistics.median(steady), "train_loss_last": last_loss})

    model.eval()
    with torch.no_grad():
        correct = sum((model(x_test[s:s + 1000]).argmax(1) == y_test[s:s + 1000]).sum().item()
                      for s in range(0, x_test.shape[0], 1000))
        out["test_accuracy"] = correct / x_test.shape[0]
        x1 = x_test[:1]
        for _ in range(200):
            model(x1)
        us = []
        for _ in range(a.predict_calls):
            t = time.perf_counter()
            model(x1)
            us.append((time.perf_counter() - t) * 1e6)
        out["predict_us"] = statistics.median(us)
        x1000 = x_test[:1000]
        for _ in range(3):
            model(x1000)
        secs = []
        for _ in range(10):
            t = time.perf_counter()
            model(x1000)
            secs.append(time.perf_counter() - t)
        out["infer_samples_per_s"] = 1000 / statistics.median(secs)
    out["peak_rss_mb"] = peak_rss_mb()
    print("RESULT " + json.dumps(out), flush=True)


if __name__ == "__main__":
    main()
