"""Reference values of Neurona's movement ops, computed by PyTorch.

For fixed seeded float32 inputs, each case records the op, its arguments, the inputs, the
outputs and the gradient of sum(out * w) with respect to every input (for ops with several
outputs, split and chunk, the sum over the outputs of sum(out_i * w_i)). MovementGoldenTest
reads the file and compares values exactly and gradients within 1e-6; tests never run Python.

Regenerate (from the repository root, with Debian's python3-torch):

    /usr/bin/python3 neurona-testkit/src/test/python/movement_ops.py

which rewrites neurona-testkit/src/test/resources/dev/neurona/tensor/movement_ops.json.
"""

import json
import os

import torch
import torch.nn.functional as F

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "resources", "dev", "neurona", "tensor",
                   "movement_ops.json")


def sliced(x, axis, start, stop, step):
    index = [slice(None)] * x.dim()
    index[axis] = slice(start, stop, step)
    return x[tuple(index)]


# op -> (how PyTorch computes it from the inputs and the arguments)
OPS = {
    "view": lambda xs, a: xs[0].view(*a["shape"]),
    "reshape": lambda xs, a: xs[0].reshape(*a["shape"]),
    "squeeze": lambda xs, a: xs[0].squeeze(a["axis"]),
    "unsqueeze": lambda xs, a: xs[0].unsqueeze(a["axis"]),
    "permute": lambda xs, a: xs[0].permute(*a["axes"]),
    "transpose": lambda xs, a: xs[0].transpose(a["axis0"], a["axis1"]),
    "expand": lambda xs, a: xs[0].expand(*a["sizes"]),
    "slice": lambda xs, a: sliced(xs[0], a["axis"], a["start"], a["stop"], a["step"]),
    "pad": lambda xs, a: F.pad(xs[0], a["padding"], mode="constant", value=a["value"]),
    "flip": lambda xs, a: xs[0].flip(a["axes"]),
    "concat": lambda xs, a: torch.cat(xs, a["axis"]),
    "stack": lambda xs, a: torch.stack(xs, a["axis"]),
    "split": lambda xs, a: list(torch.split(xs[0], a["sizes"], a["axis"])),
    "chunk": lambda xs, a: list(torch.chunk(xs[0], a["chunks"], a["axis"])),
}

