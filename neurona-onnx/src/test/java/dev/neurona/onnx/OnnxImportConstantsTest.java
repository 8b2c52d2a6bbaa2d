package dev.neurona.onnx;

import static dev.neurona.onnx.OnnxGraphs.f;
import static dev.neurona.onnx.OnnxGraphs.i;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.neurona.models.Sequential;
import dev.neurona.nn.Layer;
import dev.neurona.onnx.proto.Onnx.AttributeProto;
import dev.neurona.tensor.Tensor;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Graphs as real exporters write them: Constant nodes (in each of their value forms) and
 * constant subexpressions, gelu's Erf form in every operand order, Clip bounds from Constant
 * nodes, {@code Add(bias, XW)}, and negative axes.
 */
class OnnxImportConstantsTest {

    private static final Tensor X = Tensor.randn(new Random(7), 6, 4).mul(2f);

    /** x·0.5·(1 + erf(x/√2)), written five ways. */
    @ParameterizedTest(name = "gelu form {0}")
    @ValueSource(ints = {0, 1, 2, 3, 4})
    void geluFromErfInAnyOperandOrder(int form) {
        OnnxGraphs g = new OnnxGraphs(4);
        String y = switch (form) {
            case 0 -> { // torch.onnx.export of nn.GELU()
                String d = g.node("Div", List.of("x", g.constant((float) Math.sqrt(2))));
                String a = g.node("Add", List.of(g.node("Erf", List.of(d)), g.constant(1f)));
                yield g.node("Mul", List.of(g.node("Mul", List.of("x", a)), g.constant(0.5f)));
            }
            case 1 -> { // (x·0.5)·(1 + erf(x/√2)), constants first
                String half = g.node("Mul", List.of(g.constant(0.5f), "x"));
                String e = g.node("Erf", List.of(g.node("Div", List.of("x", g.constant((float) Math.sqrt(2))))));
                yield g.node("Mul", List.of(half, g.node("Add", List.of(g.constant(1f), e))));
            }
            case 2 -> { // erf(x·(1/√2)), 0.5 in front
                String e = g.node("Erf", List.of(g.node("Mul", List.of(g.constant((float) (1 / Math.sqrt(2))), "x"))));
                String a = g.node("Add", List.of(g.constant(1f), e));
                yield g.node("Mul", List.of(g.constant(0.5f), g.node("Mul", List.of(a, "x"))));
            }
            case 3 -> { // √2 folded from Sqrt(Constant 2)
                String s = g.node("Sqrt", List.of(g.constant(2f)));
                String a = g.node("Add", List.of(g.node("Erf", List.of(g.node("Div", List.of("x", s)))), g.constant(1f)));
                yield g.node("Mul", List.of(g.node("Mul", List.of("x", a)), g.constant(0.5f)));
            }
            default -> { // x/√2 as Div then 0.5·x·(…) with 0.5 computed as Div(1, 2)
                String half = g.node("Div", List.of(g.constant(1f), g.constant(2f)));
                String e = g.node("Erf", List.of(g.node("Div", List.of("x", g.constant((float) Math.sqrt(2))))));
                String a = g.node("Add", List.of(e, g.constant(1f)));
                yield g.node("Mul", List.of(g.node("Mul", List.of("x", half)), a));
            }
        };
        Sequential model = OnnxImport.readSequential(g.model(y, 13, 4));
        assertThat(model.layers()).extracting(Layer::typeName).containsExactly("Input", "Activation");
        Ort.assertClose(model.predict(X), X.gelu(false), "gelu form " + form);
    }

    @Test
    void aWrongGeluConstantIsNotGelu() {
        OnnxGraphs g = new OnnxGraphs(4);
        String d = g.node("Div", List.of("x", g.constant(1.5f)));
        String a = g.node("Add", List.of(g.node("Erf", List.of(d)), g.constant(1f)));
        String y = g.node("Mul", List.of(g.node("Mul", List.of("x", a)), g.constant(0.5f)));
        assertThatThrownBy(() -> OnnxImport.read(g.model(y, 13, 4))).isExactlyInstanceOf(OnnxImportException.class)
                .hasMessageContaining("node 'div_1' (#1, Div, opset 13)").hasMessageContaining("arithmetic");
    }

