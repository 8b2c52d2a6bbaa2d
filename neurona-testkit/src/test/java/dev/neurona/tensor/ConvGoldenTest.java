package dev.neurona.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The convolution and pooling ops against PyTorch: every case of {@code conv_ops.json}
 * (written by {@code src/test/python/conv_ops.py}, see its docstring to regenerate) gives
 * channels-last inputs, arguments, the output and the gradient of {@code sum(out · w)} for each
 * input. Sums of products come in another order than PyTorch's, so values and gradients agree
 * within 1e-5, relative above 1; max pooling only selects, so its output is exact.
 */
class ConvGoldenTest {

    private static final double TOLERANCE = 1e-5;

    private static JsonNode file() {
        try (InputStream in = ConvGoldenTest.class.getResourceAsStream("conv_ops.json")) {
            if (in == null) {
                throw new IllegalStateException("conv_ops.json is not on the test class path beside "
                        + ConvGoldenTest.class.getName() + "; run src/test/python/conv_ops.py");
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<JsonNode> cases() {
        return StreamSupport.stream(file().get("cases").spliterator(), false).toList();
    }

    @Test
    void coversEveryOp() {
        Set<String> ops = new TreeSet<>();
        cases().forEach(c -> ops.add(c.get("op").asText()));
        assertThat(ops).containsExactlyInAnyOrder("conv2d", "conv2dTranspose", "conv1d", "maxPool2d", "avgPool2d",
                "maxPool1d", "avgPool1d");
        assertThat(file().get("source").asText()).startsWith("torch ");
    }

    @TestFactory
    Stream<DynamicTest> everyCase() {
        return cases().stream().map(c -> DynamicTest.dynamicTest(c.get("name").asText(), () -> check(c)));
    }

    private static void check(JsonNode c) {
        String name = c.get("name").asText();
        Tensor[] inputs = tensors(c.get("inputs"));
        for (Tensor t : inputs) {
            t.requiresGrad(true);
        }
        Tensor out = apply(c.get("op").asText(), c.get("args"), inputs);
        Tensor expected = tensors(c.get("outputs"))[0];
        assertThat(out.shape()).as(name + ": output shape").isEqualTo(expected.shape());
        if (c.get("op").asText().startsWith("maxPool")) {
            assertThat(out.toArray()).as(name + ": values").isEqualTo(expected.toArray());
        } else {
            close(name + ": output", out.toArray(), expected.toArray());
        }
        out.mul(tensors(c.get("weights"))[0]).sum().backward();
        Tensor[] grads = tensors(c.get("grads"));
        for (int i = 0; i < inputs.length; i++) {
            assertThat(inputs[i].grad()).as(name + ": gradient of input " + i).isNotNull();
            assertThat(inputs[i].grad().shape()).as(name + ": gradient shape of input " + i).isEqualTo(inputs[i].shape());
            close(name + ": gradient of input " + i, inputs[i].grad().toArray(), grads[i].toArray());
        }
    }

    static void close(String what, float[] got, float[] want) {
        assertThat(got).as(what + ": length").hasSize(want.length);
        for (int j = 0; j < want.length; j++) {
            assertThat((double) got[j]).as(what + " at " + j).isCloseTo(want[j], within(TOLERANCE * Math.max(1,
                    Math.abs(want[j]))));
        }
    }

    /** Neurona's op for a case of the file. */
    static Tensor apply(String op, JsonNode a, Tensor[] in) {
        Tensor x = in[0];
        return switch (op) {
            case "conv2d" -> x.conv2d(in[1], spec(a));
            case "conv2dTranspose" -> {
                int[] outPad = ints(a.get("outputPadding"));
                yield x.conv2dTranspose(in[1], spec(a), outPad[0], outPad[1]);
            }
            case "conv1d" -> {
                int[] p = ints(a.get("padding"));
                yield x.conv1d(in[1], ConvSpec.of1d(a.get("stride").asInt(), p[0], p[1], a.get("dilation").asInt(),
                        a.get("groups").asInt()));
            }
            case "maxPool2d" -> x.maxPool2d(ints(a.get("pool")), ints(a.get("strides")), ints(a.get("padding")));
            case "avgPool2d" -> x.avgPool2d(ints(a.get("pool")), ints(a.get("strides")), ints(a.get("padding")));
            case "maxPool1d" -> x.maxPool1d(a.get("pool").asInt(), a.get("stride").asInt(), ints(a.get("padding"))[0],
                    ints(a.get("padding"))[1]);
            case "avgPool1d" -> x.avgPool1d(a.get("pool").asInt(), a.get("stride").asInt(), ints(a.get("padding"))[0],
                    ints(a.get("padding"))[1]);
            default -> throw new AssertionError("conv_ops.json has an op this test does not map: " + op);
        };
    }

    private static ConvSpec spec(JsonNode a) {
        int[] s = ints(a.get("strides"));
        int[] p = ints(a.get("padding"));
        int[] d = ints(a.get("dilation"));
        return new ConvSpec(s[0], s[1], p[0], p[1], p[2], p[3], d[0], d[1], a.get("groups").asInt());
    }

    static int[] ints(JsonNode list) {
        int[] out = new int[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = list.get(i).asInt();
        }
        return out;
    }

    /** {@code [{"shape": [...], "data": [...]}, …]} as tensors. */
    static Tensor[] tensors(JsonNode list) {
        List<Tensor> out = new ArrayList<>();
        for (JsonNode t : list) {
            JsonNode data = t.get("data");
            float[] values = new float[data.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) data.get(i).asDouble();
            }
            out.add(Tensor.of(values, ints(t.get("shape"))));
        }
        return out.toArray(new Tensor[0]);
    }
}
