package dev.neurona.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.neurona.testkit.Tolerance;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every case of {@code indexing_math_ops.json}, written by PyTorch 1.13 (Debian's
 * python3-torch) through {@code src/test/python/indexing_math_ops.py}: the op's output, and
 * the gradient of {@code sum(out · w)} for each float input. Indexing ops, masks and
 * comparisons move values without arithmetic, so their outputs must be bit-identical; math
 * ops agree to 1e-6 (relative plus absolute), float rounding.
 */
class IndexingMathTorchTest {

    private static final String RESOURCE = "/dev/neurona/tensor/indexing_math_ops.json";
    /** Ops that only move or compare values: exact. */
    private static final Set<String> EXACT = Set.of("take", "gather", "where", "maskedFill", "gt", "ge", "lt", "le",
            "eq", "ne", "clamp");
    private static final Tolerance MATH = new Tolerance(1e-6, 1e-6);
    /**
     * Gradients: a scatter-add sums duplicates, a GEMM sums over k, a reduction's backward
     * multiplies in another order than PyTorch's; still within a few float roundings.
     */
    private static final Tolerance GRADIENT = new Tolerance(1e-6, 1e-6);

    private static List<JsonNode> cases() {
        try (InputStream in = IndexingMathTorchTest.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + RESOURCE
                        + "; regenerate it with src/test/python/indexing_math_ops.py");
            }
            List<JsonNode> out = new ArrayList<>();
            new ObjectMapper().readTree(in).get("cases").forEach(out::add);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void coversEveryOpOfTheBrief() {
        Set<String> ops = new TreeSet<>();
        cases().forEach(c -> ops.add(c.get("op").asText()));
        assertThat(ops).containsExactlyInAnyOrder("take", "gather", "scatterAdd", "where", "maskedFill", "gt", "ge",
                "lt", "le", "eq", "ne", "matmul", "sum", "mean", "var", "logsumexp", "cumsum", "clamp", "logSoftmax",
                "sumOfSquares");
        assertThat(cases()).hasSizeGreaterThan(50);
    }

    @TestFactory
    Stream<DynamicTest> everyCaseMatchesPyTorch() {
        return cases().stream().map(c -> DynamicTest.dynamicTest(c.get("name").asText(), () -> check(c)));
    }

    private static void check(JsonNode c) {
        String name = c.get("name").asText();
        String op = c.get("op").asText();
        JsonNode inputs = c.get("inputs");
        Tensor[] in = new Tensor[inputs.size()];
        for (int i = 0; i < in.length; i++) {
            in[i] = tensor(inputs.get(i));
            if (inputs.get(i).get("grad").asBoolean()) {
                in[i].requiresGrad(true);
            }
        }
        Tensor out = op(op, c.get("args")).apply(in);
        JsonNode expected = c.get("out");
        assertThat(out.shape()).as(name + " output shape").containsExactly(shape(expected));
        // the ONNX test_logsoftmax_large_number: within 1e-6 absolute of PyTorch
        Tolerance forward = EXACT.contains(op) ? Tolerance.EXACT : op.equals("logSoftmax") ? new Tolerance(0, 1e-6) : MATH;
        forward.assertClose(out, values(expected), name + " output");
        assertThat(out.isRequiresGrad()).as(name + ": requires grad").isEqualTo(c.has("grads"));
        if (!c.has("grads")) {
            return;
        }
        out.backward(tensor(c.get("w")));
        for (int i = 0; i < in.length; i++) {
            JsonNode g = c.get("grads").get(i);
            if (g.isNull()) {
                assertThat(in[i].grad()).as(name + ": no gradient for input " + i).isNull();
            } else {
                GRADIENT.assertClose(in[i].grad(), values(g), name + " gradient of " + inputs.get(i).get("name").asText());
            }
        }
    }

    /** The Neurona call for a case's op and arguments. */
    private static Function<Tensor[], Tensor> op(String op, JsonNode args) {
        return switch (op) {
            case "take" -> in -> in[0].take(args.get("axis").asInt(), in[1]);
            case "gather" -> in -> in[0].gather(args.get("axis").asInt(), in[1]);
            case "scatterAdd" -> in -> in[0].scatterAdd(args.get("axis").asInt(), in[1], in[2]);
            case "where" -> in -> Tensor.where(in[0], in[1], in[2]);
            case "maskedFill" -> in -> in[0].maskedFill(in[1], (float) args.get("value").asDouble());
            case "gt" -> in -> in[0].gt(in[1]);
            case "ge" -> in -> in[0].ge(in[1]);
            case "lt" -> in -> in[0].lt(in[1]);
            case "le" -> in -> in[0].le(in[1]);
            case "eq" -> in -> in[0].eq(in[1]);
            case "ne" -> in -> in[0].ne(in[1]);
            case "matmul" -> in -> in[0].matmul(in[1], args.get("transposeA").asBoolean(),
                    args.get("transposeB").asBoolean());
            case "sum" -> in -> in[0].sum(axes(args), args.get("keepDims").asBoolean());
            case "mean" -> in -> in[0].mean(axes(args), args.get("keepDims").asBoolean());
            case "var" -> in -> in[0].var(axes(args), args.get("keepDims").asBoolean());
            case "logsumexp" -> in -> in[0].logsumexp(axes(args), args.get("keepDims").asBoolean());
            case "cumsum" -> in -> in[0].cumsum(args.get("axis").asInt());
            case "clamp" -> in -> in[0].clamp(in[1], in[2]);
            case "logSoftmax" -> in -> in[0].logSoftmax(args.get("axis").asInt());
            case "sumOfSquares" -> in -> in[0].sumOfSquares();
            default -> throw new AssertionError("no Neurona op for '" + op + "' of " + RESOURCE);
        };
    }

    private static int[] axes(JsonNode args) {
        JsonNode a = args.get("axes");
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).asInt();
        }
        return out;
    }

    private static int[] shape(JsonNode t) {
        JsonNode s = t.get("shape");
        int[] out = new int[s.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = s.get(i).asInt();
        }
        return out;
    }

    private static double[] values(JsonNode t) {
        JsonNode d = t.get("data");
        double[] out = new double[d.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = d.get(i).asDouble();
        }
        return out;
    }

    private static Tensor tensor(JsonNode t) {
        double[] v = values(t);
        float[] f = new float[v.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) v[i];
        }
        int[] s = shape(t);
        return s.length == 0 ? Tensor.scalar(f[0]) : Tensor.of(f, s);
    }
}
