package dev.neurona.nn;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.neurona.tensor.Parameter;
import dev.neurona.tensor.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The image and normalization layers against PyTorch ({@code src/test/python/cnn_layers.py}
 * writes {@code cnn_layers.json}; channels-last values, transposed there): outputs, the
 * gradient of {@code sum(out · g)} with respect to the input and to BatchNormalization's γ and
 * β, and BatchNormalization's moving statistics after a training step (Keras's rule).
 */
class CnnLayersTorchTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double TOLERANCE = 2e-5;

    private static List<JsonNode> cases() {
        try (InputStream in = CnnLayersTorchTest.class.getResourceAsStream("cnn_layers.json")) {
            if (in == null) {
                throw new IllegalStateException("cnn_layers.json is not on the test class path; run src/test/python/cnn_layers.py");
            }
            return StreamSupport.stream(JSON.readTree(in).get("cases").spliterator(), false).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Stream<JsonNode> torchCases() {
        return cases().stream();
    }

    static Tensor tensor(JsonNode t) {
        int[] shape = StreamSupport.stream(t.get("shape").spliterator(), false).mapToInt(JsonNode::asInt).toArray();
        List<JsonNode> v = StreamSupport.stream(t.get("values").spliterator(), false).toList();
        float[] values = new float[v.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) v.get(i).asDouble();
        }
        return Tensor.of(values, shape);
    }

    @SuppressWarnings("unchecked")
    @ParameterizedTest(name = "{0}")
    @MethodSource("torchCases")
    void forwardAndBackwardMatchPyTorch(JsonNode c) {
        Layer layer = Layers.fromConfig(JSON.convertValue(c.get("layer"), Map.class)).name("under_test");
        Tensor x = tensor(c.get("x")).requiresGrad(true);
        int[] sample = Arrays.copyOfRange(x.shape(), 1, x.rank());
        layer.build(sample, new Random(1));
        JsonNode weights = c.get("weights");
        if (weights != null) {
            for (Parameter p : layer.parameters()) {
                String shortName = p.name().substring(p.name().lastIndexOf('/') + 1);
                p.assign(tensor(weights.get(shortName)));
            }
        }
        Mode mode = c.get("mode").asText().equals("training") ? Mode.TRAINING : Mode.INFERENCE;
        Tensor out = layer.call(x, mode);
        String what = c.get("layer").toString() + " " + mode;
        assertClose(what + " output", out, tensor(c.get("output")));
        out.mul(tensor(c.get("g"))).sum().backward();
        assertClose(what + " input gradient", x.grad(), tensor(c.get("x_grad")));
        JsonNode grads = c.get("weight_grads");
        if (grads != null) {
            for (Parameter p : layer.parameters()) {
                String shortName = p.name().substring(p.name().lastIndexOf('/') + 1);
                if (grads.has(shortName)) {
                    assertClose(what + " gradient of " + shortName, p.grad(), tensor(grads.get(shortName)));
                }
            }
        }
        JsonNode after = c.get("moving_after");
        BatchNormalization bn = layer instanceof BatchNormalization b ? b : null;
        if (after != null) {
            assertClose(what + " moving_mean after the step", bn.movingMean(), tensor(after.get("moving_mean")));
            assertClose(what + " moving_variance after the step", bn.movingVariance(), tensor(after.get("moving_variance")));
        } else if (bn != null) {
            assertClose(what + ": inference leaves moving_mean", bn.movingMean(), tensor(weights.get("moving_mean")));
        }
    }

    @Test
    void everyComparedTypeHasCases() {
        assertThat(cases().stream().map(c -> c.get("layer").get("type").asText()).distinct().sorted().toList())
                .containsExactly("BatchNormalization", "Cropping2D", "GlobalAveragePooling1D", "GlobalAveragePooling2D",
                        "GlobalMaxPooling1D", "GlobalMaxPooling2D", "UpSampling2D", "ZeroPadding2D");
    }

    static void assertClose(String what, Tensor actual, Tensor expected) {
        assertThat(actual).as(what + ": missing").isNotNull();
        assertThat(actual.shape()).as(what + " shape").containsExactly(expected.shape());
        float[] a = actual.toArray();
        float[] e = expected.toArray();
        for (int i = 0; i < a.length; i++) {
            assertThat((double) a[i]).as("%s [%d]", what, i)
                    .isCloseTo(e[i], org.assertj.core.data.Offset.offset(TOLERANCE * Math.max(1, Math.abs(e[i]))));
        }
    }
}
