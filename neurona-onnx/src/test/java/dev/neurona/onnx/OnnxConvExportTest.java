package dev.neurona.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neurona.models.Sequential;
import dev.neurona.onnx.proto.Onnx.GraphProto;
import dev.neurona.onnx.proto.Onnx.NodeProto;
import dev.neurona.tensor.Tensor;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every convolution and pooling layer and option, exported and run in ONNX Runtime, gives
 * {@code predict}'s outputs within 1e-5; the layout changes only at the boundaries of a run of
 * channels-first operators.
 */
class OnnxConvExportTest {

    @TempDir
    Path dir;

    static List<ModelCases.Case> cases() {
        return ConvCases.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void onnxRuntimeMatchesPredict(ModelCases.Case c) throws Exception {
        Sequential model = c.model().get();
        Path file = dir.resolve("model.onnx");
        OnnxExport.write(model, file, c.options());
        Tensor x = ModelCases.inputs(model, 3, 12);
        Ort.assertClose(Ort.run(file, c.options().inputName(), x), model.predict(x), c.toString());
    }

    @Test
    void aRunOfConvolutionsTransposesOnceInAndOnceOutBeforeFlatten() {
        GraphProto g = OnnxExport.toModel(ConvCases.convnet(), OnnxOptions.defaults()).getGraph();
        assertThat(ops(g)).containsExactly("Transpose", "Conv", "Relu", "MaxPool", "Conv", "Relu", "MaxPool",
                "Transpose", "Flatten", "Gemm", "Relu", "Gemm", "Softmax");
        NodeProto in = g.getNode(0);
        assertThat(in.getAttribute(0).getIntsList()).containsExactly(0L, 3L, 1L, 2L);
        assertThat(g.getNode(7).getAttribute(0).getIntsList()).containsExactly(0L, 2L, 3L, 1L);
    }

    @Test
    void kernelsAreWrittenInOnnxLayout() {
        Sequential model = ConvCases.convnet();
        model.build(12, 12, 1);
        GraphProto g = OnnxExport.toModel(model, OnnxOptions.defaults()).getGraph();
        assertThat(g.getInitializerList().stream().filter(t -> t.getName().equals("conv2d_1/kernel")).findFirst()
                .orElseThrow().getDimsList()).containsExactly(4L, 1L, 3L, 3L);
    }

    private static List<String> ops(GraphProto g) {
        return g.getNodeList().stream().map(NodeProto::getOpType).toList();
    }
}
