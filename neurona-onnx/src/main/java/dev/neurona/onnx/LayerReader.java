package dev.neurona.onnx;

import dev.neurona.nn.Dense;
import dev.neurona.nn.Flatten;
import dev.neurona.nn.Layer;
import dev.neurona.nn.Normalization;
import dev.neurona.nn.PReLU;
import dev.neurona.onnx.proto.Onnx.NodeProto;
import dev.neurona.tensor.Shape;
import dev.neurona.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Reads the ONNX nodes that make one layer of one computed value {@code x}: Gemm, MatMul (with the
 * constant bias Add that alone reads its product, in either operand order) as Dense, Flatten,
 * {@code Div(Sub(x, mean), std)} as Normalization, PRelu, and Identity (no layer). Everything else
 * is left to {@link ActivationReader}.
 */
final class LayerReader {

    /**
     * A layer read from {@code nodes} (the last writes its output) and its weights in the order of
     * its parameters; a null layer passes {@code x} on unchanged.
     */
    record Read(Layer layer, List<Tensor> weights, List<NodeProto> nodes) {
    }

    /** The operators read here that read axes (Identity, which reads none, aside). */
    static final java.util.Set<String> OPS = java.util.Set.of("Gemm", "MatMul", "Flatten", "Sub", "PRelu");

    private final ValueTable table;
    private final Function<String, int[]> sample;
    private final Function<String, NodeProto> soleConsumer;

    /**
     * @param sample the sample shape (after the batch) of a computed value
     * @param soleConsumer the one unread node that reads a value, or null when there are others or none
     */
    LayerReader(ValueTable table, Function<String, int[]> sample, Function<String, NodeProto> soleConsumer) {
        this.table = table;
        this.sample = sample;
        this.soleConsumer = soleConsumer;
    }

    /** The layer {@code node} starts, reading {@code x}, or null when it is no layer's (an activation's, maybe). */
    Read read(NodeProto node, String x) {
        return switch (node.getOpType()) {
            case "Identity" -> new Read(null, List.of(), List.of(node));
            case "Gemm" -> gemm(node, x);
            case "MatMul" -> matMul(node, x);
            case "Flatten" -> flatten(node, x);
            case "Sub" -> normalization(node, x);
            case "PRelu" -> prelu(node, x);
            default -> null;
        };
    }

    private Read gemm(NodeProto node, String x) {
        int[] s = sample.apply(x);
        if (s.length != 1) {
            throw table.refuse(node, "multiplies a matrix, but its input has rank " + (s.length + 1) + " ("
                    + Shape.toString(s) + " per sample)");
        }
        requireFirst(node, x);
        if (OnnxImport.attrInt(node, "transA", 0) != 0) {
            throw table.refuse(node, "has transA=1; the input is the first operand, untransposed");
        }
        Tensor w = constant(node, 1);
        if (w.rank() != 2) {
            throw table.refuse(node, "has a weight of shape " + Shape.toString(w.shape()) + "; Gemm takes a matrix");
        }
        float alpha = OnnxImport.attrFloat(node, "alpha", 1f);
        float beta = OnnxImport.attrFloat(node, "beta", 1f);
        Tensor kernel = OnnxImport.attrInt(node, "transB", 0) != 0 ? w.transpose() : w;
        if (alpha != 1f) {
            kernel = kernel.mul(alpha);
        }
        Tensor bias = node.getInputCount() > 2 && !node.getInput(2).isEmpty() ? constant(node, 2) : null;
        if (bias != null && beta != 1f) {
            bias = bias.mul(beta);
        }
        return dense(kernel, bias, node, x, List.of(node));
    }

    /** MatMul(x, W), and an Add of a constant bias that alone reads the product: Add(XW, b) or Add(b, XW). */
    private Read matMul(NodeProto node, String x) {
        requireFirst(node, x);
        Tensor kernel = constant(node, 1);
        String product = node.getOutput(0);
        NodeProto add = soleConsumer.apply(product);
        if (add != null && add.getOpType().equals("Add") && add.getInputCount() == 2 && add.getOutputCount() > 0) {
            int other = add.getInput(0).equals(product) ? 1 : 0;
            if (table.isConstant(add.getInput(other))) {
                return dense(kernel, constant(add, other), node, x, List.of(node, add));
            }
        }
        return dense(kernel, null, node, x, List.of(node));
    }

