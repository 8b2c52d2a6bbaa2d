package dev.neurona.onnx;

import dev.neurona.activations.Activation;
import dev.neurona.activations.Activations;
import dev.neurona.activations.LogSoftmax;
import dev.neurona.onnx.proto.Onnx.NodeProto;
import java.util.List;

/**
 * Recognizes the activation that starts at the current node of an {@link OnnxImport}: one
 * operator, or one of the compositions {@link ActivationMapper} writes (gelu, silu,
 * hard_silu). The inverse of {@code ActivationMapper}, and as strict: an operator whose
 * attributes do not match a Neurona activation is refused rather than approximated.
 */
final class ActivationReader {

    private static final double SELU_ALPHA = 1.6732632423543772;
    private static final double SELU_GAMMA = 1.0507009873554805;
    /** gelu's compositions: the operators in order, and the scalar constants they take, in order. */
    private static final List<String> GELU_ERF = List.of("Div", "Erf", "Add", "Mul", "Mul");
    private static final double[] GELU_ERF_CONSTANTS = {Math.sqrt(2), 1, 0.5};
    private static final List<String> GELU_TANH = List.of("Mul", "Mul", "Mul", "Add", "Mul", "Tanh", "Add", "Mul", "Mul");
    private static final double[] GELU_TANH_CONSTANTS = {0.044715, Math.sqrt(2 / Math.PI), 1, 0.5};

    private ActivationReader() {
    }

    /** The activation at the current node, after moving {@code in} past its nodes. */
    static Activation read(OnnxImport in, NodeProto node) {
        String x = in.current();
        Activation a = switch (node.getOpType()) {
            case "Relu" -> Activations.relu();
            case "Tanh" -> Activations.tanh();
            case "Sign" -> Activations.sign();
            case "Softplus" -> Activations.softplus();
            case "Softsign" -> Activations.softsign();
            case "Exp" -> Activations.exponential();
            case "HardSwish" -> Activations.hardSilu();
            case "LeakyRelu" -> Activations.leakyRelu(OnnxImport.attrFloat(node, "alpha", 0.01f));
            case "Elu" -> Activations.elu(OnnxImport.attrFloat(node, "alpha", 1f));
            case "Gelu" -> Activations.gelu(OnnxImport.attrString(node, "approximate", "none").equals("tanh"));
            case "Softmax" -> Activations.softmax(axis(in, node));
            case "LogSoftmax" -> new LogSoftmax(axis(in, node));
            case "Selu" -> close(OnnxImport.attrFloat(node, "alpha", (float) SELU_ALPHA), SELU_ALPHA)
                    && close(OnnxImport.attrFloat(node, "gamma", (float) SELU_GAMMA), SELU_GAMMA) ? Activations.selu() : null;
            case "Clip" -> clipBound(in, node, 1, "min") == 0f && clipBound(in, node, 2, "max") == 6f ? Activations.relu6() : null;
            case "Sigmoid" -> followedByTimesInput(in, x) ? consumeExtra(in, Activations.silu()) : Activations.sigmoid();
            case "HardSigmoid" -> !(close(OnnxImport.attrFloat(node, "alpha", 0.2f), 1.0 / 6)
                    && close(OnnxImport.attrFloat(node, "beta", 0.5f), 0.5)) ? null
                    : followedByTimesInput(in, x) ? consumeExtra(in, Activations.hardSilu()) : Activations.hardSigmoid();
            case "Div" -> chain(in, GELU_ERF, GELU_ERF_CONSTANTS) ? consumeChain(in, GELU_ERF.size(), Activations.gelu(false)) : null;
            case "Mul" -> chain(in, GELU_TANH, GELU_TANH_CONSTANTS) ? consumeChain(in, GELU_TANH.size(), Activations.gelu(true)) : null;
            default -> throw in.unsupported(node, "has no Neurona layer or activation");
        };
        if (a == null) {
            throw in.unsupported(node, "has attributes or inputs that match no Neurona activation");
        }
        if (!isComposite(a, node)) {
            in.consume(1);
        }
        return a;
    }

    /** Whether {@code read} already consumed the nodes of {@code a} (a composition). */
    private static boolean isComposite(Activation a, NodeProto first) {
        return switch (first.getOpType()) {
            case "Div", "Mul" -> true;
            case "Sigmoid" -> a.name().equals("silu");
            case "HardSigmoid" -> a.name().equals("hard_silu");
            default -> false;
        };
    }

    /** Softmax's axis as Neurona writes it: -1 for the last. Before opset 13 only the last axis is per-axis. */
    private static int axis(OnnxImport in, NodeProto node) {
        int rank = in.rank();
        int axis = (int) OnnxImport.attrInt(node, "axis", in.opset() >= 13 ? -1 : 1);
        int normalized = axis < 0 ? axis + rank : axis;
        if (normalized == rank - 1) {
            return -1;
        }
        if (in.opset() < 13) {
            throw in.unsupported(node, "normalizes over axes " + normalized + " to " + (rank - 1)
                    + " together (opset < 13); Neurona's softmax normalizes over one axis");
        }
        return normalized;
    }

    private static float clipBound(OnnxImport in, NodeProto node, int input, String attribute) {
        if (in.opset() < 11) {
            return OnnxImport.attrFloat(node, attribute, Float.NaN);
        }
        return input < node.getInputCount() ? in.scalar(node.getInput(input)) : Float.NaN;
    }

    /** Whether the next node is {@code Mul(x, thisNode)} (in either order), as silu and hard_silu are written. */
    private static boolean followedByTimesInput(OnnxImport in, String x) {
        NodeProto mul = in.peek(1);
        String s = in.peek(0).getOutput(0);
        return mul != null && mul.getOpType().equals("Mul") && mul.getInputCount() == 2
                && (mul.getInput(0).equals(x) && mul.getInput(1).equals(s) || mul.getInput(0).equals(s) && mul.getInput(1).equals(x));
    }

    /**
     * Whether the nodes from the current one have {@code ops} as types, each taking the output
     * of the one before, and otherwise only the input {@code x} or scalar constants, which equal
     * {@code constants} in order.
     */
    private static boolean chain(OnnxImport in, List<String> ops, double[] constants) {
        String x = in.current();
        String previous = x;
        int c = 0;
        for (int i = 0; i < ops.size(); i++) {
            NodeProto n = in.peek(i);
            if (n == null || !n.getOpType().equals(ops.get(i)) || !n.getInputList().contains(previous)) {
                return false;
            }
            for (String input : n.getInputList()) {
                if (input.equals(previous) || input.equals(x)) {
                    continue;
                }
                if (c >= constants.length || !close(in.scalar(input), constants[c++])) {
                    return false;
                }
            }
            previous = n.getOutput(0);
        }
        return c == constants.length;
    }

    private static Activation consumeExtra(OnnxImport in, Activation a) {
        in.consume(2);
        return a;
    }

    private static Activation consumeChain(OnnxImport in, int count, Activation a) {
        in.consume(count);
        return a;
    }

    private static boolean close(float actual, double expected) {
        return Math.abs(actual - expected) <= 1e-6 * Math.abs(expected);
    }
}
