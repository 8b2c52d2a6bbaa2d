package dev.neurona.onnx;

import dev.neurona.activations.Activation;
import dev.neurona.onnx.GraphBuilder.Attr;
import java.util.List;
import java.util.Map;

/**
 * Writes an activation as ONNX nodes. One operator where ONNX has it; otherwise the
 * activation's formula from primitives (gelu below opset 20, silu, hard_silu below 14), so
 * that the exported graph computes what Neurona's {@code apply} does.
 */
final class ActivationMapper {

    /** SELU's constants (Klambauer et al., 2017), as in core; written explicitly, not left to the defaults. */
    private static final double SELU_ALPHA = 1.6732632423543772;
    private static final double SELU_GAMMA = 1.0507009873554805;

    /** The activations this class writes, for error messages. */
    static final List<String> SUPPORTED = List.of("linear", "sign", "sigmoid", "tanh", "relu", "relu6",
            "leaky_relu", "elu", "selu", "gelu", "softplus", "softsign", "silu", "hard_sigmoid", "hard_silu",
            "exponential", "softmax", "log_softmax");

    private ActivationMapper() {
    }

    /**
     * Applies {@code activation} to the value {@code x} of rank {@code rank} (batch included),
     * returning the result's value name ({@code x} itself for linear).
     *
     * @param scope the node-name prefix, such as {@code "dense_1/relu"}
     * @throws OnnxExportException when the activation has no mapping at the graph's opset
     */
    static String apply(GraphBuilder g, Activation activation, String x, int rank, String scope) {
        Map<String, Object> config = activation.config();
        String s = scope + "/" + activation.name();
        return switch (activation.name()) {
            case "linear" -> x;
            case "sign" -> g.op(s, "Sign", x);
            case "sigmoid" -> g.op(s, "Sigmoid", x);
            case "tanh" -> g.op(s, "Tanh", x);
            case "relu" -> g.op(s, "Relu", x);
            case "relu6" -> g.op(s, "Clip", List.of(x, g.scalar(s, 0f), g.scalar(s, 6f)));
            case "leaky_relu" -> g.op(s, "LeakyRelu", x, Attr.of("alpha", number(config, "alpha", activation)));
            case "elu" -> g.op(s, "Elu", x, Attr.of("alpha", number(config, "alpha", activation)));
            case "selu" -> g.op(s, "Selu", x, Attr.of("alpha", (float) SELU_ALPHA), Attr.of("gamma", (float) SELU_GAMMA));
            case "gelu" -> gelu(g, x, Boolean.TRUE.equals(config.get("approximate")), s);
            case "softplus" -> g.op(s, "Softplus", x);
            case "softsign" -> g.op(s, "Softsign", x);
            case "silu" -> g.op(s, "Mul", List.of(x, g.op(s, "Sigmoid", x)));
            case "hard_sigmoid" -> hardSigmoid(g, x, s);
            case "hard_silu" -> g.opset() >= 14
                    ? g.op(s, "HardSwish", x)
                    : g.op(s, "Mul", List.of(x, hardSigmoid(g, x, s)));
            case "exponential" -> g.op(s, "Exp", x);
            case "softmax" -> softmax(g, "Softmax", activation, x, rank, s);
            case "log_softmax" -> softmax(g, "LogSoftmax", activation, x, rank, s);
            default -> throw new OnnxExportException("activation '" + activation.name() + "' ("
                    + activation.getClass().getName() + ") in " + scope + " has no ONNX mapping at opset " + g.opset()
                    + "; supported activations: " + SUPPORTED);
        };
    }

    /** Keras 3's {@code clip(x/6 + 1/2, 0, 1)}; HardSigmoid's attributes are written because ONNX's defaults differ (0.2). */
    private static String hardSigmoid(GraphBuilder g, String x, String s) {
        return g.op(s, "HardSigmoid", x, Attr.of("alpha", 1f / 6f), Attr.of("beta", 0.5f));
    }

    /**
     * The Gelu operator from opset 20; below it {@code 0.5·x·(1 + erf(x/√2))}, or the tanh form
     * {@code 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³)))}.
     */
    private static String gelu(GraphBuilder g, String x, boolean approximate, String s) {
        if (g.opset() >= 20) {
            return g.op(s, "Gelu", x, Attr.of("approximate", approximate ? "tanh" : "none"));
        }
        String inner;
        if (approximate) {
            String cube = g.op(s, "Mul", List.of(g.op(s, "Mul", List.of(x, x)), x));
            String poly = g.op(s, "Add", List.of(x, g.op(s, "Mul", List.of(cube, g.scalar(s, 0.044715f)))));
            inner = g.op(s, "Tanh", g.op(s, "Mul", List.of(poly, g.scalar(s, (float) Math.sqrt(2 / Math.PI)))));
        } else {
            inner = g.op(s, "Erf", g.op(s, "Div", List.of(x, g.scalar(s, (float) Math.sqrt(2)))));
        }
        String onePlus = g.op(s, "Add", List.of(inner, g.scalar(s, 1f)));
        String times = g.op(s, "Mul", List.of(x, onePlus));
        return g.op(s, "Mul", List.of(times, g.scalar(s, 0.5f)));
    }

    /**
     * Softmax and LogSoftmax over one axis. Before opset 13 these operators flattened every axis
     * from {@code axis} on into one, which equals the per-axis form only for the last axis.
     */
    private static String softmax(GraphBuilder g, String op, Activation activation, String x, int rank, String s) {
        int axis = (int) number(activation.config(), "axis", activation);
        int normalized = axis < 0 ? axis + rank : axis;
        if (normalized < 0 || normalized >= rank) {
            throw new OnnxExportException(activation.name() + " in " + s + ": axis " + axis + " is out of range for rank " + rank);
        }
        if (g.opset() < 13 && normalized != rank - 1) {
            throw new OnnxExportException(activation.name() + " over axis " + axis + " of a rank-" + rank + " tensor in " + s
                    + " has no ONNX mapping at opset " + g.opset() + ": " + op + " normalizes over a single axis"
                    + " only from opset 13 on (earlier ones flatten the trailing axes); export with opset >= 13");
        }
        return g.op(s, op, x, Attr.of("axis", (long) (normalized == rank - 1 ? -1 : normalized)));
    }

    private static float number(Map<String, Object> config, String key, Activation activation) {
        if (config.get(key) instanceof Number n) {
            return n.floatValue();
        }
        throw new OnnxExportException("activation '" + activation.name() + "' has no numeric '" + key
                + "' in its config " + config);
    }
}
