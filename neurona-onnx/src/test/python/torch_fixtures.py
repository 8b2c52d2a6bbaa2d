#!/usr/bin/python3
"""Exports small PyTorch nn.Sequential models to ONNX, with PyTorch's outputs, as OnnxImport's fixtures.

Run with Debian's Python (`apt-get install python3-torch python3-onnx`) from the repository root:

    /usr/bin/python3 neurona-onnx/src/test/python/torch_fixtures.py

Writes src/test/resources/torch/<name>.onnx (torch.onnx.export, opset 13 unless named otherwise, a
dynamic batch) and <name>.json: {"torch_version", "opset", "input_shape", "input", "output"}, inputs
and outputs flattened row-major. TorchFixturesTest imports each file and compares predict with "output".
"""
import json
import os

import torch
from torch import nn

OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "torch")


def models():
    torch.manual_seed(16)
    return {
        "gelu_exact": (nn.Sequential(nn.Linear(4, 6), nn.GELU(), nn.Linear(6, 3)), [4], 13),
        "gelu_tanh": (nn.Sequential(nn.Linear(4, 6), nn.GELU(approximate="tanh")), [4], 13),
        "relu6": (nn.Sequential(nn.Linear(4, 5), nn.ReLU6(), nn.Linear(5, 2)), [4], 13),
        "relu6_opset9": (nn.Sequential(nn.Linear(4, 5), nn.ReLU6()), [4], 9),
        "hardtanh_0_6": (nn.Sequential(nn.Linear(4, 5), nn.Hardtanh(0.0, 6.0)), [4], 17),
        "linear_no_bias": (nn.Sequential(nn.Linear(4, 3, bias=False), nn.Tanh()), [4], 13),
        "linear_bias": (nn.Sequential(nn.Linear(4, 3), nn.Sigmoid()), [4], 13),
        "linear_rank3": (nn.Sequential(nn.Linear(4, 3), nn.ReLU(), nn.Linear(3, 2, bias=False)), [5, 4], 13),
        "flatten": (nn.Sequential(nn.Flatten(), nn.Linear(12, 4), nn.GELU(), nn.Linear(4, 2), nn.Softmax(dim=-1)),
                    [3, 4], 13),
        "silu_hardswish": (nn.Sequential(nn.Linear(4, 4), nn.SiLU(), nn.Linear(4, 4), nn.Hardswish()), [4], 13),
    }


def main():
    os.makedirs(OUT, exist_ok=True)
    for name, (model, sample, opset) in models().items():
        model.eval()
        x = torch.randn(5, *sample, generator=torch.Generator().manual_seed(len(name)))
        path = os.path.join(OUT, name + ".onnx")
        torch.onnx.export(model, x, path, opset_version=opset, input_names=["input"], output_names=["output"],
                          dynamic_axes={"input": {0: "batch"}, "output": {0: "batch"}})
        with torch.no_grad():
            y = model(x)
        with open(os.path.join(OUT, name + ".json"), "w") as f:
            json.dump({"torch_version": torch.__version__, "opset": opset, "input_shape": list(x.shape),
                       "input": x.flatten().tolist(), "output_shape": list(y.shape), "output": y.flatten().tolist()}, f)
            f.write("\n")
        print("wrote", os.path.normpath(path))


if __name__ == "__main__":
    main()
