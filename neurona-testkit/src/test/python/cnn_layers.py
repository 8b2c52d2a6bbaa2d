"""Reference values of Neurona's image and normalization layers, computed with PyTorch in
float64 from float32 inputs. Neurona is channels-last ([batch, height, width, channels], as
Keras) and PyTorch channels-first, so every image goes through NHWC -> NCHW before the torch op
and back after it; the JSON holds channels-last tensors only.

Each case gives a Neurona layer config, the input x, a weight g for the loss sum(out * g), and
the expected output and gradient of that loss with respect to x (and to BatchNormalization's
gamma and beta), so that CnnLayersTorchTest checks forward and backward values.

  BatchNormalization   F.batch_norm with the batch statistics (training) or given moving ones
                       (inference). The moving statistics after a training step are computed
                       here by Keras's rule, moving * momentum + batch * (1 - momentum) with the
                       biased batch variance: PyTorch's momentum is 1 - Keras's and its
                       running_var takes the unbiased variance, so its own update is not used.
  ZeroPadding2D        F.pad
  Cropping2D           slicing
  UpSampling2D         F.interpolate nearest, and bilinear with align_corners=False: half-pixel
                       centres, which for enlarging by whole factors is what Keras 3's
                       ops.image.resize (tf.image.resize, half_pixel_centers) computes
  Global*Pooling1D/2D  mean and amax over the spatial axes

Regenerate (from the repository root, with Debian's python3-torch):

    /usr/bin/python3 neurona-testkit/src/test/python/cnn_layers.py

which rewrites neurona-testkit/src/test/resources/dev/neurona/nn/cnn_layers.json.
"""

import json
import os

import torch
import torch.nn.functional as F

torch.manual_seed(17)


def tensor_json(t):
    return {"shape": list(t.shape), "values": [float(v) for v in t.reshape(-1).tolist()]}


def nchw(t):
    return t.permute(0, 3, 1, 2)


def nhwc(t):
    return t.permute(0, 2, 3, 1)


def image_case(config, shape, fn):
    """fn maps a channels-first float64 tensor to a channels-first one (or any tensor)."""
    x32 = torch.randn(*shape).float()
    x = x32.double().requires_grad_(True)
    out = fn(x)
    g32 = torch.randn(*out.shape).float()
    (out * g32.double()).sum().backward()
    return {"layer": config, "mode": "inference", "x": tensor_json(x32), "g": tensor_json(g32),
            "output": tensor_json(out.detach().float()), "x_grad": tensor_json(x.grad.float())}


def through_nchw(op):
    return lambda x: nhwc(op(nchw(x)))


CASES = []

# ZeroPadding2D: F.pad's order is (left, right, top, bottom) on NCHW
for padding, shape in (([[1, 2], [0, 3]], (2, 3, 4, 2)), ([[1, 1], [1, 1]], (1, 2, 2, 3))):
    (t, b), (l, r) = padding
    CASES.append(image_case({"type": "ZeroPadding2D", "padding": padding}, shape,
                            through_nchw(lambda x: F.pad(x, (l, r, t, b)))))

# Cropping2D
for cropping, shape in (([[1, 0], [1, 2]], (2, 5, 6, 2)), ([[2, 2], [0, 0]], (1, 6, 3, 3))):
    (t, b), (l, r) = cropping
    CASES.append(image_case({"type": "Cropping2D", "cropping": cropping}, shape,
                            lambda x: x[:, t:x.shape[1] - b, l:x.shape[2] - r, :]))

# UpSampling2D
for size, interpolation, shape in (([2, 3], "nearest", (2, 3, 2, 2)), ([2, 2], "bilinear", (2, 3, 4, 2)),
                                   ([3, 2], "bilinear", (1, 4, 3, 3)), ([1, 4], "bilinear", (1, 2, 5, 1))):
    if interpolation == "nearest":
        op = lambda x: F.interpolate(x, scale_factor=tuple(size), mode="nearest")
    else:
        op = lambda x: F.interpolate(x, scale_factor=tuple(size), mode="bilinear", align_corners=False)
    CASES.append(image_case({"type": "UpSampling2D", "size": size, "interpolation": interpolation}, shape,
                            through_nchw(op)))

