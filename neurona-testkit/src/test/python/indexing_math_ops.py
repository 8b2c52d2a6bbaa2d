#!/usr/bin/python3
"""PyTorch reference values for Neurona's indexing and math ops (IndexingMathTorchTest).

Writes neurona-testkit/src/test/resources/dev/neurona/tensor/indexing_math_ops.json: for
each case, the float inputs and integer index tensors (as floats, Neurona's index form), the
op's arguments, its output, and the gradient of sum(out * w) for every float input (w a fixed
random tensor of the output's shape, stored too). Run from the repository root with Debian's
python3-torch:

    /usr/bin/python3 neurona-testkit/src/test/python/indexing_math_ops.py

The tests read the committed JSON and never run Python.
"""
import json
import os

import torch

torch.manual_seed(20240615)
CASES = []


def rand(*shape, low=-2.0, high=2.0):
    return (torch.rand(tuple(shape), dtype=torch.float64) * (high - low) + low).float()


def integers(high, *shape):
    return torch.randint(0, high, shape).float()


def tensor_json(t):
    return {"shape": list(t.shape), "data": [float(v) for v in t.detach().reshape(-1).tolist()]}


def case(name, op, args, inputs, fn, float64=False):
    """inputs: list of (name, tensor, requires_grad); fn(*tensors) -> output.

    float64: compute in double and round the results to float32, for a case where PyTorch's
    float32 arithmetic itself loses digits that Neurona (summing in double) keeps.
    """
    leaves = []
    for _, t, grad in inputs:
        leaf = t.clone().detach().double() if float64 else t.clone().detach()
        if grad:
            leaf.requires_grad_(True)
        leaves.append(leaf)
    out = fn(*leaves)
    entry = {"name": name, "op": op, "args": args,
             "inputs": [dict(name=n, grad=g, **tensor_json(t)) for (n, t, g) in inputs],
             "out": tensor_json(out.float())}
    if any(g for _, _, g in inputs):
        w = rand(*out.shape)
        out.backward(w.double() if float64 else w)
        entry["w"] = tensor_json(w)
        entry["grads"] = [tensor_json(leaf.grad.float()) if g else None for leaf, (_, _, g) in zip(leaves, inputs)]
    CASES.append(entry)


def take(x, axis, idx):
    a = axis % x.dim()
    picked = torch.index_select(x, a, idx.reshape(-1).long())
    return picked.reshape(list(x.shape[:a]) + list(idx.shape) + list(x.shape[a + 1:]))


# ---------------------------------------------------------------- indexing
case("take axis 0 with repeats", "take", {"axis": 0},
     [("x", rand(5, 3), True), ("index", torch.tensor([4.0, 0.0, 4.0, 2.0]), False)],
     lambda x, i: take(x, 0, i))
case("take axis 1 with a 2-D index", "take", {"axis": 1},
     [("x", rand(3, 5), True), ("index", torch.tensor([[1.0, 3.0], [3.0, 0.0]]), False)],
     lambda x, i: take(x, 1, i))
case("take axis -1 of 3-D", "take", {"axis": -1},
     [("x", rand(2, 3, 4), True), ("index", torch.tensor([3.0, 1.0, 1.0]), False)],
     lambda x, i: take(x, -1, i))
case("take scalar index on axis 1 of 3-D", "take", {"axis": 1},
     [("x", rand(2, 3, 4), True), ("index", torch.tensor(2.0), False)],
     lambda x, i: take(x, 1, i))
case("gather axis 0", "gather", {"axis": 0},
     [("x", rand(3, 4), True), ("index", integers(3, 2, 4), False)],
     lambda x, i: torch.gather(x, 0, i.long()))
case("gather axis 1 index narrower than x", "gather", {"axis": 1},
     [("x", rand(3, 5), True), ("index", integers(5, 2, 7), False)],
     lambda x, i: torch.gather(x, 1, i.long()))
case("gather axis -1 of 3-D", "gather", {"axis": -1},
     [("x", rand(2, 3, 4), True), ("index", integers(4, 2, 3, 6), False)],
     lambda x, i: torch.gather(x, -1, i.long()))
