"""Reference values of Neurona's convolution and pooling layers, computed by PyTorch.

Each case is a layer config as Keras writes it (channels-last, Keras's padding rules), seeded
float32 weights in Keras layout (in the layer's weight order: the kernel, a separable layer's
pointwise kernel, then the bias), an input, the output, and the gradients of sum(out * w) with
respect to the input and every weight. Keras's rules are derived here on their own: 'same'
padding as TensorFlow (output ceil(size / stride), an odd total padding puts the extra zero
after), 'causal' as zeros before the sequence, Conv2DTranspose's output size as Keras's
deconv_output_length; the arithmetic comes from conv_ops.py's PyTorch references.
ConvLayersGoldenTest reads the file; tests never run Python. Regenerate with

    /usr/bin/python3 neurona-testkit/src/test/python/conv_layers.py

which rewrites neurona-testkit/src/test/resources/dev/neurona/nn/conv_layers.json.
"""

import json
import os

import torch

import conv_ops as ops

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "resources", "dev", "neurona", "nn",
                   "conv_layers.json")


def tup(v, rank):
    return list(v) if isinstance(v, (list, tuple)) else [v] * rank


def same_pad(size, k, s, d):
    eff = d * (k - 1) + 1
    out = -(-size // s)
    total = max((out - 1) * s + eff - size, 0)
    return [total // 2, total - total // 2]


def axis_pad(padding, size, k, s, d):
    if padding == "same":
        return same_pad(size, k, s, d)
    if padding == "causal":
        return [d * (k - 1), 0]
    return [0, 0]


def activate(name, y):
    return torch.relu(y) if name == "relu" else torch.tanh(y) if name == "tanh" else y


def conv_layer(cfg, x, weights):
    rank = 1 if cfg["type"] == "Conv1D" else 2
    k = tup(cfg["kernel_size"], rank)
    s = tup(cfg.get("strides", 1), rank)
    d = tup(cfg.get("dilation_rate", 1), rank)
    padding = cfg.get("padding", "valid")
    spatial = list(x.shape[1:1 + rank])
    pads = [axis_pad(padding, spatial[a], k[a], s[a], d[a]) for a in range(rank)]
    groups = cfg.get("groups", 1)
    if rank == 1:
        y = ops.conv1d([x, weights[0]], {"stride": s[0], "padding": pads[0], "dilation": d[0], "groups": groups})
    else:
        y = ops.conv2d([x, weights[0]], ops.conv(s, pads[0] + pads[1], d, groups))
    return y


def depthwise(cfg, x, kernel):
    k = tup(cfg["kernel_size"], 2)
    s = tup(cfg.get("strides", 1), 2)
    d = tup(cfg.get("dilation_rate", 1), 2)
    padding = cfg.get("padding", "valid")
    pads = [axis_pad(padding, x.shape[1 + a], k[a], s[a], d[a]) for a in range(2)]
    c, m = kernel.shape[2], kernel.shape[3]
    return ops.conv2d([x, kernel.reshape(k[0], k[1], 1, c * m)], ops.conv(s, pads[0] + pads[1], d, c))


def transpose_layer(cfg, x, weights):
    k = tup(cfg["kernel_size"], 2)
    s = tup(cfg.get("strides", 1), 2)
    d = tup(cfg.get("dilation_rate", 1), 2)
    padding = cfg.get("padding", "valid")
    op = cfg.get("output_padding")
    pad, extra = [], []
    for a in range(2):
        h = x.shape[1 + a]
        eff = d[a] * (k[a] - 1) + 1
        if op is None:
            out = h * s[a] if padding == "same" else h * s[a] + max(eff - s[a], 0)
        else:
            out = (h - 1) * s[a] + eff - 2 * (eff // 2 if padding == "same" else 0) + tup(op, 2)[a]
        total = max((h - 1) * s[a] + eff - out, 0) if padding == "same" else 0
        pad += [total // 2, total - total // 2]
        extra.append(out - ((h - 1) * s[a] - total + eff))
    return ops.conv2d_transpose([x, weights[0]], ops.transpose(s, pad, d, 1, extra))


def pool_layer(cfg, x):
    rank = 1 if cfg["type"].endswith("1D") else 2
    p = tup(cfg.get("pool_size", 2), rank)
    s = tup(cfg.get("strides", p), rank)
    padding = cfg.get("padding", "valid")
    pads = [axis_pad(padding, x.shape[1 + a], p[a], s[a], 1) for a in range(rank)]
    fn = ops.max_pool2d if cfg["type"].startswith("Max") else ops.avg_pool2d
    if rank == 1:
        return ops.pool1d(fn)([x], {"pool": p[0], "stride": s[0], "padding": pads[0]})
    return fn([x], ops.pool(p, s, pads[0] + pads[1]))


def forward(cfg, x, weights):
    t = cfg["type"]
    if t.endswith("Pooling1D") or t.endswith("Pooling2D"):
        return pool_layer(cfg, x)
    if t == "DepthwiseConv2D":
        y = depthwise(cfg, x, weights[0])
    elif t == "SeparableConv2D":
        y = ops.conv2d([depthwise(cfg, x, weights[0]), weights[1]], ops.conv())
    elif t == "Conv2DTranspose":
        y = transpose_layer(cfg, x, weights)
    else:
        y = conv_layer(cfg, x, weights)
    if cfg.get("use_bias", True):
        y = y + weights[-1]
    return activate(cfg.get("activation", "linear"), y)


def weight_shapes(cfg, channels):
    t = cfg["type"]
    if t.endswith("Pooling1D") or t.endswith("Pooling2D"):
        return []
    rank = 1 if t == "Conv1D" else 2
    k = tup(cfg["kernel_size"], rank)
    m = cfg.get("depth_multiplier", 1)
    if t == "DepthwiseConv2D":
        shapes = [k + [channels, m]]
        out = channels * m
    elif t == "SeparableConv2D":
        shapes = [k + [channels, m], [1, 1, channels * m, cfg["filters"]]]
        out = cfg["filters"]
    elif t == "Conv2DTranspose":
        shapes = [k + [cfg["filters"], channels]]
        out = cfg["filters"]
    else:
        shapes = [k + [channels // cfg.get("groups", 1), cfg["filters"]]]
        out = cfg["filters"]
    return shapes + ([[out]] if cfg.get("use_bias", True) else [])


# (name, Keras config, input shape)
CASES = [
    ("Conv2D 4 3x3 relu", {"type": "Conv2D", "filters": 4, "kernel_size": 3, "activation": "relu"}, [2, 6, 6, 3]),
    ("Conv2D [3,2] strides 2 same", {"type": "Conv2D", "filters": 3, "kernel_size": [3, 2], "strides": 2,
                                     "padding": "same"}, [2, 7, 6, 2]),
    ("Conv2D dilation 2 same groups 2 tanh", {"type": "Conv2D", "filters": 4, "kernel_size": 3, "dilation_rate": 2,
                                              "padding": "same", "groups": 2, "activation": "tanh"}, [1, 7, 7, 4]),
    ("Conv2D no bias strides [1,2]", {"type": "Conv2D", "filters": 2, "kernel_size": 2, "strides": [1, 2],
                                      "use_bias": False}, [2, 4, 5, 3]),
    ("Conv1D causal dilation 2", {"type": "Conv1D", "filters": 3, "kernel_size": 3, "padding": "causal",
                                  "dilation_rate": 2}, [2, 8, 2]),
    ("Conv1D same stride 2 relu", {"type": "Conv1D", "filters": 4, "kernel_size": 4, "strides": 2, "padding": "same",
                                   "activation": "relu"}, [2, 9, 3]),
    ("Conv2DTranspose 3x3 strides 2 same", {"type": "Conv2DTranspose", "filters": 3, "kernel_size": 3, "strides": 2,
                                            "padding": "same"}, [2, 3, 3, 2]),
    ("Conv2DTranspose 2x2 strides 2 valid relu", {"type": "Conv2DTranspose", "filters": 2, "kernel_size": 2,
                                                  "strides": 2, "activation": "relu"}, [2, 3, 4, 3]),
    ("Conv2DTranspose 3x3 valid stride 1", {"type": "Conv2DTranspose", "filters": 2, "kernel_size": 3}, [1, 3, 3, 2]),
    ("Conv2DTranspose same output_padding 1", {"type": "Conv2DTranspose", "filters": 2, "kernel_size": 3,
                                               "strides": 2, "padding": "same", "output_padding": 1}, [1, 3, 3, 2]),
    ("Conv2DTranspose kernel 1 stride 3 (kernel smaller than the stride)",
     {"type": "Conv2DTranspose", "filters": 2, "kernel_size": 1, "strides": 3, "padding": "same"}, [1, 2, 2, 2]),
    ("DepthwiseConv2D 3x3 multiplier 2 same", {"type": "DepthwiseConv2D", "kernel_size": 3, "depth_multiplier": 2,
                                               "padding": "same"}, [2, 5, 5, 3]),
    ("DepthwiseConv2D strides 2 relu", {"type": "DepthwiseConv2D", "kernel_size": 2, "strides": 2,
                                        "activation": "relu"}, [2, 6, 6, 2]),
    ("SeparableConv2D 4 3x3 multiplier 2 strides 2", {"type": "SeparableConv2D", "filters": 4, "kernel_size": 3,
                                                      "depth_multiplier": 2, "strides": 2}, [2, 7, 7, 2]),
    ("SeparableConv2D same relu", {"type": "SeparableConv2D", "filters": 3, "kernel_size": 3, "padding": "same",
                                   "activation": "relu"}, [1, 5, 5, 2]),
    ("MaxPooling2D 3 strides 2 same", {"type": "MaxPooling2D", "pool_size": 3, "strides": 2, "padding": "same"},
     [2, 5, 5, 2]),
    ("MaxPooling2D 2 (odd input)", {"type": "MaxPooling2D", "pool_size": 2}, [2, 5, 5, 2]),
    ("AveragePooling2D 2 same (odd input)", {"type": "AveragePooling2D", "pool_size": 2, "padding": "same"},
     [2, 5, 5, 2]),
    ("AveragePooling2D [2,3] strides 1", {"type": "AveragePooling2D", "pool_size": [2, 3], "strides": 1},
     [1, 4, 5, 2]),
    ("MaxPooling1D 2", {"type": "MaxPooling1D", "pool_size": 2}, [2, 7, 3]),
    ("AveragePooling1D 3 strides 1 same", {"type": "AveragePooling1D", "pool_size": 3, "strides": 1,
                                           "padding": "same"}, [2, 6, 2]),
]


def main():
    generator = torch.Generator().manual_seed(20240602)
    cases = []
    for name, cfg, shape in CASES:
        x = torch.randn(shape, generator=generator, dtype=torch.float32).requires_grad_(True)
        weights = [(0.5 * torch.randn(s, generator=generator, dtype=torch.float32)).requires_grad_(True)
                   for s in weight_shapes(cfg, shape[-1])]
        out = forward(cfg, x, weights)
        w = torch.randn(out.shape, generator=generator, dtype=torch.float32)
        grads = torch.autograd.grad((out * w).sum(), [x] + weights)
        cases.append({
            "name": name,
            "config": cfg,
            "input": ops.tensor_json(x),
            "weights": [ops.tensor_json(t) for t in weights],
            "output": ops.tensor_json(out),
            "lossWeights": ops.tensor_json(w),
            "grads": [ops.tensor_json(t) for t in grads],
        })
    source = "torch " + torch.__version__ + " (neurona-testkit/src/test/python/conv_layers.py)"
    with open(OUT, "w") as f:
        f.write('{"source": ' + json.dumps(source) + ',\n "cases": [\n  ')
        f.write(",\n  ".join(json.dumps(c) for c in cases))
        f.write("\n]}\n")
    print("wrote", len(cases), "cases to", os.path.normpath(OUT))


if __name__ == "__main__":
    main()