# Global pooling (channels last: the spatial axes are 1 (and 2))
for kind, shape, axes in (("GlobalAveragePooling2D", (2, 3, 4, 5), (1, 2)), ("GlobalMaxPooling2D", (2, 3, 4, 5), (1, 2)),
                          ("GlobalAveragePooling1D", (2, 6, 3), (1,)), ("GlobalMaxPooling1D", (2, 6, 3), (1,))):
    for keepdims in (False, True):
        if "Average" in kind:
            op = lambda x: x.mean(dim=axes, keepdim=keepdims)
        else:
            op = lambda x: x.amax(dim=axes, keepdim=keepdims)
        CASES.append(image_case({"type": kind, "keepdims": keepdims}, shape, op))


# BatchNormalization
def batch_norm_case(shape, axis, training, momentum=0.99, epsilon=1e-3):
    channels = shape[axis]
    x32 = (torch.randn(*shape) * 2 + 0.5).float()
    gamma32 = (torch.rand(channels) + 0.5).float()
    beta32 = torch.randn(channels).float()
    mean32 = (torch.randn(channels) * 0.3).float()
    var32 = (torch.rand(channels) + 0.5).float()
    x = x32.double().requires_grad_(True)
    gamma = gamma32.double().requires_grad_(True)
    beta = beta32.double().requires_grad_(True)
    # channels to axis 1 for F.batch_norm
    xt = x.movedim(axis, 1)
    out = F.batch_norm(xt, mean32.double().clone(), var32.double().clone(), gamma, beta,
                       training=training, momentum=1 - momentum, eps=epsilon).movedim(1, axis)
    g32 = torch.randn(*out.shape).float()
    (out * g32.double()).sum().backward()
    dims = [d for d in range(len(shape)) if d != axis]
    case = {"layer": {"type": "BatchNormalization", "axis": axis if axis != len(shape) - 1 else -1,
                      "momentum": momentum, "epsilon": epsilon},
            "mode": "training" if training else "inference",
            "x": tensor_json(x32), "g": tensor_json(g32),
            "weights": {"gamma": tensor_json(gamma32), "beta": tensor_json(beta32),
                        "moving_mean": tensor_json(mean32), "moving_variance": tensor_json(var32)},
            "output": tensor_json(out.detach().float()), "x_grad": tensor_json(x.grad.float()),
            "weight_grads": {"gamma": tensor_json(gamma.grad.float()), "beta": tensor_json(beta.grad.float())}}
    if training:
        xd = x32.double()
        batch_mean = xd.mean(dim=dims)
        batch_var = xd.var(dim=dims, unbiased=False)   # Keras's moments: the biased variance
        case["moving_after"] = {
            "moving_mean": tensor_json((mean32.double() * momentum + batch_mean * (1 - momentum)).float()),
            "moving_variance": tensor_json((var32.double() * momentum + batch_var * (1 - momentum)).float())}
    return case


for training in (True, False):
    CASES.append(batch_norm_case((2, 3, 4, 3), 3, training))          # after a convolution
    CASES.append(batch_norm_case((6, 4), 1, training))                # after Dense
    CASES.append(batch_norm_case((2, 3, 4, 5), 1, training, 0.9))     # channels on axis 1, another momentum
    CASES.append(batch_norm_case((3, 2, 5), 2, training, 0.5, 1e-2))  # rank 3

path = os.path.join("neurona-testkit", "src", "test", "resources", "dev", "neurona", "nn", "cnn_layers.json")
os.makedirs(os.path.dirname(path), exist_ok=True)
with open(path, "w") as f:
    json.dump({"generator": "neurona-testkit/src/test/python/cnn_layers.py",
               "torch": torch.__version__, "cases": CASES}, f, indent=1)
print("wrote", path, len(CASES), "cases")