case("scatterAdd axis 0", "scatterAdd", {"axis": 0},
     [("x", rand(3, 4), True), ("index", integers(3, 5, 4), False), ("src", rand(5, 4), True)],
     lambda x, i, s: torch.scatter_add(x, 0, i.long(), s))
# PyTorch 1.13 cannot differentiate src when it is larger than the index (its gradient has the
# index's shape); Neurona's is zero where no index points, checked by finite differences instead
case("scatterAdd axis 1 src larger than index", "scatterAdd", {"axis": 1},
     [("x", rand(2, 3), True), ("index", integers(3, 2, 4), False), ("src", rand(3, 5), False)],
     lambda x, i, s: torch.scatter_add(x, 1, i.long(), s))
case("where [3,1] cond, [3,4] a, [4] b", "where", {},
     [("condition", torch.tensor([[1.0], [0.0], [1.0]]), False), ("a", rand(3, 4), True), ("b", rand(4), True)],
     lambda c, a, b: torch.where(c != 0, a, b))
case("where [2,3] cond from a mask, scalar b", "where", {},
     [("condition", torch.tensor([[1.0, 0.0, 2.5], [0.0, 0.0, -1.0]]), False), ("a", rand(2, 3), True),
      ("b", torch.tensor(0.25), True)],
     lambda c, a, b: torch.where(c != 0, a, b))
case("maskedFill [4] mask on [3,4]", "maskedFill", {"value": -1e9},
     [("x", rand(3, 4), True), ("mask", torch.tensor([0.0, 1.0, 1.0, 0.0]), False)],
     lambda x, m: x.masked_fill(m != 0, -1e9))
for cmp in ["gt", "ge", "lt", "le", "eq", "ne"]:
    a = torch.tensor([[0.5, 1.0, -1.0], [2.0, 0.0, 1.0]])
    b = torch.tensor([1.0, 0.0, -1.0])
    case(cmp + " [2,3] vs [3]", cmp, {},
         [("a", a, False), ("b", b, False)],
         lambda x, y, cmp=cmp: getattr(torch, cmp)(x, y).float())

# ---------------------------------------------------------------- matmul


def mm(ta, tb):
    return lambda a, b: torch.matmul(a.transpose(-1, -2) if ta else a, b.transpose(-1, -2) if tb else b)


for ta, tb in [(False, False), (True, False), (False, True), (True, True)]:
    sa = (4, 3) if ta else (3, 4)
    sb = (5, 4) if tb else (4, 5)
    case("matmul 2-D transposeA=%s transposeB=%s" % (ta, tb), "matmul", {"transposeA": ta, "transposeB": tb},
         [("a", rand(*sa), True), ("b", rand(*sb), True)], mm(ta, tb))
for name, sa, sb, ta, tb in [
        ("[2,3,4] x [4,5]", (2, 3, 4), (4, 5), False, False),
        ("[2,3,4] x [2,4,5]", (2, 3, 4), (2, 4, 5), False, False),
        ("[2,1,3,4] x [5,4,2] broadcast", (2, 1, 3, 4), (5, 4, 2), False, False),
        ("[3,4] x [2,4,5]", (3, 4), (2, 4, 5), False, False),
        ("[2,4,3]^T x [2,5,4]^T", (2, 4, 3), (2, 5, 4), True, True),
        ("[2,3,4] x [5,4]^T", (2, 3, 4), (5, 4), False, True),
        ("[2,4,3]^T x [4,5]", (2, 4, 3), (4, 5), True, False),
        ("[1,3,4] x [3,4,2]", (1, 3, 4), (3, 4, 2), False, False),
        ("[3,2,4]^T x [1,2,5]", (3, 2, 4), (1, 2, 5), True, False)]:
    case("matmul " + name, "matmul", {"transposeA": ta, "transposeB": tb},
         [("a", rand(*sa), True), ("b", rand(*sb), True)], mm(ta, tb))

