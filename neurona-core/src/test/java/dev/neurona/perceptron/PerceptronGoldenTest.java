package dev.neurona.perceptron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.neurona.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The perceptron against ../shared/golden/perceptron.json (PyTorch float64 iterations; exact). */
class PerceptronGoldenTest {

    @Test
    void separableCaseMatchesEveryEpochExactly() {
        JsonNode c = goldenCase("rosenblatt_separable_2d");
        PerceptronResult r = new Perceptron().learningRate(c.get("eta").asDouble()).maxEpochs(100).shuffle(false)
                .fit(Tensor.of(matrix(c.get("X"))), Tensor.of(vector(c.get("y"))));

        assertThat(r.converged()).isEqualTo(c.get("converged").asBoolean()).isTrue();
        assertThat(r.epochs()).isEqualTo(c.get("num_epochs").asInt());
        assertThat(r.mistakesPerEpoch()).containsExactly(ints(c.get("mistakes_per_epoch")));
        JsonNode indices = c.get("mistake_indices_per_epoch");
        for (int e = 0; e < r.epochs(); e++) {
            assertThat(r.mistakeIndicesPerEpoch()[e]).as("mistakes in epoch %d", e + 1).containsExactly(ints(indices.get(e)));
        }
        float[][] expected = matrix(c.get("weights_after_epoch"));
        for (int e = 0; e < expected.length; e++) {
            assertThat(r.weightsAfterEpoch(e + 1)).as("weights after epoch %d", e + 1).containsExactly(expected[e]);
        }
        assertThat(r.weights()).containsExactly(vector(c.get("final_w")));
        assertThat(r.totalUpdates()).isEqualTo(c.get("total_updates").asInt());
        assertThat(r.weightsAfterEpoch(0)).containsExactly(vector(c.get("w_init")));
        assertThat(r.score(Tensor.of(matrix(c.get("X"))), Tensor.of(vector(c.get("y"))))).isEqualTo(1.0);
    }

    @Test
    void xorNeverConvergesAndReturnsToZeroEveryEpoch() {
        JsonNode c = goldenCase("rosenblatt_xor_100_epochs");
        PerceptronResult r = new Perceptron().learningRate(1.0).maxEpochs(c.get("num_epochs").asInt()).shuffle(false)
                .fit(Tensor.of(matrix(c.get("X"))), Tensor.of(vector(c.get("y"))));

        assertThat(r.converged()).isFalse();
        assertThat(r.epochs()).isEqualTo(100);
        assertThat(r.mistakesPerEpoch()).containsExactly(ints(c.get("mistakes_per_epoch")));
        for (int e = 1; e <= 100; e++) {
            assertThat(r.weightsAfterEpoch(e)).as("weights after epoch %d", e).containsExactly(0f, 0f, 0f);
        }
        assertThat(r.weights()).containsExactly(vector(c.get("final_w")));
    }

    // ---------------------------------------------------------------- golden file reading

    private static JsonNode goldenCase(String name) {
        Path file = goldenDir().resolve("perceptron.json");
        try {
            for (JsonNode c : new ObjectMapper().readTree(file.toFile()).get("cases")) {
                if (c.get("name").asText().equals(name)) {
                    return c;
                }
            }
        } catch (IOException e) {
            fail("cannot read " + file + ": " + e.getMessage(), e);
        }
        return fail("no case '" + name + "' in " + file);
    }

    /** The golden folder: system property neurona.golden (Surefire sets it), else shared/golden beside an ancestor of user.dir. */
    static Path goldenDir() {
        String property = System.getProperty("neurona.golden");
        if (property != null && Files.isDirectory(Path.of(property))) {
            return Path.of(property);
        }
        for (Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolveSibling("shared").resolve("golden");
            if (dir.getParent() != null && Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return fail("golden folder not found: set -Dneurona.golden=/path/to/shared/golden (property was " + property
                + ") or put shared/golden beside the repository root (searched upwards from " + System.getProperty("user.dir") + ")");
    }

    private static float[][] matrix(JsonNode rows) {
        float[][] m = new float[rows.size()][];
        for (int i = 0; i < m.length; i++) {
            m[i] = vector(rows.get(i));
        }
        return m;
    }

    private static float[] vector(JsonNode values) {
        float[] v = new float[values.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) values.get(i).asDouble();
        }
        return v;
    }

    private static int[] ints(JsonNode values) {
        int[] v = new int[values.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = values.get(i).asInt();
        }
        return v;
    }
}
