package dev.neurona.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.neurona.tensor.Parameter;
import dev.neurona.tensor.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The convolution and pooling layers against PyTorch: every case of {@code conv_layers.json}
 * (written by {@code src/test/python/conv_layers.py}, which derives Keras's padding and output
 * size rules on its own) is a Keras config, weights, an input, the output and the gradients of
 * {@code sum(out · w)} for the input and each weight. The layer is rebuilt from the config, so
 * the test also covers the Keras config keys. Within 1e-5, relative above 1.
 */
class ConvLayersGoldenTest {

    private static final double TOLERANCE = 1e-5;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode file() {
        try (InputStream in = ConvLayersGoldenTest.class.getResourceAsStream("conv_layers.json")) {
            if (in == null) {
                throw new IllegalStateException("conv_layers.json is not on the test class path; run "
                        + "src/test/python/conv_layers.py");
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void coversEveryConvAndPoolingLayer() {
        Set<String> types = new TreeSet<>();
        file().get("cases").forEach(c -> types.add(c.get("config").get("type").asText()));
        assertThat(types).containsExactlyInAnyOrder("Conv1D", "Conv2D", "Conv2DTranspose", "DepthwiseConv2D",
                "SeparableConv2D", "MaxPooling1D", "MaxPooling2D", "AveragePooling1D", "AveragePooling2D");
    }

    @TestFactory
    Stream<DynamicTest> everyCase() {
        return StreamSupport.stream(file().get("cases").spliterator(), false)
                .map(c -> DynamicTest.dynamicTest(c.get("name").asText(), () -> check(c)));
    }

    private static void check(JsonNode c) {
        String name = c.get("name").asText();
        Map<String, Object> config = JSON.convertValue(c.get("config"), new TypeReference<Map<String, Object>>() { });
        Layer layer = Layers.fromConfig(config).name("golden");
        Tensor x = tensor(c.get("input")).requiresGrad(true);
        int[] sample = Arrays.copyOfRange(x.shape(), 1, x.rank());
        layer.build(sample, new Random(1));
        JsonNode weights = c.get("weights");
        assertThat(layer.parameters()).as(name + ": weights").hasSize(weights.size());
        for (int i = 0; i < weights.size(); i++) {
            Parameter p = layer.parameters().get(i);
            Tensor w = tensor(weights.get(i));
            assertThat(p.shape()).as(name + ": shape of " + p.name()).isEqualTo(w.shape());
            p.assign(w);
        }
        Tensor y = layer.call(x, Mode.TRAINING);
        Tensor expected = tensor(c.get("output"));
        assertThat(y.shape()).as(name + ": output shape").isEqualTo(expected.shape());
        assertThat(layer.outputShape(sample)).as(name + ": outputShape").isEqualTo(
                Arrays.copyOfRange(expected.shape(), 1, expected.rank()));
        close(name + ": output", y.toArray(), expected.toArray());
        y.mul(tensor(c.get("lossWeights"))).sum().backward();
        JsonNode grads = c.get("grads");
        close(name + ": input gradient", x.grad().toArray(), tensor(grads.get(0)).toArray());
        for (int i = 0; i < layer.parameters().size(); i++) {
            Parameter p = layer.parameters().get(i);
            close(name + ": gradient of " + p.name(), p.grad().toArray(), tensor(grads.get(i + 1)).toArray());
        }
    }

    private static void close(String what, float[] got, float[] want) {
        assertThat(got).as(what + ": length").hasSize(want.length);
        for (int j = 0; j < want.length; j++) {
            assertThat((double) got[j]).as(what + " at " + j).isCloseTo(want[j],
                    within(TOLERANCE * Math.max(1, Math.abs(want[j]))));
        }
    }

    private static Tensor tensor(JsonNode t) {
        JsonNode shape = t.get("shape");
        int[] s = new int[shape.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = shape.get(i).asInt();
        }
        JsonNode data = t.get("data");
        float[] v = new float[data.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) data.get(i).asDouble();
        }
        return Tensor.of(v, s);
    }
}
