package dev.neurona.onnx;

import static dev.neurona.nn.Layers.dense;
import static dev.neurona.nn.Layers.input;
import static org.assertj.core.api.Assertions.assertThat;

import dev.neurona.models.Sequential;
import dev.neurona.onnx.proto.Onnx.GraphProto;
import dev.neurona.onnx.proto.Onnx.ModelProto;
import dev.neurona.onnx.proto.Onnx.NodeProto;
import dev.neurona.onnx.proto.Onnx.TensorShapeProto;
import dev.neurona.onnx.proto.Onnx.ValueInfoProto;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the written file holds: versions, producer, names, shapes and the chosen operators. */
class OnnxModelTest {

    @TempDir
    Path dir;

    private static Sequential mlp(String activation) {
        return new Sequential(input(4), dense(8, activation), dense(3, "softmax"));
    }

    @Test
    void headerNamesTheProducerTheOpsetAndItsIrVersion() throws Exception {
        Path file = dir.resolve("m.onnx");
        OnnxExport.write(mlp("relu"), file);
        ModelProto m = ModelProto.parseFrom(Files.readAllBytes(file));

        assertThat(m.getIrVersion()).isEqualTo(7);
        assertThat(m.getOpsetImportList()).singleElement()
                .satisfies(o -> assertThat(o.getDomain()).isEmpty())
                .satisfies(o -> assertThat(o.getVersion()).isEqualTo(13));
        assertThat(m.getProducerName()).isEqualTo("neurona");
        assertThat(m.getProducerVersion()).isNotBlank().doesNotContain("${");
        assertThat(m.getMetadataPropsList()).anySatisfy(p -> assertThat(p.getKey()).isEqualTo("neurona.version"));
    }

    @Test
    void irVersionFollowsTheOpset() {
        assertThat(OnnxOptions.defaults().withOpset(11).irVersion()).isEqualTo(6);
        assertThat(OnnxOptions.defaults().withOpset(14).irVersion()).isEqualTo(7);
        assertThat(OnnxOptions.defaults().withOpset(17).irVersion()).isEqualTo(8);
        assertThat(OnnxOptions.defaults().withOpset(20).irVersion()).isEqualTo(9);
        assertThat(OnnxOptions.defaults().withOpset(21).irVersion()).isEqualTo(10);
    }

    @Test
    void inputAndOutputAreNamedWithADynamicBatch() {
        OnnxOptions options = OnnxOptions.defaults().withInputName("x").withOutputName("probs");
        GraphProto g = OnnxExport.toModel(mlp("tanh"), options).getGraph();

        assertThat(g.getInputList()).singleElement().satisfies(v -> assertShape(v, "x", 4));
        assertThat(g.getOutputList()).singleElement().satisfies(v -> assertShape(v, "probs", 3));
        assertThat(g.getNode(g.getNodeCount() - 1).getOutputList()).containsExactly("probs");
    }

    @Test
    void denseIsGemmAndWeightsKeepTheirPathNames() {
        GraphProto g = OnnxExport.toModel(mlp("relu"), OnnxOptions.defaults()).getGraph();

        assertThat(ops(g)).containsExactly("Gemm", "Relu", "Gemm", "Softmax");
        assertThat(g.getInitializerList()).extracting(t -> t.getName())
                .containsExactly("dense_1/kernel", "dense_1/bias", "dense_2/kernel", "dense_2/bias");
        assertThat(g.getInitializer(0).getDimsList()).containsExactly(4L, 8L);
    }

    @Test
    void denseOnSequencesIsMatMulPlusAdd() {
        Sequential model = new Sequential(input(5, 4), dense(3));
        assertThat(ops(OnnxExport.toModel(model, OnnxOptions.defaults()).getGraph())).containsExactly("MatMul", "Add");
    }

    @Test
    void geluIsComposedWithErfBeforeOpset20AndOneOperatorFrom20() {
        assertThat(ops(OnnxExport.toModel(mlp("gelu"), OnnxOptions.defaults()).getGraph()))
                .contains("Erf").doesNotContain("Gelu");
        assertThat(ops(OnnxExport.toModel(mlp("gelu"), OnnxOptions.defaults().withOpset(20)).getGraph()))
                .containsExactly("Gemm", "Gelu", "Gemm", "Softmax");
    }

    @Test
    void hardSiluIsHardSwishFromOpset14() {
        assertThat(ops(OnnxExport.toModel(mlp("hard_silu"), OnnxOptions.defaults().withOpset(13)).getGraph()))
                .contains("HardSigmoid", "Mul").doesNotContain("HardSwish");
        assertThat(ops(OnnxExport.toModel(mlp("hard_silu"), OnnxOptions.defaults().withOpset(14)).getGraph()))
                .contains("HardSwish");
    }

    @Test
    void attributesThatDifferFromOnnxDefaultsAreWritten() {
        NodeProto leaky = node(OnnxExport.toModel(mlp("leaky_relu"), OnnxOptions.defaults()).getGraph(), "LeakyRelu");
        assertThat(leaky.getAttribute(0).getName()).isEqualTo("alpha");
        assertThat(leaky.getAttribute(0).getF()).isEqualTo(0.2f); // Keras 3's default; ONNX's is 0.01

        NodeProto hard = node(OnnxExport.toModel(mlp("hard_sigmoid"), OnnxOptions.defaults()).getGraph(), "HardSigmoid");
        assertThat(hard.getAttributeList()).extracting(a -> a.getName() + "=" + a.getF())
                .containsExactly("alpha=" + (1f / 6f), "beta=0.5");

        NodeProto selu = node(OnnxExport.toModel(mlp("selu"), OnnxOptions.defaults()).getGraph(), "Selu");
        assertThat(selu.getAttributeList()).extracting(a -> a.getName()).containsExactly("alpha", "gamma");
    }

    @Test
    void dropoutAndInputWriteNoNode() {
        Sequential model = new Sequential(input(4), dev.neurona.nn.Layers.dropout(0.3), dense(2));
        assertThat(ops(OnnxExport.toModel(model, OnnxOptions.defaults()).getGraph())).containsExactly("Gemm");
    }

    @Test
    void aModelThatComputesNothingGetsAnIdentity() {
        GraphProto g = OnnxExport.toModel(new Sequential(input(3)), OnnxOptions.defaults()).getGraph();
        assertThat(ops(g)).containsExactly("Identity");
    }

    private static List<String> ops(GraphProto g) {
        return g.getNodeList().stream().map(NodeProto::getOpType).toList();
    }

    private static NodeProto node(GraphProto g, String op) {
        return g.getNodeList().stream().filter(n -> n.getOpType().equals(op)).findFirst().orElseThrow();
    }

    private static void assertShape(ValueInfoProto v, String name, long features) {
        assertThat(v.getName()).isEqualTo(name);
        List<TensorShapeProto.Dimension> dims = v.getType().getTensorType().getShape().getDimList();
        assertThat(dims).hasSize(2);
        assertThat(dims.get(0).getDimParam()).isEqualTo("batch");
        assertThat(dims.get(1).getDimValue()).isEqualTo(features);
        assertThat(v.getType().getTensorType().getElemType()).isEqualTo(1); // FLOAT
    }
}
