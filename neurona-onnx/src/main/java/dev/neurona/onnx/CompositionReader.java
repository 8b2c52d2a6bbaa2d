package dev.neurona.onnx;

import static dev.neurona.onnx.Formula.add;
import static dev.neurona.onnx.Formula.div;
import static dev.neurona.onnx.Formula.fn;
import static dev.neurona.onnx.Formula.mul;
import static dev.neurona.onnx.Formula.neg;
import static dev.neurona.onnx.Formula.num;
import static dev.neurona.onnx.Formula.sub;
import static dev.neurona.onnx.Formula.x;

import dev.neurona.activations.Activation;
import dev.neurona.activations.Activations;
import dev.neurona.activations.LogSoftmax;
import dev.neurona.onnx.proto.Onnx.AttributeProto;
import dev.neurona.onnx.proto.Onnx.NodeProto;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Recognizes an activation written as several elementwise nodes of one value: gelu from Erf
 * (PyTorch's {@code nn.GELU()}, Neurona's export below opset 20, in any operand order) or from
 * Tanh, silu ({@code x·Sigmoid(x)}), hard_silu ({@code x·HardSigmoid(x)}) and ONNX's expanded
 * Softmax and LogSoftmax (ReduceMax, Sub, Exp, ReduceSum, Div or Log). The nodes from the
 * current one on are read as a {@link Formula} of the current value, and compared with each
 * activation's formula; the longest run of nodes that matches wins.
 */
final class CompositionReader {

    /** The most nodes a composition spans (the tanh form of gelu takes nine). */
    static final int MAX_SPAN = 12;

    private static final Formula X = x();
    private static final Formula GELU_ERF = mul(mul(X, num(0.5)), add(num(1), fn("Erf", div(X, num(Math.sqrt(2))))));
    private static final Formula GELU_TANH = mul(mul(X, num(0.5)), add(num(1), fn("Tanh",
            mul(num(Math.sqrt(2 / Math.PI)), add(X, mul(num(0.044715), mul(X, mul(X, X))))))));
    private static final Formula SILU = mul(X, fn("Sigmoid", X));
    private static final Formula HARD_SILU = mul(X, fn("HardSigmoid", X, 1.0 / 6, 0.5));

    /** An activation and the number of nodes it spans. */
    record Match(Activation activation, int nodes) {
    }

    private CompositionReader() {
    }

    /**
     * The composition that starts at {@code live.get(start)} and reads the value {@code x} of
     * rank {@code rank}, or null when none does.
     */
    static Match read(ValueTable table, List<NodeProto> live, int start, String x, int rank) {
        for (int end = Math.min(start + MAX_SPAN, live.size()) - 1; end > start; end--) {
            Set<NodeProto> span = Collections.newSetFromMap(new IdentityHashMap<>());
            span.addAll(live.subList(start, end + 1));
            NodeProto last = live.get(end);
            if (last.getOutputCount() == 0) {
                continue;
            }
            Set<NodeProto> used = Collections.newSetFromMap(new IdentityHashMap<>());
            Formula f = new Builder(table, span, used, x, rank).formula(last.getOutput(0), 0);
            if (f == null || used.size() != span.size() || !closed(table, used, last)) {
                continue;
            }
            Activation a = recognize(f, rank);
            if (a != null) {
                return new Match(a, span.size());
            }
        }
        return null;
    }

    /** Whether only the composition's own nodes read its intermediate values. */
    private static boolean closed(ValueTable table, Set<NodeProto> used, NodeProto last) {
        for (NodeProto n : used) {
            if (n == last) {
                continue;
            }
            for (String out : n.getOutputList()) {
                if (table.isGraphOutput(out) || !used.containsAll(table.consumers(out))) {
                    return false;
                }
            }
        }
        return true;
    }

