"""Reference values of Neurona's convolution and pooling ops, computed by PyTorch.

Neurona is channels-last ([batch, height, width, channels], kernels [kh, kw, in/groups, filters] as
Keras; a transposed convolution's kernel is [kh, kw, filters/groups, in]); PyTorch is channels-first,
so every case transposes its inputs in and its outputs and gradients back. Padding is explicit per
side ([top, bottom, left, right]), applied with F.pad (zeros for convolutions and average pooling,
-inf for max pooling); average pooling divides by the cells inside the input only (Keras's 'same',
count_include_pad=False), computed as a sum over a padded input divided by the same sum over ones.
A transposed convolution with uneven padding or output padding is PyTorch's unpadded one, padded at
the far side by the output padding and cropped.

For fixed seeded float32 inputs each case records the op, its arguments, the inputs, the output and
the gradient of sum(out * w) with respect to every input. ConvGoldenTest reads the file; tests never
run Python. Regenerate (from the repository root, with Debian's python3-torch):

    /usr/bin/python3 neurona-testkit/src/test/python/conv_ops.py

which rewrites neurona-testkit/src/test/resources/dev/neurona/tensor/conv_ops.json.
"""

import json
import os

import torch
import torch.nn.functional as F

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "resources", "dev", "neurona", "tensor",
                   "conv_ops.json")


def nchw(x):
    return x.permute(0, 3, 1, 2)


def nhwc(x):
    return x.permute(0, 2, 3, 1)


def torch_pad(padding):
    top, bottom, left, right = padding
    return (left, right, top, bottom)


def conv2d(xs, a):
    x, k = xs
    weight = k.permute(3, 2, 0, 1)  # [kh, kw, cg, f] -> [f, cg, kh, kw]
    padded = F.pad(nchw(x), torch_pad(a["padding"]))
    return nhwc(F.conv2d(padded, weight, stride=a["strides"], dilation=a["dilation"], groups=a["groups"]))


def conv2d_transpose(xs, a):
    x, k = xs
    weight = k.permute(3, 2, 0, 1)  # [kh, kw, f/g, cin] -> [cin, f/g, kh, kw]
    y = F.conv_transpose2d(nchw(x), weight, stride=a["strides"], dilation=a["dilation"], groups=a["groups"])
    top, bottom, left, right = a["padding"]
    op_h, op_w = a["outputPadding"]
    y = F.pad(y, (0, op_w, 0, op_h))
    height = y.shape[2] - top - bottom
    width = y.shape[3] - left - right
    return nhwc(y[:, :, top:top + height, left:left + width])


def conv1d(xs, a):
    x, k = xs
    weight = k.permute(2, 1, 0)  # [k, cg, f] -> [f, cg, k]
    padded = F.pad(x.permute(0, 2, 1), tuple(a["padding"]))
    return F.conv1d(padded, weight, stride=a["stride"], dilation=a["dilation"], groups=a["groups"]).permute(0, 2, 1)


def max_pool2d(xs, a):
    padded = F.pad(nchw(xs[0]), torch_pad(a["padding"]), value=float("-inf"))
    return nhwc(F.max_pool2d(padded, a["pool"], a["strides"]))


def avg_pool2d(xs, a):
    x = nchw(xs[0])
    pad = torch_pad(a["padding"])
    sums = F.avg_pool2d(F.pad(x, pad), a["pool"], a["strides"], divisor_override=1)
    counts = F.avg_pool2d(F.pad(torch.ones_like(x), pad), a["pool"], a["strides"], divisor_override=1)
    return nhwc(sums / counts)


def pool1d(pool2d):
    def run(xs, a):
        args = {"pool": [1, a["pool"]], "strides": [1, a["stride"]], "padding": [0, 0] + list(a["padding"])}
        return pool2d([xs[0].unsqueeze(1)], args).squeeze(1)
    return run


OPS = {
    "conv2d": conv2d,
    "conv2dTranspose": conv2d_transpose,
    "conv1d": conv1d,
    "maxPool2d": max_pool2d,
    "avgPool2d": avg_pool2d,
    "maxPool1d": pool1d(max_pool2d),
    "avgPool1d": pool1d(avg_pool2d),
}


