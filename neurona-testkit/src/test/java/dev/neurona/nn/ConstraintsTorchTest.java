package dev.neurona.nn;

import static dev.neurona.nn.Layers.input;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.neurona.models.Sequential;
import dev.neurona.optim.SGD;
import dev.neurona.tensor.Tensor;
import dev.neurona.train.Fit;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * The weight constraints against Keras 3's formulas computed by PyTorch in float64
 * ({@code src/test/python/constraints.py} writes {@code constraints.json}), and training with
 * {@code max_norm} keeping every kernel column's norm at most its {@code max_value}.
 */
class ConstraintsTorchTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<JsonNode> cases() {
        try (InputStream in = ConstraintsTorchTest.class.getResourceAsStream("constraints.json")) {
            if (in == null) {
                throw new IllegalStateException("constraints.json is not on the test class path beside "
                        + ConstraintsTorchTest.class.getName() + "; run src/test/python/constraints.py");
            }
            return StreamSupport.stream(JSON.readTree(in).get("cases").spliterator(), false).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Stream<JsonNode> torchCases() {
        return cases().stream();
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

    @SuppressWarnings("unchecked")
    @ParameterizedTest(name = "{0}")
    @MethodSource("torchCases")
    void projectionsMatchPyTorch(JsonNode c) {
        Constraint constraint = Constraint.fromConfig(JSON.convertValue(c.get("config"), Map.class));
        float[] expected = tensor(c.get("projected")).toArray();
        float[] actual = constraint.projected(tensor(c.get("weights"))).toArray();
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < actual.length; i++) {
            assertThat((double) actual[i]).as("%s [%d]", c.get("config"), i)
                    .isCloseTo(expected[i], org.assertj.core.data.Offset.offset(1e-6 * Math.max(1, Math.abs(expected[i]))));
        }
        assertThat(Constraint.fromConfig(constraint.config())).isEqualTo(constraint);
    }

    @Test
    void everyBuiltInConstraintIsChecked() {
        assertThat(cases().stream().map(c -> c.get("config").get("name").asText()).distinct().sorted().toList())
                .containsExactlyElementsOf(dev.neurona.names.Registry.names(Constraint.class));
    }

    /** Column norms of the first Dense kernel after training with SGD at a large rate, with or without max_norm. */
    private static double[] columnNorms(Constraint constraint) {
        Dense hidden = new Dense(6).activation("tanh").kernelConstraint(constraint);
        Sequential model = new Sequential(input(4), hidden, new Dense(1)).seed(3);
        model.compile(new SGD(0.5), "mse");
        Random r = new Random(8);
        Tensor x = Tensor.randn(r, 64, 4).mul(3f);
        Tensor y = Tensor.randn(r, 64, 1).mul(5f);
        model.fit(x, y, Fit.epochs(5).batchSize(8).verbose(0));
        float[] w = hidden.kernel().toArray();
        double[] norms = new double[6];
        for (int i = 0; i < w.length; i++) {
            norms[i % 6] += (double) w[i] * w[i];
        }
        for (int j = 0; j < 6; j++) {
            norms[j] = Math.sqrt(norms[j]);
        }
        return norms;
    }

    @Test
    void trainingWithMaxNormKeepsEveryColumnNormAtMostMaxValue() {
        double free = java.util.Arrays.stream(columnNorms(null)).max().orElseThrow();
        assertThat(free).as("without the constraint some column grows past 0.5").isGreaterThan(0.6);
        for (double norm : columnNorms(Constraints.maxNorm(0.5))) {
            assertThat(norm).isLessThanOrEqualTo(0.5 * (1 + 1e-6));   // float rounding of the scaled weights
        }
    }

    @Test
    void denseCarriesItsConstraintsInItsConfig() {
        Dense d = new Dense(3).kernelConstraint(Constraints.maxNorm(3)).biasConstraint(Constraints.nonNeg());
        Map<String, Object> config = d.config();
        assertThat(config.get("kernel_constraint")).isEqualTo(Map.of("name", "max_norm", "max_value", 3.0, "axis", 0));
        assertThat(config.get("bias_constraint")).isEqualTo(Map.of("name", "non_neg"));
        Dense back = (Dense) Layers.fromConfig(config);
        assertThat(back.kernelConstraint()).isEqualTo(d.kernelConstraint());
        assertThat(back.biasConstraint()).isEqualTo(d.biasConstraint());
        Dense byName = (Dense) Layers.fromConfig(Map.of("type", "Dense", "units", 2, "kernel_constraint", "unit_norm"));
        assertThat(byName.kernelConstraint()).isEqualTo(Constraints.unitNorm());
        assertThatThrownBy(() -> Layers.fromConfig(Map.of("type", "Dense", "units", 2, "kernel_constraint", "max_nrom")))
                .hasMessageContaining("kernel_constraint.name: unknown constraint 'max_nrom' (did you mean 'max_norm'?)");
        Dense badAxis = (Dense) new Dense(2).kernelConstraint(Constraints.maxNorm(1, 2)).name("dense_9");
        assertThatThrownBy(() -> badAxis.build(new int[] {3}, new Random(0)))
                .hasMessageContaining("dense_9 (Dense): max_norm: axis 2 is outside a weight of rank 2");
    }
}