    private static Activation recognize(Formula f, int rank) {
        if (Formula.same(f, GELU_ERF)) {
            return Activations.gelu(false);
        }
        if (Formula.same(f, GELU_TANH)) {
            return Activations.gelu(true);
        }
        if (Formula.same(f, SILU)) {
            return Activations.silu();
        }
        if (Formula.same(f, HARD_SILU)) {
            return Activations.hardSilu();
        }
        for (int axis = 0; axis < rank; axis++) {
            Formula shifted = sub(X, fn("ReduceMax", X, axis));
            Formula sum = fn("ReduceSum", fn("Exp", shifted), axis);
            Formula plainSum = fn("ReduceSum", fn("Exp", X), axis);
            int keras = axis == rank - 1 ? -1 : axis;
            if (Formula.same(f, div(fn("Exp", shifted), sum)) || Formula.same(f, div(fn("Exp", X), plainSum))) {
                return Activations.softmax(keras);
            }
            if (Formula.same(f, sub(shifted, fn("Log", sum))) || Formula.same(f, sub(X, fn("Log", plainSum)))) {
                return new LogSoftmax(keras);
            }
        }
        return null;
    }

    /** Reads values as formulas of {@code x}, through the nodes of {@code span} only. */
    private record Builder(ValueTable table, Set<NodeProto> span, Set<NodeProto> used, String x, int rank) {

        /** Deeper formulas are not activations (and a malformed cyclic graph must not recurse forever). */
        private static final int MAX_DEPTH = 4 * MAX_SPAN;

        Formula formula(String value, int depth) {
            if (value.equals(x)) {
                return X;
            }
            ConstValue c = table.constant(value);
            if (c != null) {
                return c.isSingle() ? num(c.single()) : null;
            }
            NodeProto p = table.producer(value);
            if (p == null || !span.contains(p) || depth > MAX_DEPTH || p.getOutputCount() == 0
                    || !p.getOutput(0).equals(value)) {
                return null;
            }
            used.add(p);
            return node(p, depth + 1);
        }

        private Formula node(NodeProto p, int depth) {
            int n = p.getInputCount();
            Formula a = n >= 1 ? formula(p.getInput(0), depth) : null;
            if (a == null) {
                return null;
            }
            Formula b = n >= 2 ? formula(p.getInput(1), depth) : null;
            boolean binary = n == 2 && b != null;
            boolean unary = n == 1 && p.getAttributeCount() == 0;
            return switch (p.getOpType()) {
                case "Add" -> binary ? add(a, b) : null;
                case "Sub" -> binary ? sub(a, b) : null;
                case "Mul" -> binary ? mul(a, b) : null;
                case "Div" -> binary ? div(a, b) : null;
                case "Pow" -> binary && b instanceof Formula.Num e ? pow(a, e.value()) : null;
                case "Identity" -> n == 1 ? a : null;
                case "Neg" -> unary ? neg(a) : null;
                case "Erf", "Tanh", "Sigmoid", "Exp", "Log", "Abs", "Relu", "Sqrt", "Reciprocal", "Softplus",
                        "Softsign" -> unary ? fn(p.getOpType(), a) : null;
                case "HardSigmoid" -> n == 1 ? fn("HardSigmoid", a, OnnxImport.attrFloat(p, "alpha", 0.2f),
                        OnnxImport.attrFloat(p, "beta", 0.5f)) : null;
                case "ReduceMax", "ReduceSum" -> reduce(p, a);
                default -> null;
            };
        }

        private static Formula pow(Formula a, double e) {
            if (e == 1) {
                return a;
            }
            if (e == 2 || e == 3 || e == 4) {
                Formula out = a;
                for (int i = 1; i < e; i++) {
                    out = mul(out, a);
                }
                return out;
            }
            return e == 0.5 ? fn("Sqrt", a) : fn("Pow", a, e);
        }

        /** A reduction over one axis that keeps its dimension, the axis normalized against the rank. */
        private Formula reduce(NodeProto p, Formula a) {
            long[] axes = null;
            for (AttributeProto attr : p.getAttributeList()) {
                switch (attr.getName()) {
                    case "axes" -> axes = attr.getIntsList().stream().mapToLong(Long::longValue).toArray();
                    case "keepdims" -> {
                        if (attr.getI() != 1) {
                            return null;
                        }
                    }
                    default -> {
                        return null;
                    }
                }
            }
            if (p.getInputCount() == 2) {
                ConstValue c = table.constant(p.getInput(1));
                if (axes != null || c == null) {
                    return null;
                }
                axes = c.longs();
            } else if (p.getInputCount() != 1) {
                return null;
            }
            if (axes == null || axes.length != 1 || axes[0] < -rank || axes[0] >= rank) {
                return null;
            }
            return fn(p.getOpType(), a, axes[0] < 0 ? axes[0] + rank : axes[0]);
        }
    }
}
