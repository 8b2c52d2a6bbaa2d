package dev.neurona.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.neurona.models.Model;
import dev.neurona.nn.Layer;
import dev.neurona.onnx.proto.Onnx.ModelProto;
import dev.neurona.tensor.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * CNNs exported by {@code torch.onnx.export} ({@code src/test/python/torch_fixtures.py}, opset 13,
 * NCHW inputs) import as channels-last models that take the file's NCHW inputs and predict what
 * PyTorch computed within 1e-5: Conv2d + ReLU, MaxPool2d, a strided Conv2d whose PyTorch padding
 * is not Keras's {@code same} (a ZeroPadding2D before it), BatchNorm2d in eval mode, AvgPool2d
 * (with PyTorch's zero Pad), a 1×1 Conv, Flatten and Linear; a depthwise Conv2d (multiplier 2),
 * a grouped one, AdaptiveAvgPool2d(1) and a ConvTranspose2d(stride 2, padding 1,
 * output_padding 1) with a second output.
 */
class TorchCnnFixturesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"small_cnn", "grouped_cnn"})
    void importsAndPredictsWhatPyTorchComputed(String name) throws Exception {
        JsonNode ref = JSON.readTree(bytes("graph_" + name + ".json"));
        Model model = OnnxImport.read(ModelProto.parseFrom(bytes("graph_" + name + ".onnx")));
        List<Tensor> xs = tensors(ref.get("inputs"));
        List<Tensor> expected = tensors(ref.get("outputs"));
        List<Tensor> actual = model.predict(xs);
        assertThat(actual).hasSameSizeAs(expected);
        for (int k = 0; k < expected.size(); k++) {
            Ort.assertClose(actual.get(k), expected.get(k), name + " output " + k + " (torch "
                    + ref.get("torch_version").asText() + ")");
        }
    }

    @Test
    void theSmallCnnIsAChainOfChannelsLastLayersBehindOnePermute() throws Exception {
        Model model = OnnxImport.read(ModelProto.parseFrom(bytes("graph_small_cnn.onnx")));
        assertThat(model.layers()).extracting(Layer::typeName).containsExactly("Input", "Permute", "Conv2D",
                "MaxPooling2D", "ZeroPadding2D", "Conv2D", "BatchNormalization", "Activation", "AveragePooling2D",
                "Conv2D", "Flatten", "Dense");
        assertThat(((dev.neurona.nn.Conv2D) model.layers().get(2)).activation().name()).isEqualTo("relu");
        assertThat(model.layers().get(1).config()).containsEntry("dims", List.of(2, 3, 1));
    }

    @Test
    void depthwiseAndGroupedConvolutionsKeepTheirForm() throws Exception {
        Model model = OnnxImport.read(ModelProto.parseFrom(bytes("graph_grouped_cnn.onnx")));
        assertThat(model.layers()).extracting(Layer::typeName).contains("DepthwiseConv2D", "Conv2D",
                "GlobalAveragePooling2D", "Conv2DTranspose", "Cropping2D");
        Layer grouped = model.layers().stream().filter(l -> l.typeName().equals("Conv2D")).findFirst().orElseThrow();
        assertThat(grouped.config()).containsEntry("groups", 2);
        Layer depthwise = model.layers().stream().filter(l -> l.typeName().equals("DepthwiseConv2D")).findFirst()
                .orElseThrow();
        assertThat(depthwise.config()).containsEntry("depth_multiplier", 2).containsEntry("padding", "same");
    }

    @Test
    void anImportedCnnSavesLoadsAndExportsAgain(@TempDir Path dir) throws Exception {
        JsonNode ref = JSON.readTree(bytes("graph_small_cnn.json"));
        Model model = OnnxImport.read(ModelProto.parseFrom(bytes("graph_small_cnn.onnx")));
        Path file = dir.resolve("cnn.nrn");
        model.save(file);
        Model again = Model.load(file);
        Tensor x = tensors(ref.get("inputs")).get(0);
        Ort.assertClose(again.predict(x), model.predict(x), "saved and loaded");
        Path onnx = dir.resolve("cnn.onnx");
        OnnxExport.write(again, onnx);
        Ort.assertClose(Ort.run(onnx, "input", x), tensors(ref.get("outputs")).get(0), "exported again, in ONNX Runtime");
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
        try (InputStream in = TorchCnnFixturesTest.class.getResourceAsStream("/torch/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture /torch/" + name + "; run src/test/python/torch_fixtures.py");
            }
            return in.readAllBytes();
        }
    }
}
