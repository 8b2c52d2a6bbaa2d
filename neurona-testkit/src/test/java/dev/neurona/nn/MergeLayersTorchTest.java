package dev.neurona.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.neurona.testkit.GradCheck;
import dev.neurona.tensor.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The merge layers, broadcasting included, against PyTorch ({@code src/test/python/merge_layers.py}
 * writes {@code merge_layers.json}: outputs, and the gradients of {@code sum(output · w)} for every
 * input), and their gradients against finite differences.
 */
class MergeLayersTorchTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<JsonNode> cases() {
        try (InputStream in = MergeLayersTorchTest.class.getResourceAsStream("merge_layers.json")) {
            if (in == null) {
                throw new IllegalStateException("merge_layers.json is missing; run src/test/python/merge_layers.py");
            }
            return StreamSupport.stream(JSON.readTree(in).get("cases").spliterator(), false).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Tensor tensor(JsonNode t) {
        int[] shape = StreamSupport.stream(t.get("shape").spliterator(), false).mapToInt(JsonNode::asInt).toArray();
        List<JsonNode> v = StreamSupport.stream(t.get("values").spliterator(), false).toList();
        float[] values = new float[v.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) v.get(i).asDouble();
        }
        return Tensor.of(values, shape);
    }

    /** The case's layer from its config, built for its inputs' sample shapes. */
    @SuppressWarnings("unchecked")
    private static Layer layer(JsonNode c) {
        Layer layer = Layers.fromConfig(JSON.convertValue(c.get("config"), Map.class));
        List<int[]> shapes = new ArrayList<>();
        for (JsonNode in : c.get("inputs")) {
            int[] shape = tensor(in).shape();
            shapes.add(Arrays.copyOfRange(shape, 1, shape.length));
        }
        layer.name("merge").build(shapes, new java.util.Random(0));
        return layer;
    }

    private static void close(float[] actual, Tensor expected, String what) {
        float[] e = expected.toArray();
        assertThat(actual).as(what).hasSameSizeAs(e);
        for (int i = 0; i < e.length; i++) {
            assertThat((double) actual[i]).as("%s [%d]", what, i).isCloseTo(e[i], Offset.offset(2e-6 * Math.max(1, Math.abs(e[i]))));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void valuesAndGradientsMatchPyTorch(JsonNode c) {
        Layer layer = layer(c);
        List<Tensor> xs = new ArrayList<>();
        List<int[]> shapes = new ArrayList<>();
        for (JsonNode in : c.get("inputs")) {
            Tensor x = tensor(in).requiresGrad(true);
            xs.add(x);
            shapes.add(Arrays.copyOfRange(x.shape(), 1, x.rank()));
        }
        Tensor expected = tensor(c.get("output"));
        assertThat(layer.outputShape(shapes)).as("output shape").containsExactly(
                Arrays.copyOfRange(expected.shape(), 1, expected.rank()));
        Tensor out = layer.call(xs, Mode.INFERENCE);
        assertThat(out.shape()).containsExactly(expected.shape());
        close(out.toArray(), expected, c.get("name").asText() + " output");
        out.mul(tensor(c.get("weights"))).sum().backward();
        for (int i = 0; i < xs.size(); i++) {
            close(xs.get(i).grad().toArray(), tensor(c.get("gradients").get(i)), c.get("name").asText() + " gradient " + i);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void gradientsMatchFiniteDifferences(JsonNode c) {
        Layer layer = layer(c);
        List<Tensor> inputs = new ArrayList<>();
        for (JsonNode in : c.get("inputs")) {
            inputs.add(tensor(in));
        }
        Tensor w = tensor(c.get("weights"));
        GradCheck.assertGradients(xs -> layer.call(List.of(xs), Mode.INFERENCE).mul(w).sum(), inputs.toArray(Tensor[]::new));
    }

    @Test
    void shapesThatDoNotBroadcastNameBothInputs() {
        assertThatThrownBy(() -> Layers.add().outputShape(List.of(new int[] {4}, new int[] {4}, new int[] {3})))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[None, 4] (input 0)").hasMessageContaining("[None, 3] (input 2)");
        assertThatThrownBy(() -> Layers.divide().outputShape(List.of(new int[] {2, 3}, new int[] {3, 3})))
                .hasMessageContaining("[None, 2, 3] (input 0)").hasMessageContaining("[None, 3, 3] (input 1)")
                .hasMessageContaining("broadcast");
        assertThatThrownBy(() -> Layers.divide().outputShape(List.of(new int[] {3}, new int[] {3}, new int[] {3})))
                .hasMessageContaining("exactly two inputs");
    }
}
