package dev.neurona.tensor;

import static org.assertj.core.api.Assertions.assertThat;

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
 * The movement ops against PyTorch: every case of {@code movement_ops.json} (written by
 * {@code src/test/python/movement_ops.py}, see its docstring to regenerate) gives inputs,
 * arguments, outputs and the gradient of {@code Σ sum(out_i · w_i)} for each input. These ops
 * only move values, so outputs must be equal exactly; gradients within 1e-6, relative above 1
 * ({@code expand}'s gradient sums the weights of the repeats, in another order than PyTorch's).
 */
class MovementGoldenTest {

    /** Absolute below 1, relative above: a sum of 15 float32 weights near 5.8 differs from PyTorch's by 3 ulps. */
    private static final double GRADIENT_TOLERANCE = 1e-6;

    private static JsonNode file() {
        try (InputStream in = MovementGoldenTest.class.getResourceAsStream("movement_ops.json")) {
            if (in == null) {
                throw new IllegalStateException("movement_ops.json is not on the test class path beside "
                        + MovementGoldenTest.class.getName() + "; run src/test/python/movement_ops.py");
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<JsonNode> cases() {
        return StreamSupport.stream(file().get("cases").spliterator(), false).toList();
    }

    @Test
    void coversEveryMovementOp() {
        Set<String> ops = new TreeSet<>();
        cases().forEach(c -> ops.add(c.get("op").asText()));
        assertThat(ops).containsExactlyInAnyOrder("view", "reshape", "squeeze", "unsqueeze", "permute", "transpose",
                "expand", "slice", "pad", "flip", "concat", "stack", "split", "chunk");
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
        Tensor[] outputs = apply(c.get("op").asText(), c.get("args"), inputs);
        Tensor[] expected = tensors(c.get("outputs"));
        Tensor[] weights = tensors(c.get("weights"));
        assertThat(outputs).as(name + ": number of outputs").hasSize(expected.length);
        Tensor loss = null;
        for (int i = 0; i < outputs.length; i++) {
            assertThat(outputs[i].shape()).as(name + ": shape of output " + i).isEqualTo(expected[i].shape());
            assertThat(outputs[i].toArray()).as(name + ": values of output " + i).isEqualTo(expected[i].toArray());
            Tensor term = outputs[i].mul(weights[i]).sum();
            loss = loss == null ? term : loss.add(term);
        }
        loss.backward();
        Tensor[] grads = tensors(c.get("grads"));
        for (int i = 0; i < inputs.length; i++) {
            assertThat(inputs[i].grad()).as(name + ": gradient of input " + i).isNotNull();
            assertThat(inputs[i].grad().shape()).as(name + ": gradient shape of input " + i).isEqualTo(inputs[i].shape());
            float[] got = inputs[i].grad().toArray();
            float[] want = grads[i].toArray();
            for (int j = 0; j < want.length; j++) {
                assertThat((double) got[j]).as(name + ": gradient of input " + i + " at " + j)
                        .isCloseTo(want[j], org.assertj.core.api.Assertions.within(GRADIENT_TOLERANCE
                                * Math.max(1, Math.abs(want[j]))));
            }
        }
    }

    /** Neurona's op for a case of the file. */
    private static Tensor[] apply(String op, JsonNode a, Tensor[] in) {
        Tensor x = in[0];
        return switch (op) {
            case "view" -> one(x.view(ints(a.get("shape"))));
            case "reshape" -> one(x.reshape(ints(a.get("shape"))));
            case "squeeze" -> one(x.squeeze(a.get("axis").asInt()));
            case "unsqueeze" -> one(x.unsqueeze(a.get("axis").asInt()));
            case "permute" -> one(x.permute(ints(a.get("axes"))));
            case "transpose" -> one(x.transpose(a.get("axis0").asInt(), a.get("axis1").asInt()));
            case "expand" -> one(x.expand(ints(a.get("sizes"))));
            case "slice" -> one(x.slice(a.get("axis").asInt(), a.get("start").asInt(), a.get("stop").asInt(),
                    a.get("step").asInt()));
            case "pad" -> one(x.pad(ints(a.get("padding")), (float) a.get("value").asDouble()));
            case "flip" -> one(x.flip(ints(a.get("axes"))));
            case "concat" -> one(Tensor.concat(a.get("axis").asInt(), in));
            case "stack" -> one(Tensor.stack(a.get("axis").asInt(), in));
            case "split" -> x.split(a.get("axis").asInt(), ints(a.get("sizes")));
            case "chunk" -> x.chunk(a.get("axis").asInt(), a.get("chunks").asInt());
            default -> throw new AssertionError("movement_ops.json has an op this test does not map: " + op);
        };
    }

    private static Tensor[] one(Tensor t) {
        return new Tensor[] {t};
    }

    private static int[] ints(JsonNode list) {
        int[] out = new int[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = list.get(i).asInt();
        }
        return out;
    }

    /** {@code [{"shape": [...], "data": [...]}, …]} as tensors (a scalar for an empty shape). */
    private static Tensor[] tensors(JsonNode list) {
        List<Tensor> out = new ArrayList<>();
        for (JsonNode t : list) {
            int[] shape = ints(t.get("shape"));
            JsonNode data = t.get("data");
            float[] values = new float[data.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) data.get(i).asDouble();
            }
            out.add(shape.length == 0 ? Tensor.scalar(values[0]) : Tensor.of(values, shape));
        }
        return out.toArray(new Tensor[0]);
    }
}
