package dev.neurona.onnx;

import static dev.neurona.nn.Layers.dense;
import static dev.neurona.nn.Layers.input;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.neurona.models.Sequential;
import dev.neurona.nn.Dense;
import dev.neurona.nn.Layer;
import dev.neurona.onnx.GraphBuilder.Attr;
import dev.neurona.onnx.proto.Onnx.ModelProto;
import dev.neurona.onnx.proto.Onnx.OperatorSetIdProto;
import dev.neurona.tensor.Tensor;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** ONNX MLPs read back into a Sequential compute what they computed before export. */
class OnnxImportTest {

    @TempDir
    Path dir;

    static List<ModelCases.Case> cases() {
        return ModelCases.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void exportThenImportGivesTheSameOutputs(ModelCases.Case c) throws Exception {
        Sequential model = c.model().get();
        Path file = dir.resolve("model.onnx");
        OnnxExport.write(model, file, c.options());

        Sequential again = OnnxImport.readSequential(file);
        Tensor x = ModelCases.inputs(model, 4, 5);
        Ort.assertClose(again.predict(x), model.predict(x), c.toString());
    }

    @Test
    void activationsFoldIntoTheDenseLayerBeforeThem() {
        Sequential model = new Sequential(input(4), dense(8, "gelu"), dense(3, "softmax"));
        Sequential again = OnnxImport.readSequential(OnnxExport.toModel(model, OnnxOptions.defaults()));

        List<Layer> layers = again.layers();
        assertThat(layers).extracting(Layer::typeName).containsExactly("Input", "Dense", "Dense");
        assertThat(((Dense) layers.get(1)).activation().config()).isEqualTo(java.util.Map.of("name", "gelu", "approximate", false));
        assertThat(((Dense) layers.get(2)).activation().name()).isEqualTo("softmax");
        assertThat(again.countParams()).isEqualTo(model.countParams());
    }

    @Test
    void gemmWithATransposedWeightAsPyTorchWritesIt() {
        // PyTorch's Linear keeps its weight as [out, in] and exports Gemm(transB=1)
        Tensor weight = Tensor.randn(new Random(1), 3, 4);
        Tensor bias = Tensor.randn(new Random(2), 3);
        GraphBuilder g = new GraphBuilder("torch", 13);
        String x = g.input("x", new int[] {4});
        String y = g.op("fc", "Gemm", List.of(x, g.weight("fc.weight", weight), g.weight("fc.bias", bias)),
                Attr.of("transB", 1L));
        g.output(g.op("act", "Sigmoid", y), "y", new int[] {3});

        Sequential model = OnnxImport.readSequential(model(g, 13));
        Tensor in = Tensor.randn(new Random(3), 2, 4);
        Tensor expected = in.matmul(weight.transpose()).add(bias).sigmoid();
        Ort.assertClose(model.predict(in), expected, "Gemm transB=1");
    }

    @Test
    void anOperatorWithoutCounterpartIsNamed() {
        GraphBuilder g = new GraphBuilder("g", 13);
        String x = g.input("x", new int[] {4});
        g.output(g.op("n", "Cos", x), "y", new int[] {4});
        assertThatThrownBy(() -> OnnxImport.read(model(g, 13)))
                .isInstanceOf(OnnxImportException.class)
                .hasMessageContaining("n/Cos")
                .hasMessageContaining("opset 13")
                .hasMessageContaining("no Neurona layer or activation");
    }

    @Test
    void attributesThatMatchNoActivationAreRefused() {
        GraphBuilder g = new GraphBuilder("g", 13);
        String x = g.input("x", new int[] {4});
        g.output(g.op("n", "HardSigmoid", x, Attr.of("alpha", 0.2f)), "y", new int[] {4}); // Keras 2's form
        assertThatThrownBy(() -> OnnxImport.read(model(g, 13)))
                .isInstanceOf(OnnxImportException.class).hasMessageContaining("HardSigmoid");
    }

    private static ModelProto model(GraphBuilder g, int opset) {
        return ModelProto.newBuilder().setIrVersion(7)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(opset)).setGraph(g.build()).build();
    }
}