    @Test
    void clipWithConstantBoundsIsRelu6OrRelu() {
        OnnxGraphs g = new OnnxGraphs(4);
        String r6 = g.node("Clip", List.of("x", g.constant(0f), g.constant(6f)));
        String relu = g.node("Clip", List.of(r6, g.constant(0f)));
        Sequential model = OnnxImport.readSequential(g.model(relu, 13, 4));
        assertThat(model.layers()).hasSize(3);
        Ort.assertClose(model.predict(X), dev.neurona.activations.Activations.relu6().apply(X), "Clip(0, 6) then Clip(0)");
    }

    @Test
    void clipWithOtherBoundsIsRefusedNamingThem() {
        OnnxGraphs g = new OnnxGraphs(4);
        String y = g.node("Clip", List.of("x", g.constant(-1f), g.constant(1f)));
        assertThatThrownBy(() -> OnnxImport.read(g.model(y, 13, 4))).isExactlyInstanceOf(OnnxImportException.class)
                .hasMessageContaining("node 'clip_2' (#2, Clip, opset 13) clips to [-1.0, 1.0]");
    }

    /** A Dense layer from Constant nodes of each value form, the bias added first: Add(b, XW). */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"value", "value_floats"})
    void matMulThenBiasFirstFromConstantNodes(String form) {
        Tensor w = Tensor.randn(new Random(1), 4, 3);
        Tensor b = Tensor.randn(new Random(2), 3);
        OnnxGraphs g = new OnnxGraphs(4);
        String kernel = g.weight("w", w);
        String bias = form.equals("value")
                ? g.node("Identity", List.of(g.weight("b", b)))
                : g.node("Constant", List.of(), AttributeProto.newBuilder().setName("value_floats")
                        .setType(AttributeProto.AttributeType.FLOATS).addAllFloats(floatList(b)).build());
        String mm = g.node("MatMul", List.of("x", kernel));
        String y = g.node("Add", List.of(bias, mm));
        Sequential model = OnnxImport.readSequential(g.model(y, 13, 3));
        assertThat(model.layers()).extracting(Layer::typeName).containsExactly("Input", "Dense");
        Ort.assertClose(model.predict(X), X.matmul(w).add(b), "Add(b, XW) with b from " + form);
    }

    @Test
    void softmaxAndFlattenReadNegativeAxes() {
        OnnxGraphs g = new OnnxGraphs(3, 4);
        String s = g.node("Softmax", List.of("x"), i("axis", -2));
        String y = g.node("Flatten", List.of(s), i("axis", -2));
        Sequential model = OnnxImport.readSequential(g.model(y, 13, 12));
        Tensor x = Tensor.randn(new Random(3), 2, 3, 4);
        Ort.assertClose(model.predict(x), x.softmax(1).reshape(2, 12), "Softmax(-2), Flatten(-2)");
    }

    @Test
    void outOfRangeAxesAreRefusedNamingTheNode() {
        Function<AttributeProto, OnnxImportException> softmax = axis -> {
            OnnxGraphs g = new OnnxGraphs(3, 4);
            String y = g.node("LogSoftmax", List.of("x"), axis);
            return catchImport(() -> OnnxImport.read(g.model(y, 13, 3, 4)));
        };
        assertThat(softmax.apply(i("axis", 3)).getMessage())
                .contains("node 'logsoftmax_0' (#0, LogSoftmax, opset 13) has axis 3, out of range [-3, 2]");
        assertThat(softmax.apply(i("axis", -4)).getMessage()).contains("has axis -4, out of range [-3, 2]");

        OnnxGraphs g = new OnnxGraphs(3, 4);
        String y = g.node("Flatten", List.of("x"), i("axis", -3));
        assertThat(catchImport(() -> OnnxImport.read(g.model(y, 13, 12))).getMessage())
                .contains("node 'flatten_0' (#0, Flatten, opset 13) flattens from axis -3 (0 of rank 3)");
    }

    @Test
    void aConstantWithoutValueIsRefusedNamingIt() {
        OnnxGraphs g = new OnnxGraphs(4);
        String c = g.node("Constant", List.of(), f("alpha", 1f), f("beta", 2f));
        String y = g.node("Add", List.of("x", c));
        assertThat(catchImport(() -> OnnxImport.read(g.model(y, 13, 4))).getMessage())
                .contains("node 'constant_0' (#0, Constant, opset 13) has 2 attributes [alpha, beta]");
    }

    private static List<Float> floatList(Tensor t) {
        float[] d = t.data();
        return java.util.stream.IntStream.range(0, d.length).mapToObj(k -> d[k]).toList();
    }

    static OnnxImportException catchImport(Runnable r) {
        try {
            r.run();
        } catch (OnnxImportException e) {
            return e;
        }
        throw new AssertionError("no OnnxImportException");
    }
}