# (name, op, input shapes, arguments)
CASES = [
    ("view [2,3,4] -> [-1,4]", "view", [[2, 3, 4]], {"shape": [-1, 4]}),
    ("view [6] -> [3,1,2]", "view", [[6]], {"shape": [3, 1, 2]}),
    ("view scalar -> [1]", "view", [[]], {"shape": [1]}),
    ("reshape [2,3,4] -> [4,-1]", "reshape", [[2, 3, 4]], {"shape": [4, -1]}),
    ("squeeze axis 1", "squeeze", [[2, 1, 3]], {"axis": 1}),
    ("squeeze axis -1", "squeeze", [[2, 3, 1]], {"axis": -1}),
    ("squeeze [1] to a scalar", "squeeze", [[1]], {"axis": 0}),
    ("unsqueeze axis 0", "unsqueeze", [[2, 3]], {"axis": 0}),
    ("unsqueeze axis -1", "unsqueeze", [[2, 3]], {"axis": -1}),
    ("unsqueeze axis 1 of rank 3", "unsqueeze", [[2, 3, 4]], {"axis": 1}),
    ("unsqueeze scalar", "unsqueeze", [[]], {"axis": 0}),
    ("permute rank 1", "permute", [[5]], {"axes": [0]}),
    ("permute rank 2", "permute", [[3, 4]], {"axes": [1, 0]}),
    ("permute rank 3", "permute", [[2, 3, 4]], {"axes": [2, 0, 1]}),
    ("permute rank 4", "permute", [[2, 3, 4, 5]], {"axes": [0, 2, 3, 1]}),
    ("permute rank 4 reversed", "permute", [[2, 3, 2, 3]], {"axes": [3, 2, 1, 0]}),
    ("permute negative axes", "permute", [[2, 3, 4]], {"axes": [-1, 0, -2]}),
    ("transpose rank 2", "transpose", [[3, 4]], {"axis0": 0, "axis1": 1}),
    ("transpose rank 3 (0, 2)", "transpose", [[2, 3, 4]], {"axis0": 0, "axis1": 2}),
    ("transpose rank 4 (1, -1)", "transpose", [[2, 3, 4, 5]], {"axis0": 1, "axis1": -1}),
    ("transpose (-1, -2)", "transpose", [[2, 3, 4]], {"axis0": -1, "axis1": -2}),
    ("transpose same axis", "transpose", [[2, 3]], {"axis0": 1, "axis1": 1}),
    ("expand [3,1] -> [2,3,4]", "expand", [[3, 1]], {"sizes": [2, 3, 4]}),
    ("expand [1,4] -> [3,-1]", "expand", [[1, 4]], {"sizes": [3, -1]}),
    ("expand [4] -> [2,3,4]", "expand", [[4]], {"sizes": [2, 3, 4]}),
    ("expand [2,1,1] -> [-1,3,5]", "expand", [[2, 1, 1]], {"sizes": [-1, 3, 5]}),
    ("expand [2,1,3,1] -> [2,2,3,2]", "expand", [[2, 1, 3, 1]], {"sizes": [2, 2, 3, 2]}),
    ("expand scalar -> [3,4]", "expand", [[]], {"sizes": [3, 4]}),
    ("slice rank 1 step 3", "slice", [[10]], {"axis": 0, "start": 1, "stop": 10, "step": 3}),
    ("slice axis 0 rows 1:3", "slice", [[4, 3]], {"axis": 0, "start": 1, "stop": 3, "step": 1}),
    ("slice axis 1 0:5:2", "slice", [[3, 5]], {"axis": 1, "start": 0, "stop": 5, "step": 2}),
    ("slice axis -1 -3:100:2", "slice", [[2, 3, 7]], {"axis": -1, "start": -3, "stop": 100, "step": 2}),
    ("slice axis 1 -100:-1:3", "slice", [[2, 8, 3]], {"axis": 1, "start": -100, "stop": -1, "step": 3}),
    ("slice rank 4 axis 2 step 2", "slice", [[2, 3, 6, 2]], {"axis": 2, "start": 1, "stop": 6, "step": 2}),
    ("slice one entry with a large step", "slice", [[3, 4]], {"axis": 1, "start": 2, "stop": 4, "step": 1000}),
    ("pad rank 1", "pad", [[4]], {"padding": [1, 2], "value": 0.0}),
    ("pad rank 2 both axes", "pad", [[2, 3]], {"padding": [1, 0, 2, 1], "value": 0.5}),
    ("pad rank 3 three axes", "pad", [[2, 2, 3]], {"padding": [0, 1, 1, 0, 2, 2], "value": -1.0}),
    ("pad rank 4 last two axes", "pad", [[2, 3, 2, 2]], {"padding": [1, 1, 0, 2], "value": 0.0}),
    ("pad rank 3 last axis only", "pad", [[2, 3, 4]], {"padding": [3, 0], "value": 2.0}),
    ("pad zero amounts", "pad", [[2, 3]], {"padding": [0, 0, 0, 0], "value": 1.0}),
    ("flip rank 1", "flip", [[5]], {"axes": [0]}),
    ("flip axis 0", "flip", [[3, 4]], {"axes": [0]}),
    ("flip axes 0 and 2", "flip", [[2, 3, 4]], {"axes": [0, 2]}),
    ("flip axis -1", "flip", [[2, 3, 4]], {"axes": [-1]}),
    ("flip rank 4 three axes", "flip", [[2, 3, 2, 3]], {"axes": [1, -2, 3]}),
    ("concat axis 0 rank 1", "concat", [[3], [2]], {"axis": 0}),
    ("concat axis -1", "concat", [[2, 3], [2, 1], [2, 2]], {"axis": -1}),
    ("concat axis -2 rank 3", "concat", [[2, 1, 4], [2, 3, 4]], {"axis": -2}),
    ("concat axis 1 rank 4", "concat", [[2, 2, 3, 2], [2, 1, 3, 2]], {"axis": 1}),
    ("stack axis 0", "stack", [[2, 3], [2, 3], [2, 3]], {"axis": 0}),
    ("stack axis -1", "stack", [[2, 3], [2, 3]], {"axis": -1}),
    ("stack axis 1 rank 3", "stack", [[2, 3, 4], [2, 3, 4]], {"axis": 1}),
    ("stack rank 1 axis 1", "stack", [[4], [4], [4]], {"axis": 1}),
    ("stack scalars", "stack", [[], [], []], {"axis": 0}),
    ("split axis 1 [1,3,2]", "split", [[2, 6]], {"axis": 1, "sizes": [1, 3, 2]}),
    ("split axis -1 [2,2]", "split", [[3, 2, 4]], {"axis": -1, "sizes": [2, 2]}),
    ("split axis 0 [1,2]", "split", [[3, 2, 2]], {"axis": 0, "sizes": [1, 2]}),
    ("split rank 4 axis 2 [3,1,2]", "split", [[2, 2, 6, 2]], {"axis": 2, "sizes": [3, 1, 2]}),
    ("split one piece", "split", [[2, 3]], {"axis": 1, "sizes": [3]}),
    ("chunk axis 1 into 3", "chunk", [[2, 6]], {"axis": 1, "chunks": 3}),
    ("chunk axis -2 into 2", "chunk", [[4, 3]], {"axis": -2, "chunks": 2}),
]


def tensor_json(t):
    return {"shape": list(t.shape), "data": [float(v) for v in t.detach().reshape(-1).tolist()]}


def main():
    generator = torch.Generator().manual_seed(20240515)
    cases = []
    for name, op, shapes, args in CASES:
        inputs = [torch.randn(s, generator=generator, dtype=torch.float32).requires_grad_(True) for s in shapes]
        result = OPS[op](inputs, args)
        outputs = result if isinstance(result, list) else [result]
        weights = [torch.randn(o.shape, generator=generator, dtype=torch.float32) for o in outputs]
        loss = sum((o * w).sum() for o, w in zip(outputs, weights))
        grads = torch.autograd.grad(loss, inputs)
        cases.append({
            "name": name,
            "op": op,
            "args": args,
            "inputs": [tensor_json(t) for t in inputs],
            "weights": [tensor_json(t) for t in weights],
            "outputs": [tensor_json(t) for t in outputs],
            "grads": [tensor_json(t) for t in grads],
        })
    source = "torch " + torch.__version__ + " (neurona-testkit/src/test/python/movement_ops.py)"
    with open(OUT, "w") as f:
        # one case a line: small diffs when a case changes
        f.write('{"source": ' + json.dumps(source) + ',\n "cases": [\n  ')
        f.write(",\n  ".join(json.dumps(c) for c in cases))
        f.write("\n]}\n")
    print("wrote", len(cases), "cases to", os.path.normpath(OUT))


if __name__ == "__main__":
    main()