def conv(strides=(1, 1), padding=(0, 0, 0, 0), dilation=(1, 1), groups=1):
    return {"strides": list(strides), "padding": list(padding), "dilation": list(dilation), "groups": groups}


def transpose(strides=(1, 1), padding=(0, 0, 0, 0), dilation=(1, 1), groups=1, output_padding=(0, 0)):
    args = conv(strides, padding, dilation, groups)
    args["outputPadding"] = list(output_padding)
    return args


def pool(size, strides, padding=(0, 0, 0, 0)):
    return {"pool": list(size), "strides": list(strides), "padding": list(padding)}


def pool1(size, stride, padding=(0, 0)):
    return {"pool": size, "stride": stride, "padding": list(padding)}


# (name, op, input shapes, arguments)
CASES = [
    ("conv2d 3x3 valid", "conv2d", [[2, 5, 5, 3], [3, 3, 3, 4]], conv()),
    ("conv2d 3x3 stride 2 padding 1", "conv2d", [[2, 7, 6, 2], [3, 3, 2, 3]], conv((2, 2), (1, 1, 1, 1))),
    ("conv2d Keras same stride 2 (uneven padding)", "conv2d", [[1, 6, 6, 2], [3, 3, 2, 2]], conv((2, 2), (0, 1, 0, 1))),
    ("conv2d dilation 2 padding 2", "conv2d", [[1, 7, 7, 2], [3, 3, 2, 3]], conv(padding=(2, 2, 2, 2), dilation=(2, 2))),
    ("conv2d groups 2", "conv2d", [[2, 5, 5, 4], [3, 3, 2, 6]], conv(groups=2)),
    ("conv2d depthwise multiplier 2 padding 1", "conv2d", [[2, 5, 5, 3], [3, 3, 1, 6]],
     conv(padding=(1, 1, 1, 1), groups=3)),
    ("conv2d 1x1 pointwise", "conv2d", [[2, 4, 4, 3], [1, 1, 3, 5]], conv()),
    ("conv2d 1x1 pointwise groups 2", "conv2d", [[2, 3, 3, 4], [1, 1, 2, 6]], conv(groups=2)),
    ("conv2d 1x1 stride 2", "conv2d", [[1, 5, 5, 2], [1, 1, 2, 3]], conv((2, 2))),
    ("conv2d 2x3 strides [2,1] dilation [1,2] uneven padding", "conv2d", [[2, 8, 7, 3], [2, 3, 3, 2]],
     conv((2, 1), (1, 0, 2, 1), (1, 2))),
    ("conv2d kernel as large as the input", "conv2d", [[2, 3, 3, 2], [3, 3, 2, 4]], conv()),
    ("conv2dTranspose 3x3 stride 1", "conv2dTranspose", [[2, 3, 3, 4], [3, 3, 2, 4]], transpose()),
    ("conv2dTranspose 3x3 stride 2 valid", "conv2dTranspose", [[2, 3, 4, 3], [3, 3, 2, 3]], transpose((2, 2))),
    ("conv2dTranspose Keras same stride 2 (uneven padding)", "conv2dTranspose", [[1, 3, 3, 2], [3, 3, 2, 2]],
     transpose((2, 2), (0, 1, 0, 1))),
    ("conv2dTranspose stride 2 padding 1 output padding 1", "conv2dTranspose", [[1, 3, 3, 2], [3, 3, 3, 2]],
     transpose((2, 2), (1, 1, 1, 1), output_padding=(1, 1))),
    ("conv2dTranspose dilation 2", "conv2dTranspose", [[1, 4, 4, 2], [3, 3, 2, 2]], transpose(dilation=(2, 2))),
    ("conv2dTranspose groups 2", "conv2dTranspose", [[2, 3, 3, 4], [3, 3, 3, 4]], transpose(groups=2)),
    ("conv2dTranspose 2x2 stride 2 (upsampling)", "conv2dTranspose", [[2, 3, 3, 3], [2, 2, 4, 3]], transpose((2, 2))),
    ("conv1d valid", "conv1d", [[2, 7, 3], [3, 3, 4]], {"stride": 1, "padding": [0, 0], "dilation": 1, "groups": 1}),
    ("conv1d stride 2 padding 1 dilation 2", "conv1d", [[2, 9, 2], [3, 2, 3]],
     {"stride": 2, "padding": [1, 1], "dilation": 2, "groups": 1}),
    ("conv1d causal dilation 2", "conv1d", [[1, 8, 2], [3, 2, 2]],
     {"stride": 1, "padding": [4, 0], "dilation": 2, "groups": 1}),
    ("conv1d groups 2", "conv1d", [[2, 6, 4], [2, 2, 4]], {"stride": 1, "padding": [0, 0], "dilation": 1, "groups": 2}),
    ("maxPool2d 2x2 stride 2", "maxPool2d", [[2, 4, 4, 3]], pool((2, 2), (2, 2))),
    ("maxPool2d 3x3 stride 2 Keras same", "maxPool2d", [[2, 5, 5, 2]], pool((3, 3), (2, 2), (1, 1, 1, 1))),
    ("maxPool2d 2x2 stride 2 Keras same (uneven)", "maxPool2d", [[1, 5, 6, 2]], pool((2, 2), (2, 2), (0, 1, 0, 0))),
    ("maxPool2d 2x3 strides [1,2]", "maxPool2d", [[2, 5, 7, 2]], pool((2, 3), (1, 2))),
    ("maxPool2d 3x3 stride 1 overlapping", "maxPool2d", [[1, 4, 4, 2]], pool((3, 3), (1, 1))),
    ("avgPool2d 2x2 stride 2", "avgPool2d", [[2, 4, 4, 3]], pool((2, 2), (2, 2))),
    ("avgPool2d 3x3 stride 2 Keras same", "avgPool2d", [[2, 5, 5, 2]], pool((3, 3), (2, 2), (1, 1, 1, 1))),
    ("avgPool2d 2x2 stride 2 Keras same (uneven)", "avgPool2d", [[1, 5, 6, 2]], pool((2, 2), (2, 2), (0, 1, 0, 0))),
    ("avgPool2d 2x3 strides [1,2]", "avgPool2d", [[2, 5, 7, 2]], pool((2, 3), (1, 2))),
    ("avgPool2d 3x3 stride 1 padding 1", "avgPool2d", [[1, 4, 4, 2]], pool((3, 3), (1, 1), (1, 1, 1, 1))),
    ("maxPool1d 2 stride 2", "maxPool1d", [[2, 7, 3]], pool1(2, 2)),
    ("maxPool1d 3 stride 1 padding 1", "maxPool1d", [[2, 6, 2]], pool1(3, 1, (1, 1))),
    ("avgPool1d 2 stride 2 Keras same (uneven)", "avgPool1d", [[2, 5, 3]], pool1(2, 2, (0, 1))),
    ("avgPool1d 3 stride 1 padding 1", "avgPool1d", [[2, 6, 2]], pool1(3, 1, (1, 1))),
]


