package dev.neurona.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.neurona.models.Model;
import dev.neurona.models.Sequential;
import dev.neurona.nn.Layer;
import dev.neurona.onnx.proto.Onnx.ModelProto;
import dev.neurona.tensor.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Graphs exported by {@code torch.onnx.export} ({@code src/test/python/torch_fixtures.py}) import
 * as functional models and predict what PyTorch computed: a residual block (an {@code Add} of
 * two computed values), two inputs joined by {@code Concat} with two outputs, and gates that
 * multiply, divide (broadcasting {@code [batch, 3]} by {@code [batch, 1]}) and subtract
 * computed values.
 */
class TorchGraphFixturesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"residual", "two_in_two_out", "gates"})
    void importsAndPredictsWhatPyTorchComputed(String name) throws Exception {
        JsonNode ref = JSON.readTree(bytes("graph_" + name + ".json"));
        Model model = OnnxImport.read(ModelProto.parseFrom(bytes("graph_" + name + ".onnx")));
        assertThat(model).isNotInstanceOf(Sequential.class);
        assertThat(model.typeName()).isEqualTo("Functional");
        List<Tensor> xs = tensors(ref.get("inputs"));
        List<Tensor> expected = tensors(ref.get("outputs"));
        assertThat(model.inputCount()).isEqualTo(xs.size());
        assertThat(model.outputCount()).isEqualTo(expected.size());
        List<Tensor> actual = model.predict(xs);
        for (int k = 0; k < expected.size(); k++) {
            Ort.assertClose(actual.get(k), expected.get(k), name + " output " + k + " (torch "
                    + ref.get("torch_version").asText() + ")");
        }
    }

    @Test
    void theResidualAddIsAMergeLayerAndActivationsStillFold() throws Exception {
        Model model = OnnxImport.read(ModelProto.parseFrom(bytes("graph_residual.onnx")));
        assertThat(model.layers()).extracting(Layer::typeName)
                .containsExactly("Input", "Dense", "Dense", "Add", "Activation", "Dense");
        assertThat(((dev.neurona.nn.Dense) model.layers().get(1)).activation().name()).isEqualTo("relu");
    }

    @Test
    void aGraphIsNotASequential() {
        assertThatThrownBy(() -> OnnxImport.readSequential(ModelProto.parseFrom(bytes("graph_residual.onnx"))))
                .isExactlyInstanceOf(OnnxImportException.class).hasMessageContaining("not one chain")
                .hasMessageContaining("OnnxImport.read");
    }

    @Test
    void anImportedGraphSavesAndLoadsAsAFunctionalModel(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        JsonNode ref = JSON.readTree(bytes("graph_two_in_two_out.json"));
        Model model = OnnxImport.read(ModelProto.parseFrom(bytes("graph_two_in_two_out.onnx")));
        java.nio.file.Path file = dir.resolve("imported.nrn");
        model.save(file);
        Model again = Model.load(file);
        List<Tensor> xs = tensors(ref.get("inputs"));
        for (int k = 0; k < 2; k++) {
            assertThat(again.predict(xs).get(k).toArray()).containsExactly(model.predict(xs).get(k).toArray());
        }
    }

    private static List<Tensor> tensors(JsonNode list) {
        List<Tensor> out = new ArrayList<>();
        for (JsonNode t : list) {
            JsonNode v = t.get("values");
            float[] values = new float[v.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) v.get(i).asDouble();
            }
            int[] shape = new int[t.get("shape").size()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = t.get("shape").get(i).asInt();
            }
            out.add(Tensor.of(values, shape));
        }
        return out;
    }

    private static byte[] bytes(String name) throws IOException {
        try (InputStream in = TorchGraphFixturesTest.class.getResourceAsStream("/torch/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture /torch/" + name + "; run src/test/python/torch_fixtures.py");
            }
            return in.readAllBytes();
        }
    }
}
