#!/usr/bin/python3
"""Exports small PyTorch models to ONNX, with PyTorch's outputs, as OnnxImport's fixtures.

Run with Debian's Python (`apt-get install python3-torch python3-onnx`) from the repository root:

    /usr/bin/python3 neurona-onnx/src/test/python/torch_fixtures.py

Writes src/test/resources/torch/<name>.onnx (torch.onnx.export, opset 13 unless named otherwise, a
dynamic batch) and <name>.json: {"torch_version", "opset", "input_shape", "input", "output"}, inputs
and outputs flattened row-major. TorchFixturesTest imports each file and compares predict with "output".

Graph models (a residual block, two inputs and two outputs, gates that multiply, divide and
subtract computed values; two CNNs on NCHW images: Conv2d, MaxPool2d, BatchNorm2d in eval mode, AvgPool2d,
a depthwise and a grouped Conv2d, AdaptiveAvgPool2d(1), ConvTranspose2d, Flatten, Linear) are written as graph_<name>.onnx and graph_<name>.json:
{"torch_version", "opset", "inputs": [{"shape", "values"}], "outputs": [{"shape", "values"}]};
TorchGraphFixturesTest reads them.
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


class Residual(nn.Module):
    def __init__(self):
        super().__init__()
        self.inner = nn.Linear(4, 4)
        self.back = nn.Linear(4, 4)
        self.head = nn.Linear(4, 2)

    def forward(self, x):
        return self.head(torch.relu(self.back(torch.relu(self.inner(x))) + x))


class TwoInTwoOut(nn.Module):
    def __init__(self):
        super().__init__()
        self.left = nn.Linear(3, 4)
        self.right = nn.Linear(2, 4)
        self.mix = nn.Linear(8, 5)
        self.score = nn.Linear(5, 1)
        self.value = nn.Linear(5, 2)

    def forward(self, a, b):
        h = torch.tanh(self.mix(torch.cat([torch.relu(self.left(a)), torch.relu(self.right(b))], dim=1)))
        return torch.sigmoid(self.score(h)), self.value(h)


class Gates(nn.Module):
    def __init__(self):
        super().__init__()
        self.signal = nn.Linear(4, 3)
        self.gate = nn.Linear(4, 3)
        self.scale = nn.Linear(4, 1)
        self.shift = nn.Linear(4, 3)

    def forward(self, x):
        gated = self.signal(x) * torch.sigmoid(self.gate(x))
        return gated / torch.sigmoid(self.scale(x)) - self.shift(x)


def graphs():
    torch.manual_seed(17)
    return {
        "residual": (Residual(), [[4]], 13),
        "two_in_two_out": (TwoInTwoOut(), [[3], [2]], 13),
        "gates": (Gates(), [[4]], 13),
    }


class SmallCnn(nn.Module):
    """Conv2d+ReLU, MaxPool2d, a strided padded Conv2d, BatchNorm2d (eval), AvgPool2d, a 1x1 Conv, Flatten, Linear."""

    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(1, 4, 3), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(4, 6, 3, stride=2, padding=1), nn.BatchNorm2d(6), nn.ReLU(),
            nn.AvgPool2d(2), nn.Conv2d(6, 5, 1))
        self.head = nn.Sequential(nn.Flatten(), nn.Linear(5, 3))

    def forward(self, x):
        return self.head(self.features(x))


class GroupedCnn(nn.Module):
    """A depthwise conv (groups = channels, multiplier 2), a grouped conv, AdaptiveAvgPool2d(1), Flatten, Linear;
    a ConvTranspose2d(stride 2, padding 1, output_padding 1) branch flattened into a second output."""

    def __init__(self):
        super().__init__()
        self.depthwise = nn.Conv2d(3, 6, 3, padding=1, groups=3)
        self.grouped = nn.Conv2d(6, 4, 3, stride=2, groups=2)
        self.bn = nn.BatchNorm2d(4)
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(4, 2)
        self.up = nn.ConvTranspose2d(4, 2, 3, stride=2, padding=1, output_padding=1)

    def forward(self, x):
        h = torch.relu(self.bn(self.grouped(torch.relu(self.depthwise(x)))))
        return self.fc(torch.flatten(self.pool(h), 1)), torch.flatten(torch.sigmoid(self.up(h)), 1)


def cnns():
    torch.manual_seed(18)
    small, grouped = SmallCnn(), GroupedCnn()
    for m in (small, grouped):  # moving statistics away from 0 and 1, as after training
        for bn in m.modules():
            if isinstance(bn, nn.BatchNorm2d):
                bn.running_mean.uniform_(-0.5, 0.5)
                bn.running_var.uniform_(0.5, 2.0)
                bn.weight.data.uniform_(0.5, 1.5)
                bn.bias.data.uniform_(-0.3, 0.3)
    return {"small_cnn": (small, [[1, 14, 14]], 13), "grouped_cnn": (grouped, [[3, 9, 9]], 13)}


def write_graphs():
    for name, (model, samples, opset) in {**graphs(), **cnns()}.items():
        model.eval()
        xs = [torch.randn(5, *s, generator=torch.Generator().manual_seed(len(name) + i)) for i, s in enumerate(samples)]
        path = os.path.join(OUT, "graph_" + name + ".onnx")
        ins = ["input_%d" % i for i in range(len(xs))]
        with torch.no_grad():
            ys = model(*xs)
        ys = list(ys) if isinstance(ys, tuple) else [ys]
        outs = ["output_%d" % i for i in range(len(ys))]
        axes = {n: {0: "batch"} for n in ins + outs}
        # PRESERVE exports the eval-mode model as it is: BatchNorm2d stays a BatchNormalization node (EVAL folds it
        # into the Conv before it)
        torch.onnx.export(model, tuple(xs), path, opset_version=opset, input_names=ins, output_names=outs,
                          dynamic_axes=axes, training=torch.onnx.TrainingMode.PRESERVE)
        with open(os.path.join(OUT, "graph_" + name + ".json"), "w") as f:
            json.dump({"torch_version": torch.__version__, "opset": opset,
                       "inputs": [{"shape": list(x.shape), "values": x.flatten().tolist()} for x in xs],
                       "outputs": [{"shape": list(y.shape), "values": y.flatten().tolist()} for y in ys]}, f)
            f.write("\n")
        print("wrote", os.path.normpath(path))


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
    write_graphs()


if __name__ == "__main__":
    main()
