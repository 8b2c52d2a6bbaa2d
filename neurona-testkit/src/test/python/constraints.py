"""Reference values of Neurona's weight constraints (Keras's max_norm, non_neg, unit_norm,
min_max_norm), computed with PyTorch in float64 from float32 weights, by Keras 3's formulas:

    norms   = sqrt(sum(w**2, axis, keepdims=True))
    max_norm:     w * clip(norms, 0, max_value) / (eps + norms)
    unit_norm:    w / (eps + norms)
    min_max_norm: w * (rate * clip(norms, min_value, max_value) + (1 - rate) * norms) / (eps + norms)
    non_neg:      w * (w >= 0)

with eps = 1e-7 (keras.backend.epsilon()). ConstraintsTorchTest reads the JSON and compares
within 1e-6 (relative above 1); tests never run Python.

Regenerate (from the repository root, with Debian's python3-torch):

    /usr/bin/python3 neurona-testkit/src/test/python/constraints.py

which rewrites neurona-testkit/src/test/resources/dev/neurona/nn/constraints.json.
"""

import json
import os

import torch

EPS = 1e-7
torch.manual_seed(16)


def norms(w, axis):
    return torch.sqrt(torch.sum(w * w, dim=axis, keepdim=True))


def project(config, w):
    name = config["name"]
    if name == "non_neg":
        return w * (w >= 0).double()
    n = norms(w, config["axis"])
    if name == "max_norm":
        desired = torch.clamp(n, 0, config["max_value"])
    elif name == "unit_norm":
        desired = torch.ones_like(n)
    else:
        desired = config["rate"] * torch.clamp(n, config["min_value"], config["max_value"]) + (1 - config["rate"]) * n
    return w * desired / (EPS + n)


def tensor_json(t):
    return {"shape": list(t.shape), "values": [float(v) for v in t.reshape(-1).tolist()]}


CONFIGS = [
    {"name": "max_norm", "max_value": 2.0, "axis": 0},
    {"name": "max_norm", "max_value": 0.5, "axis": 1},
    {"name": "max_norm", "max_value": 1.0, "axis": -1},
    {"name": "non_neg"},
    {"name": "unit_norm", "axis": 0},
    {"name": "unit_norm", "axis": 1},
    {"name": "min_max_norm", "min_value": 0.0, "max_value": 1.0, "rate": 1.0, "axis": 0},
    {"name": "min_max_norm", "min_value": 1.5, "max_value": 2.5, "rate": 0.3, "axis": 0},
    {"name": "min_max_norm", "min_value": 0.2, "max_value": 0.4, "rate": 0.7, "axis": 1},
]

CASES = []
for config in CONFIGS:
    for shape, scale in (((5, 3), 1.5), ((4, 6), 0.3), ((2, 3, 4), 1.0)):
        w32 = (torch.randn(*shape) * scale).float()
        w32[0, 0] = 0.0 if len(shape) == 2 else w32[0, 0, 0]
        out = project(config, w32.double())
        CASES.append({"config": config, "weights": tensor_json(w32), "projected": tensor_json(out.float())})
    if config["name"] != "non_neg":   # a vector, as a bias: the whole of it is one slice along axis 0
        if config.get("axis", 0) in (0, -1):
            w32 = (torch.randn(7) * 2).float()
            CASES.append({"config": config, "weights": tensor_json(w32),
                          "projected": tensor_json(project(config, w32.double()).float())})

path = os.path.join("neurona-testkit", "src", "test", "resources", "dev", "neurona", "nn", "constraints.json")
os.makedirs(os.path.dirname(path), exist_ok=True)
with open(path, "w") as f:
    json.dump({"generator": "neurona-testkit/src/test/python/constraints.py",
               "torch": torch.__version__, "cases": CASES}, f, indent=1)
print("wrote", path, len(CASES), "cases")
