package dev.neurona.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.neurona.models.Sequential;
import dev.neurona.nn.Dense;
import dev.neurona.nn.Layer;
import dev.neurona.onnx.proto.Onnx.ModelProto;
import dev.neurona.tensor.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Models exported by {@code torch.onnx.export} (written by {@code src/test/python/torch_fixtures.py}
 * with Debian's python3-torch) import and predict what PyTorch computed: exact and tanh GELU
 * (Constant nodes, Erf), ReLU6 and Hardtanh(0, 6) (Clip with Constant bounds, and with attributes
 * at opset 9), Linear with and without bias (Gemm with transB, MatMul, and MatMul then
 * {@code Add(bias, XW)} on rank-3 inputs), Flatten, SiLU and Hardswish.
 */
class TorchFixturesTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"gelu_exact", "gelu_tanh", "relu6", "relu6_opset9", "hardtanh_0_6", "linear_no_bias",
            "linear_bias", "linear_rank3", "flatten", "silu_hardswish"})
    void importsAndPredictsWhatPyTorchComputed(String name) throws Exception {
        JsonNode ref = new ObjectMapper().readTree(bytes(name + ".json"));
        Sequential model = OnnxImport.readSequential(ModelProto.parseFrom(bytes(name + ".onnx")));
        Tensor x = Tensor.of(floats(ref.get("input")), ints(ref.get("input_shape")));
        Tensor expected = Tensor.of(floats(ref.get("output")), ints(ref.get("output_shape")));
        Ort.assertClose(model.predict(x), expected, name + " (torch " + ref.get("torch_version").asText() + ")");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"gelu_exact", "relu6", "hardtanh_0_6"})
    void activationsFoldIntoTheLinearLayerBeforeThem(String name) throws Exception {
        Sequential model = OnnxImport.readSequential(ModelProto.parseFrom(bytes(name + ".onnx")));
        List<Layer> layers = model.layers();
        assertThat(layers.get(1)).isInstanceOf(Dense.class);
        String expected = name.equals("gelu_exact") ? "gelu" : "relu6";
        assertThat(((Dense) layers.get(1)).activation().name()).isEqualTo(expected);
        if (name.equals("gelu_exact")) {
            assertThat(((Dense) layers.get(1)).activation().config()).containsEntry("approximate", false);
        }
    }

    private static float[] floats(JsonNode array) {
        float[] out = new float[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) array.get(i).asDouble();
        }
        return out;
    }

    private static int[] ints(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).mapToInt(JsonNode::asInt).toArray();
    }

    private static byte[] bytes(String resource) throws IOException {
        try (InputStream in = TorchFixturesTest.class.getResourceAsStream("/torch/" + resource)) {
            if (in == null) {
                throw new IOException("missing test resource /torch/" + resource);
            }
            return in.readAllBytes();
        }
    }
}
