package dev.neurona.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fused softmax and sigmoid cross-entropies against PyTorch: Keras's clipped loss on the
 * activation's output, and its gradient with respect to the logits, from
 * {@code src/test/python/activated_cross_entropy.py} (float64, rounded to float32).
 */
class ActivatedCrossEntropyTorchTest {

    private static final String RESOURCE = "/dev/neurona/tensor/activated_cross_entropy.json";

    static Stream<JsonNode> cases() throws IOException {
        List<JsonNode> out = new ArrayList<>();
        try (InputStream in = ActivatedCrossEntropyTorchTest.class.getResourceAsStream(RESOURCE)) {
            assertThat(in).as(RESOURCE).isNotNull();
            new ObjectMapper().readTree(in).get("cases").forEach(out::add);
        }
        assertThat(out).hasSize(6);
        return out.stream();
    }

    private static Tensor tensor(JsonNode t) {
        int[] shape = new int[t.get("shape").size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = t.get("shape").get(i).asInt();
        }
        float[] data = new float[t.get("data").size()];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) t.get("data").get(i).asDouble();
        }
        return Tensor.of(data, shape);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void lossAndLogitGradientMatchPyTorch(JsonNode c) {
        Tensor z = tensor(c.get("logits")).requiresGrad(true);
        Tensor y = tensor(c.get("targets"));
        boolean categorical = c.get("kind").asText().equals("categorical");
        Tensor loss = categorical ? CrossEntropy.categorical(z.softmax(-1), y, 1e-7f)
                : CrossEntropy.binary(z.sigmoid(), y, 1e-7f);
        assertThat(loss.op()).isEqualTo(categorical ? "softmaxCategoricalCrossEntropy" : "sigmoidBinaryCrossEntropy");
        loss.mul(tensor(c.get("weights"))).sum().backward();
        float[] want = tensor(c.get("loss")).toArray();
        float[] got = loss.toArray();
        String what = c.get("kind").asText() + " at scale " + c.get("scale").asDouble();
        for (int i = 0; i < want.length; i++) {
            assertThat(got[i]).as(what + " loss " + i).isCloseTo(want[i],
                    org.assertj.core.data.Offset.offset(2e-6f * Math.max(1f, Math.abs(want[i]))));
        }
        float[] wantGrad = tensor(c.get("grad")).toArray();
        float[] gotGrad = z.grad().toArray();
        for (int i = 0; i < wantGrad.length; i++) {
            assertThat(gotGrad[i]).as(what + " gradient " + i).isCloseTo(wantGrad[i], org.assertj.core.data.Offset.offset(1e-6f));
        }
    }
}
