package dev.neurona.activations;

import static dev.neurona.golden.GoldenJson.assertClose;
import static dev.neurona.golden.GoldenJson.flat;
import static dev.neurona.golden.GoldenJson.tensor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.neurona.golden.GoldenJson;
import dev.neurona.tensor.Tensor;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class ActivationsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Tensor X = Tensor.randn(new Random(7), 4, 5).mul(3f);

    /** Each activation beside the tensor primitive (or composition) it must equal. */
    private static Map<Activation, UnaryOperator<Tensor>> table() {
        Map<Activation, UnaryOperator<Tensor>> t = new LinkedHashMap<>();
        t.put(Activations.linear(), x -> x);
        t.put(Activations.sign(), Tensor::sign);
        t.put(Activations.sigmoid(), Tensor::sigmoid);
        t.put(Activations.tanh(), Tensor::tanh);
        t.put(Activations.relu(), Tensor::relu);
        t.put(Activations.relu6(), x -> x.clamp(0f, 6f));
        t.put(Activations.leakyRelu(), x -> x.leakyRelu(0.2f));
        t.put(Activations.leakyRelu(0.1), x -> x.leakyRelu(0.1f));
        t.put(Activations.elu(), x -> x.elu(1f));
        t.put(Activations.elu(0.5), x -> x.elu(0.5f));
        t.put(Activations.selu(), Tensor::selu);
        t.put(Activations.gelu(), x -> x.gelu(false));
        t.put(Activations.gelu(true), x -> x.gelu(true));
        t.put(Activations.softplus(), Tensor::softplus);
        t.put(Activations.softsign(), Tensor::softsign);
        t.put(Activations.silu(), Tensor::silu);
        t.put(Activations.hardSigmoid(), Tensor::hardSigmoid);
        t.put(Activations.hardSilu(), x -> x.mul(x.hardSigmoid()));
        t.put(Activations.exponential(), Tensor::exp);
        t.put(Activations.softmax(), x -> x.softmax(-1));
        t.put(Activations.softmax(0), x -> x.softmax(0));
        t.put(Activations.logSoftmax(), x -> x.logSoftmax(-1));
        return t;
    }

    @Test
    void applyEqualsTheTensorPrimitive() {
        table().forEach((activation, primitive) -> assertThat(activation.apply(X).toArray())
                .as(activation.name()).containsExactly(primitive.apply(X).toArray()));
    }

    @Test
    void everyNameResolves() {
        for (String name : Activations.names()) {
            Activation a = Activations.get(name);
            assertThat(a.apply(X).shape()).as(name).containsExactly(4, 5);
        }
        assertThat(Activations.names()).contains("sign", "linear", "sigmoid", "tanh", "relu", "leaky_relu", "elu",
                "selu", "gelu", "softplus", "softsign", "silu", "swish", "hard_sigmoid", "softmax", "log_softmax",
                "exponential", "relu6", "identity");
    }

    @Test
    void namesAreCaseInsensitiveWithKerasAliases() {
        assertThat(Activations.get("ReLU")).isEqualTo(Activations.relu());
        assertThat(Activations.get("swish")).isEqualTo(Activations.silu());
        assertThat(Activations.get("identity")).isEqualTo(Activations.linear());
        assertThat(Activations.get(null)).isEqualTo(Activations.linear());
        assertThat(Activations.get("leaky_relu")).isEqualTo(Activations.leakyRelu(0.2));
        assertThat(Activations.get("softmax")).isEqualTo(Activations.softmax());
    }

    @Test
    void unknownNameListsTheKnownOnes() {
        assertThatThrownBy(() -> Activations.get("rectifier"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rectifier").hasMessageContaining("relu").hasMessageContaining("leaky_relu");
    }

    @Test
    void configsRoundTripThroughJson() throws Exception {
        for (Activation a : table().keySet()) {
            String json = JSON.writeValueAsString(a.config());
            Activation again = Activations.fromConfig(JSON.readValue(json, new TypeReference<Map<String, Object>>() { }));
            assertThat(again).as(json).isEqualTo(a);
            assertThat(again.config()).isEqualTo(a.config());
        }
        assertThat(Activations.leakyRelu(0.1).config()).containsEntry("alpha", 0.1);
        assertThat(Activations.fromConfig(Map.of("name", "leaky_relu", "negative_slope", 0.3)))
                .isEqualTo(Activations.leakyRelu(0.3));
    }

    @Test
    void leakyReluHasTheGivenSlope() {
        Tensor x = Tensor.of(-2f, -0.5f, 0f, 3f).requiresGrad(true);
        Tensor y = Activations.leakyRelu(0.1).apply(x);
        assertThat(y.toArray()).containsExactly(new float[] {-0.2f, -0.05f, 0f, 3f}, within(1e-7f));
        y.sum().backward();
        assertThat(x.grad().toArray()).containsExactly(new float[] {0.1f, 0.1f, 0.1f, 1f}, within(1e-7f));
    }

    @Test
    void signIsAStepWithZeroGradient() {
        Tensor x = Tensor.of(-2f, 0f, 3f).requiresGrad(true);
        Tensor y = Activations.sign().apply(x);
        assertThat(y.toArray()).containsExactly(-1f, 0f, 1f);
        y.sum().backward();
        assertThat(x.grad().toArray()).containsExactly(0f, 0f, 0f);
    }

    /** The activations of {@code activations.json} that are activations here (prelu is a layer's job). */
    @TestFactory
    Stream<DynamicTest> goldenActivations() {
        List<JsonNode> cases = GoldenJson.cases("activations.json");
        return cases.stream().filter(c -> !c.get("activation").asText().equals("prelu"))
                .map(c -> DynamicTest.dynamicTest(c.get("name").asText(), () -> {
                    Map<String, Object> config = new HashMap<>(
                            JSON.convertValue(c.get("params"), new TypeReference<Map<String, Object>>() { }));
                    config.put("name", c.get("activation").asText());
                    Activation a = Activations.fromConfig(config);
                    Tensor x = tensor(c.get("x")).requiresGrad(true);
                    Tensor y = a.apply(x);
                    assertClose(c.get("name").asText() + " y", y.toArray(), flat(c.get("y")), 1e-4, 1e-5);
                    y.backward(tensor(c.get("g")));
                    assertClose(c.get("name").asText() + " dx", x.grad().toArray(), flat(c.get("dx")), 1e-4, 1e-5);
                }));
    }
}