    private Read dense(Tensor kernel, Tensor bias, NodeProto node, String x, List<NodeProto> nodes) {
        int[] s = sample.apply(x);
        if (kernel.rank() != 2 || kernel.dim(0) != s[s.length - 1]) {
            throw table.refuse(node, "has a weight of shape " + Shape.toString(kernel.shape()) + " for inputs "
                    + Shape.toString(s));
        }
        int units = kernel.dim(1);
        List<Tensor> weights = new ArrayList<>(List.of(kernel));
        if (bias != null) {
            if (bias.size() == 1 && units != 1) {
                bias = Tensor.full(bias.item(), units);
            }
            if (bias.size() != units || bias.shape()[bias.rank() - 1] != units) {
                throw table.refuse(node, "has a bias of shape " + Shape.toString(bias.shape()) + " for " + units + " units");
            }
            weights.add(bias.reshape(units));
        }
        return new Read(new Dense(units).useBias(bias != null), weights, nodes);
    }

    /** {@code Div(Sub(x, mean), std)} with constant mean and std, as Normalization exports: variance = std² − ε. */
    private Read normalization(NodeProto node, String x) {
        NodeProto div = soleConsumer.apply(node.getOutput(0));
        if (div == null || !div.getOpType().equals("Div") || div.getInputCount() != 2 || div.getOutputCount() == 0
                || !div.getInput(0).equals(node.getOutput(0)) || !node.getInput(0).equals(x)
                || !table.isConstant(div.getInput(1))) {
            throw table.refuse(node, "is a Sub not followed by a Div; only (x - mean) / std is read, as Normalization");
        }
        int[] s = sample.apply(x);
        int features = s[s.length - 1];
        Tensor mean = constant(node, 1);
        Tensor std = constant(div, 1);
        if (mean.size() != features || std.size() != features) {
            throw table.refuse(node, "has a mean or std of " + mean.size() + " and " + std.size() + " values for "
                    + features + " features");
        }
        Tensor variance = std.square().sub(Normalization.EPSILON);
        return new Read(new Normalization(), List.of(mean.reshape(features), variance.reshape(features)), List.of(node, div));
    }

    private Read flatten(NodeProto node, String x) {
        int rank = sample.apply(x).length + 1;
        long axis = OnnxImport.attrInt(node, "axis", 1);
        int normalized = ActivationReader.normalizeAxis(table, node, axis, rank, rank);
        if (normalized != 1) {
            throw table.refuse(node, "flattens from axis " + axis + " (" + normalized + " of rank " + rank
                    + "); a Flatten layer keeps only the batch, axis 1");
        }
        return new Read(new Flatten(), List.of(), List.of(node));
    }

    private Read prelu(NodeProto node, String x) {
        requireFirst(node, x);
        Tensor slope = constant(node, 1);
        int[] shape = sample.apply(x);
        Tensor alpha;
        if (slope.size() == Shape.size(shape)) {
            alpha = slope.reshape(shape);
        } else if (slope.size() == 1) {
            alpha = Tensor.full(slope.item(), shape);
        } else {
            throw table.refuse(node, "has a slope of shape " + Shape.toString(slope.shape()) + " for samples "
                    + Shape.toString(shape));
        }
        return new Read(new PReLU(), List.of(alpha), List.of(node));
    }

    private void requireFirst(NodeProto node, String x) {
        if (!node.getInput(0).equals(x)) {
            throw table.refuse(node, "takes the computed value '" + x + "' as operand " + node.getInputList().indexOf(x)
                    + "; Neurona reads it as the first operand only (x·W, not W·x)");
        }
    }

    /** Input {@code input} of {@code node} as a float weight: an initializer, a Constant or a folded constant. */
    private Tensor constant(NodeProto node, int input) {
        ConstValue c = input < node.getInputCount() ? table.constant(node.getInput(input)) : null;
        if (c == null) {
            throw table.refuse(node, "needs input " + input + " as a constant weight"
                    + (input < node.getInputCount() ? "; '" + node.getInput(input) + "' is computed by the graph" : ""));
        }
        if (!c.floating()) {
            throw table.refuse(node, "has input " + input + " '" + node.getInput(input) + "' of type " + c
                    + "; weights are floating-point");
        }
        return c.toTensor();
    }
}