# ---------------------------------------------------------------- reductions
x234 = rand(2, 3, 4)
for axes, keep in [([1], False), ([0, 2], False), ([0, 2], True), ([-1, 0], True), ([0, 1, 2], False)]:
    case("sum axes %s keepDims=%s" % (axes, keep), "sum", {"axes": axes, "keepDims": keep},
         [("x", x234, True)], lambda x, axes=axes, keep=keep: torch.sum(x, dim=axes, keepdim=keep))
    case("mean axes %s keepDims=%s" % (axes, keep), "mean", {"axes": axes, "keepDims": keep},
         [("x", x234, True)], lambda x, axes=axes, keep=keep: torch.mean(x, dim=axes, keepdim=keep))
    case("var axes %s keepDims=%s" % (axes, keep), "var", {"axes": axes, "keepDims": keep},
         [("x", x234, True)], lambda x, axes=axes, keep=keep: torch.var(x, dim=axes, unbiased=False, keepdim=keep))
    case("logsumexp axes %s keepDims=%s" % (axes, keep), "logsumexp", {"axes": axes, "keepDims": keep},
         [("x", x234 * 3, True)], lambda x, axes=axes, keep=keep: torch.logsumexp(x, dim=axes, keepdim=keep))
# values near 1000: float32 PyTorch rounds x - mean to the float spacing at 1000 (6e-5) in the
# backward, 2e-5 off the exact gradient; the reference is PyTorch in float64, rounded once
case("var axes [1] of [4,6] with offset 1000", "var", {"axes": [1], "keepDims": True},
     [("x", rand(4, 6) + 1000, True)], lambda x: torch.var(x, dim=[1], unbiased=False, keepdim=True), float64=True)
case("logsumexp axes [1] near 1e4", "logsumexp", {"axes": [1], "keepDims": False},
     [("x", torch.tensor([[0.0, 1.0, 2.0, 3.0], [10000.0, 10001.0, 10002.0, 10003.0]]), True)],
     lambda x: torch.logsumexp(x, dim=[1]))
for axis in [0, 1, -1]:
    case("cumsum axis %d of [2,3,4]" % axis, "cumsum", {"axis": axis},
         [("x", x234, True)], lambda x, axis=axis: torch.cumsum(x, dim=axis))

# ---------------------------------------------------------------- elementwise
case("clamp tensor bounds [3,4] [4] [3,1]", "clamp", {},
     [("x", rand(3, 4), True), ("min", rand(4, low=-1.5, high=-0.2), True), ("max", rand(3, 1, low=0.2, high=1.5), True)],
     lambda x, lo, hi: torch.clamp(x, min=lo, max=hi))
# the ONNX test test_logsoftmax_large_number
large = torch.tensor([[0.0, 1.0, 2.0, 3.0], [10000.0, 10001.0, 10002.0, 10003.0]])
case("logSoftmax large numbers axis -1", "logSoftmax", {"axis": -1},
     [("x", large, True)], lambda x: torch.log_softmax(x, dim=-1))
case("logSoftmax large numbers axis 0", "logSoftmax", {"axis": 0},
     [("x", large, True)], lambda x: torch.log_softmax(x, dim=0))

# ---------------------------------------------------------------- fused reductions (drawn last: earlier cases keep their values)
case("sumOfSquares of [3,4]", "sumOfSquares", {}, [("x", rand(3, 4), True)], lambda x: torch.sum(x * x))
case("sumOfSquares of [2,3,4]", "sumOfSquares", {}, [("x", rand(2, 3, 4) * 3, True)], lambda x: torch.sum(x * x))

path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "dev", "neurona", "tensor",
                    "indexing_math_ops.json")
with open(path, "w") as f:
    # one case per line, so that a regenerated file diffs case by case
    f.write('{"generator": "neurona-testkit/src/test/python/indexing_math_ops.py", "torch": %s, "cases": [\n'
            % json.dumps(torch.__version__))
    f.write(",\n".join(json.dumps(c) for c in CASES))
    f.write("\n]}\n")
print("wrote %d cases to %s" % (len(CASES), os.path.normpath(path)))
