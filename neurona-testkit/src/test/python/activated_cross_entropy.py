#!/usr/bin/python3
"""PyTorch reference values for Neurona's fused softmax/sigmoid cross-entropy (ActivatedCrossEntropyTorchTest).

Keras's cross-entropy from probabilities on a softmax's or a sigmoid's output: the probability
clipped to [eps, 1 - eps] (eps = 1e-7, the bounds rounded to float32 as Keras's are), the loss
-sum(y * log p) along the last axis (categorical) or -(y log p + (1 - y) log(1 - p)) elementwise
(binary), and its gradient with respect to the logits. Computed in float64 from float32 logits
and rounded to float32. Writes
neurona-testkit/src/test/resources/dev/neurona/tensor/activated_cross_entropy.json. Run from the
repository root with Debian's python3-torch:

    /usr/bin/python3 neurona-testkit/src/test/python/activated_cross_entropy.py

The tests read the committed JSON and never run Python.
"""
import json
import os

import torch

torch.manual_seed(20261202)
EPS = float(torch.tensor(1e-7, dtype=torch.float32))
HI = float(torch.tensor(1.0, dtype=torch.float32) - torch.tensor(1e-7, dtype=torch.float32))


def tensor_json(t):
    return {"shape": list(t.shape), "data": [float(v) for v in t.detach().float().reshape(-1).tolist()]}


def categorical(z, y):
    p = torch.softmax(z, dim=-1)
    return -(y * torch.log(torch.clamp(p, EPS, HI))).sum(-1)


def binary(z, y):
    p = torch.clamp(torch.sigmoid(z), EPS, HI)
    return -(y * torch.log(p) + (1 - y) * torch.log(1 - p))


CASES = []
for scale in (0.5, 3.0, 30.0):
    for kind in ("categorical", "binary"):
        rows, k = 6, 5
        z32 = (torch.randn(rows, k) * scale).float()
        if kind == "categorical":
            y = torch.zeros(rows, k)
            y[torch.arange(rows), torch.randint(0, k, (rows,))] = 1.0
            y[0] = torch.softmax(torch.randn(k), -1).float()   # a row of probabilities too
        else:
            y = torch.rand(rows, k).float()
        z = z32.double().requires_grad_(True)
        fn = categorical if kind == "categorical" else binary
        out = fn(z, y.double())
        w = torch.rand(out.shape, dtype=torch.float64)
        (out * w).sum().backward()
        CASES.append({"kind": kind, "scale": scale, "logits": tensor_json(z32), "targets": tensor_json(y),
                      "weights": tensor_json(w.float()), "loss": tensor_json(out.float()),
                      "grad": tensor_json(z.grad.float())})

path = os.path.join("neurona-testkit", "src", "test", "resources", "dev", "neurona", "tensor",
                    "activated_cross_entropy.json")
with open(path, "w") as f:
    json.dump({"generator": "neurona-testkit/src/test/python/activated_cross_entropy.py",
               "torch": torch.__version__, "cases": CASES}, f, indent=1)
print("wrote", path, len(CASES), "cases")
