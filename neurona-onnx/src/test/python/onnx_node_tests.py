#!/usr/bin/python3
"""Copies ONNX's own node tests that are one float input -> one float output into test resources.

Run with Debian's Python (`apt-get install python3-onnx libonnx-testdata`) from the repository root:

    /usr/bin/python3 neurona-onnx/src/test/python/onnx_node_tests.py

ONNX ships each node test as `node/<name>/model.onnx` with `test_data_set_0/{input,output}_0.pb`
(Debian's libonnx-testdata puts them under /usr/share/libonnx-testdata/data/node; pip's onnx under
onnx/backend/test/data/node). Those whose graph has one non-initializer input and one output, both
float32, and one data set, are copied (expanded `*_expanded` ones included) into
src/test/resources/onnx-node-tests/<name>/{model.onnx,input_0.pb,output_0.pb}, and manifest.json lists
them with their operators. OnnxNodeTestsTest imports each: it must reproduce output_0.pb or be refused
with an OnnxImportException.
"""
import json
import os
import shutil
import sys

import onnx

ROOTS = ["/usr/share/libonnx-testdata/data/node",
         os.path.join(os.path.dirname(onnx.__file__), "backend", "test", "data", "node")]
OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "onnx-node-tests")
FLOAT = onnx.TensorProto.FLOAT


def selected(directory):
    """Whether the node test in `directory` is one float input to one float output."""
    data = os.path.join(directory, "test_data_set_0")
    if not os.path.isfile(os.path.join(data, "input_0.pb")) or os.path.exists(os.path.join(data, "input_1.pb")):
        return None
    model = onnx.load(os.path.join(directory, "model.onnx"))
    graph = model.graph
    initializers = {t.name for t in graph.initializer}
    inputs = [v for v in graph.input if v.name not in initializers]
    if len(inputs) != 1 or len(graph.output) != 1:
        return None
    if inputs[0].type.tensor_type.elem_type != FLOAT or graph.output[0].type.tensor_type.elem_type != FLOAT:
        return None
    return model


def main():
    root = next((r for r in ROOTS if os.path.isdir(r)), None)
    if root is None:
        sys.exit("no ONNX node tests found in " + " or ".join(ROOTS) + "; apt-get install libonnx-testdata")
    if os.path.isdir(OUT):
        shutil.rmtree(OUT)
    cases = []
    for name in sorted(os.listdir(root)):
        directory = os.path.join(root, name)
        model = selected(directory)
        if model is None:
            continue
        target = os.path.join(OUT, name)
        os.makedirs(target)
        shutil.copy(os.path.join(directory, "model.onnx"), target)
        for f in ("input_0.pb", "output_0.pb"):
            shutil.copy(os.path.join(directory, "test_data_set_0", f), target)
        cases.append({"name": name, "ops": [n.op_type for n in model.graph.node],
                      "opset": max(o.version for o in model.opset_import if o.domain in ("", "ai.onnx"))})
    with open(os.path.join(OUT, "manifest.json"), "w") as f:
        json.dump({"source": root, "onnx_version": onnx.__version__, "cases": cases}, f, indent=1)
        f.write("\n")
    print(len(cases), "node tests copied from", root, "to", os.path.normpath(OUT))


if __name__ == "__main__":
    main()
