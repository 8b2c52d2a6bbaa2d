package dev.neurona.onnx;

import dev.neurona.activations.Activation;
import dev.neurona.activations.Activations;
import dev.neurona.activations.LogSoftmax;
import dev.neurona.onnx.proto.Onnx.NodeProto;

/**
 * Reads one ONNX operator as a Neurona activation (compositions of several nodes are
 * {@link CompositionReader}'s). The inverse of {@link ActivationMapper}, and as strict: an
 * operator whose attributes do not match a Neurona activation is refused rather than
 * approximated. Identities in disguise (a Clip without bounds, a one-input Max, Min, Mean or
 * Sum) read as linear, which adds no layer.
 */
final class ActivationReader {

    /** The operators read here that compute element by element, so that a value's axis order passes through. */
    static final java.util.Set<String> ELEMENTWISE = java.util.Set.of("Relu", "Tanh", "Sigmoid", "Sign", "Softplus",
            "Softsign", "Exp", "HardSwish", "Max", "Min", "Mean", "Sum", "LeakyRelu", "Elu", "Gelu", "Selu", "HardSigmoid",
            "Clip", "Dropout");

    private static final double SELU_ALPHA = 1.6732632423543772;
    private static final double SELU_GAMMA = 1.0507009873554805;

    private ActivationReader() {
    }

    /**
     * The activation {@code node} computes from the current value of {@code in}, whose rank
     * (batch included) is {@code rank}.
     *
     * @throws OnnxImportException naming the node when it has no Neurona counterpart
     */
    static Activation read(ValueTable table, NodeProto node, int rank) {
        String op = node.getOpType();
        int inputs = node.getInputCount();
        Activation a = switch (op) {
            case "Relu" -> Activations.relu();
            case "Tanh" -> Activations.tanh();
            case "Sigmoid" -> Activations.sigmoid();
            case "Sign" -> Activations.sign();
            case "Softplus" -> Activations.softplus();
            case "Softsign" -> Activations.softsign();
            case "Exp" -> Activations.exponential();
            case "HardSwish" -> Activations.hardSilu();
            case "Max", "Min", "Mean", "Sum" -> Activations.linear();
            case "LeakyRelu" -> Activations.leakyRelu(OnnxImport.attrFloat(node, "alpha", 0.01f));
            case "Elu" -> Activations.elu(OnnxImport.attrFloat(node, "alpha", 1f));
            case "Gelu" -> gelu(table, node);
            case "Softmax" -> Activations.softmax(axis(table, node, rank));
            case "LogSoftmax" -> new LogSoftmax(axis(table, node, rank));
            case "Selu" -> close(OnnxImport.attrFloat(node, "alpha", (float) SELU_ALPHA), SELU_ALPHA)
                    && close(OnnxImport.attrFloat(node, "gamma", (float) SELU_GAMMA), SELU_GAMMA) ? Activations.selu() : null;
            case "HardSigmoid" -> close(OnnxImport.attrFloat(node, "alpha", 0.2f), 1.0 / 6)
                    && close(OnnxImport.attrFloat(node, "beta", 0.5f), 0.5) ? Activations.hardSigmoid() : null;
            case "Clip" -> clip(table, node);
            case "Dropout" -> dropout(table, node);
            case "Add", "Sub", "Mul", "Div", "Pow" -> throw table.refuse(node, "is arithmetic on the previous output that"
                    + " forms no Neurona layer or composition (a bias after MatMul, Normalization, gelu, silu, hard_silu,"
                    + " an expanded softmax or log_softmax)");
            default -> throw table.refuse(node, "has no Neurona layer or activation");
        };
        if (a == null) {
            throw table.refuse(node, "has attributes or inputs that match no Neurona activation");
        }
        if (inputs != 1 && !op.equals("Clip") && !op.equals("Dropout")) {
            throw table.refuse(node, "has " + inputs + " inputs; as an activation it takes one");
        }
        return a;
    }

