"""Reference values of Neurona's merge layers (Add, Subtract, Multiply, Average, Divide,
Concatenate, Dot) with Keras's broadcasting of sample shapes: an input of lower rank gains
axes of size 1 right after the batch (Keras 3's Merge.call expands at axis 1), then shapes
broadcast aligned at the last axis. For each case the outputs and the gradients of
sum(output * w), w fixed random weights, with respect to every input, computed by PyTorch in
float64 from float32 inputs. MergeLayersTorchTest reads the JSON; tests never run Python.

Regenerate (from the repository root, with Debian's python3-torch):

    /usr/bin/python3 neurona-testkit/src/test/python/merge_layers.py

which rewrites neurona-testkit/src/test/resources/dev/neurona/nn/merge_layers.json.
"""

import json
import os

import torch

torch.manual_seed(16)


def aligned(xs):
    rank = max(x.dim() for x in xs)
    out = []
    for x in xs:
        while x.dim() < rank:
            x = x.unsqueeze(1)
        out.append(x)
    return out


def add(xs):
    xs = aligned(xs)
    out = xs[0]
    for x in xs[1:]:
        out = out + x
    return out


def multiply(xs):
    xs = aligned(xs)
    out = xs[0]
    for x in xs[1:]:
        out = out * x
    return out


def average(xs):
    return add(xs) / len(xs)


def subtract(xs):
    a, b = aligned(xs)
    return a - b


def divide(xs):
    a, b = aligned(xs)
    return a / b


def concatenate(axis):
    return lambda xs: torch.cat(xs, dim=axis)


def dot(axes_a, axes_b, normalize):
    def f(xs):
        a, b = xs
        if normalize:
            a = torch.nn.functional.normalize(a, dim=axes_a, eps=1e-12)
            b = torch.nn.functional.normalize(b, dim=axes_b, eps=1e-12)
        out = torch.tensordot(a, b, dims=0) if False else None
        # batched: contract axes_a of a with axes_b of b, keeping the batch
        a_moved = torch.movedim(a, axes_a, -1)
        b_moved = torch.movedim(b, axes_b, 1)
        out = torch.einsum("b...k,bk...->b...", a_moved, b_moved) if a.dim() > 2 or b.dim() > 2 else \
            (a_moved * b_moved).sum(-1, keepdim=True)
        return out
    return f


CASES = [
    ("add", {"type": "Add"}, add, [[2, 4], [2, 4], [2, 4]]),
    ("add broadcast [4,1]+[1,3]", {"type": "Add"}, add, [[2, 4, 1], [2, 1, 3]]),
    ("add lower rank", {"type": "Add"}, add, [[2, 3, 4], [2, 4]]),
    ("subtract broadcast", {"type": "Subtract"}, subtract, [[2, 3, 4], [2, 1, 4]]),
    ("multiply broadcast", {"type": "Multiply"}, multiply, [[2, 3], [2, 1], [2, 3]]),
    ("average lower rank", {"type": "Average"}, average, [[2, 2, 3], [2, 3]]),
    ("divide", {"type": "Divide"}, divide, [[2, 3], [2, 3]]),
    ("divide broadcast", {"type": "Divide"}, divide, [[2, 2, 3], [2, 3]]),
    ("concatenate last", {"type": "Concatenate", "axis": -1}, concatenate(-1), [[2, 3], [2, 2]]),
    ("concatenate axis 1", {"type": "Concatenate", "axis": 1}, concatenate(1), [[2, 2, 3], [2, 1, 3]]),
    ("dot vectors", {"type": "Dot", "axes": [1, 1], "normalize": False}, dot(1, 1, False), [[2, 4], [2, 4]]),
    ("dot cosine", {"type": "Dot", "axes": [1, 1], "normalize": True}, dot(1, 1, True), [[2, 4], [2, 4]]),
]


def tensor(t):
    return {"shape": list(t.shape), "values": [float(v) for v in t.detach().reshape(-1).tolist()]}


def main():
    cases = []
    for name, config, f, shapes in CASES:
        xs = []
        for s in shapes:
            x = torch.randn(*s).float()
            if config["type"] == "Divide":
                x = x.sign() * (x.abs() + 0.5)  # away from zero
            xs.append(x.double().requires_grad_(True))
        out = f(xs)
        w = torch.randn(*out.shape).float().double()
        (out * w).sum().backward()
        cases.append({"name": name, "config": config, "inputs": [tensor(x) for x in xs], "weights": tensor(w),
                      "output": tensor(out), "gradients": [tensor(x.grad) for x in xs]})
    path = os.path.join(os.path.dirname(__file__), "..", "resources", "dev", "neurona", "nn", "merge_layers.json")
    with open(path, "w") as out:
        json.dump({"generator": "neurona-testkit/src/test/python/merge_layers.py", "torch": torch.__version__,
                   "cases": cases}, out, indent=0)
        out.write("\n")


if __name__ == "__main__":
    main()
