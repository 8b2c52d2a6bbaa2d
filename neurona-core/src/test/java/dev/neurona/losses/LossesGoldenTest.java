package dev.neurona.losses;

import static dev.neurona.golden.GoldenJson.assertClose;
import static dev.neurona.golden.GoldenJson.flat;
import static dev.neurona.golden.GoldenJson.tensor;

import com.fasterxml.jackson.databind.JsonNode;
import dev.neurona.golden.GoldenJson;
import dev.neurona.tensor.Tensor;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every case of {@code losses.json}: per-sample losses, the reduced value and the gradients, at float32 tolerances. */
class LossesGoldenTest {

    private static final double RTOL = 1e-4;
    private static final double ATOL = 1e-5;

    @Test
    void allSeventeenCasesArePresent() {
        if (GoldenJson.cases("losses.json").size() != 17) {
            throw new AssertionError("expected 17 loss cases");
        }
    }

    @TestFactory
    Stream<DynamicTest> goldenCases() {
        List<JsonNode> cases = GoldenJson.cases("losses.json");
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.get("name").asText(), () -> check(c)));
    }

    private static Loss lossOf(JsonNode c) {
        Map<String, Object> config = new HashMap<>();
        config.put("name", c.get("loss").asText());
        config.put("from_logits", c.get("from_logits").asBoolean());
        if (c.get("params").has("delta")) {
            config.put("delta", c.get("params").get("delta").asDouble());
        }
        return Losses.fromConfig(config);
    }

    private static void check(JsonNode c) {
        String name = c.get("name").asText();
        Loss loss = lossOf(c);
        Tensor yTrue = tensor(c.get("y_true"));
        Tensor yPred = tensor(c.get("y_pred")).requiresGrad(true);

        assertClose(name + " per_sample_loss", loss.perSample(yTrue, yPred).toArray(), flat(c.get("per_sample_loss")),
                RTOL, ATOL);
        Tensor value = loss.call(yTrue, yPred);
        assertClose(name + " loss_value", value.toArray(), flat(c.get("loss_value")), RTOL, ATOL);
        value.backward();
        // Probability-input categorical cross-entropy follows Keras and renormalizes y_pred per row.
        String gradField = c.has("grad_y_pred_renormalized") ? "grad_y_pred_renormalized" : "grad_y_pred";
        assertClose(name + " " + gradField, yPred.grad().toArray(), flat(c.get(gradField)), RTOL, ATOL);

        if (c.has("logits")) {
            Tensor z = tensor(c.get("logits")).requiresGrad(true);
            Tensor p = c.get("loss").asText().equals("binary_crossentropy") ? z.sigmoid() : z.softmax(-1);
            assertClose(name + " sigmoid/softmax(logits)", p.toArray(), flat(c.get("y_pred")), RTOL, ATOL);
            loss.call(yTrue, p).backward();
            assertClose(name + " grad_logits", z.grad().toArray(), flat(c.get("grad_logits")), RTOL, ATOL);
        }
    }

    /**
     * The two gradient conventions for probability-input categorical cross-entropy differ by
     * exactly 1/B for one-hot targets (the derivative of the row sum); this pins down what the
     * golden fields mean and that the Keras one is the one tested above.
     */
    @Test
    void renormalizedGradientDiffersFromPlainByOneOverBatch() {
        JsonNode c = GoldenJson.cases("losses.json").stream()
                .filter(n -> n.get("name").asText().equals("categorical_crossentropy")).findFirst().orElseThrow();
        double[] plain = flat(c.get("grad_y_pred"));
        double[] renorm = flat(c.get("grad_y_pred_renormalized"));
        int batch = c.get("y_pred").size();
        double[] shifted = new double[plain.length];
        for (int i = 0; i < plain.length; i++) {
            shifted[i] = plain[i] + 1.0 / batch;
        }
        assertClose("plain + 1/B", shifted, renorm, 1e-12, 1e-12);
    }
}