    private static Activation gelu(ValueTable table, NodeProto node) {
        String approximate = OnnxImport.attrString(node, "approximate", "none");
        return switch (approximate) {
            case "none" -> Activations.gelu(false);
            case "tanh" -> Activations.gelu(true);
            default -> throw table.refuse(node, "has approximate='" + approximate + "'; ONNX defines 'none' and 'tanh'");
        };
    }

    /**
     * Softmax's axis, normalized against the rank and written as Neurona does (-1 for the last).
     * Before opset 13 the operator flattens every axis from {@code axis} on, which is one axis
     * only when it is the last.
     */
    static int axis(ValueTable table, NodeProto node, int rank) {
        int opset = table.opset();
        long axis = OnnxImport.attrInt(node, "axis", opset >= 13 ? -1 : 1);
        int normalized = normalizeAxis(table, node, axis, rank, rank - 1);
        if (normalized == rank - 1) {
            return -1;
        }
        if (opset < 13) {
            throw table.refuse(node, "normalizes over axes " + normalized + " to " + (rank - 1)
                    + " together (opset < 13); Neurona's softmax normalizes over one axis");
        }
        return normalized;
    }

    /**
     * {@code axis} in {@code [-rank, max]} made non-negative (ONNX's negative axes count from
     * the end).
     *
     * @throws OnnxImportException naming the node when the axis is out of that range
     */
    static int normalizeAxis(ValueTable table, NodeProto node, long axis, int rank, int max) {
        if (axis < -rank || axis > max) {
            throw table.refuse(node, "has axis " + axis + ", out of range [" + -rank + ", " + max + "] for its input of rank "
                    + rank);
        }
        return (int) (axis < 0 ? axis + rank : axis);
    }

    /** Clip(0, 6) is relu6, Clip(0) relu and Clip() the identity; other bounds match nothing. */
    private static Activation clip(ValueTable table, NodeProto node) {
        Double min = clipBound(table, node, 1, "min");
        Double max = clipBound(table, node, 2, "max");
        if (min == null && max == null) {
            return Activations.linear();
        }
        if (min != null && min == 0 && max == null) {
            return Activations.relu();
        }
        if (min != null && min == 0 && max != null && max == 6) {
            return Activations.relu6();
        }
        throw table.refuse(node, "clips to [" + (min == null ? "-inf" : min) + ", " + (max == null ? "inf" : max)
                + "]; Neurona reads [0, 6] as relu6, [0, inf) as relu and no bounds as the identity");
    }

    /** A bound of Clip: an attribute before opset 11, an optional constant input from 11; null when absent. */
    private static Double clipBound(ValueTable table, NodeProto node, int input, String attribute) {
        if (table.opset() < 11) {
            float v = OnnxImport.attrFloat(node, attribute, Float.NaN);
            return Float.isNaN(v) || Float.isInfinite(v) ? null : (double) v;
        }
        if (input >= node.getInputCount() || node.getInput(input).isEmpty()) {
            return null;
        }
        ConstValue c = table.constant(node.getInput(input));
        if (c == null || !c.isSingle()) {
            throw table.refuse(node, "takes its " + attribute + " from '" + node.getInput(input)
                    + "', which is not a scalar constant");
        }
        return Double.isInfinite(c.single()) ? null : c.single();
    }

    /** Dropout is the identity at inference, unless its training_mode input is a constant true. */
    private static Activation dropout(ValueTable table, NodeProto node) {
        if (node.getInputCount() > 3) {
            throw table.refuse(node, "has " + node.getInputCount() + " inputs; Dropout takes at most three");
        }
        if (node.getInputCount() == 3 && !node.getInput(2).isEmpty()) {
            ConstValue training = table.constant(node.getInput(2));
            if (training == null || !training.isSingle() || training.single() != 0) {
                throw table.refuse(node, "may run in training mode (input 'training_mode' is "
                        + (training == null ? "computed by the graph" : training) + "); only inference dropout is read");
            }
        }
        return Activations.linear();
    }

    private static boolean close(float actual, double expected) {
        return Math.abs(actual - expected) <= 1e-6 * Math.abs(expected);
    }
}