def tensor_json(t):
    return {"shape": list(t.shape), "data": [float(v) for v in t.detach().reshape(-1).tolist()]}


def main():
    generator = torch.Generator().manual_seed(20240601)
    cases = []
    for name, op, shapes, args in CASES:
        inputs = [torch.randn(s, generator=generator, dtype=torch.float32).requires_grad_(True) for s in shapes]
        out = OPS[op](inputs, args)
        weight = torch.randn(out.shape, generator=generator, dtype=torch.float32)
        grads = torch.autograd.grad((out * weight).sum(), inputs)
        cases.append({
            "name": name,
            "op": op,
            "args": args,
            "inputs": [tensor_json(t) for t in inputs],
            "weights": [tensor_json(weight)],
            "outputs": [tensor_json(out)],
            "grads": [tensor_json(t) for t in grads],
        })
    source = "torch " + torch.__version__ + " (neurona-testkit/src/test/python/conv_ops.py)"
    with open(OUT, "w") as f:
        f.write('{"source": ' + json.dumps(source) + ',\n "cases": [\n  ')
        f.write(",\n  ".join(json.dumps(c) for c in cases))
        f.write("\n]}\n")
    print("wrote", len(cases), "cases to", os.path.normpath(OUT))


if __name__ == "__main__":
    main()
