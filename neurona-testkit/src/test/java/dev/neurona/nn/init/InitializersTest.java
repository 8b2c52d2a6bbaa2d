package dev.neurona.nn.init;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.neurona.tensor.Tensor;
import java.util.Random;
import org.junit.jupiter.api.Test;

class InitializersTest {

    private static double std(float[] v) {
        double mean = 0;
        for (float x : v) {
            mean += x;
        }
        mean /= v.length;
        double s = 0;
        for (float x : v) {
            s += (x - mean) * (x - mean);
        }
        return Math.sqrt(s / v.length);
    }

    @Test
    void varianceScalingMatchesKeras() {
        Random r = new Random(1);
        int[] shape = {400, 200};
        float[] glorot = Initializers.glorotUniform().create(shape, r).toArray();
        double limit = Math.sqrt(6.0 / 600);
        for (float v : glorot) {
            assertThat(Math.abs(v)).isLessThanOrEqualTo((float) limit);
        }
        assertThat(std(glorot)).isCloseTo(limit / Math.sqrt(3), within(0.002));
        assertThat(std(Initializers.heNormal().create(shape, r).toArray())).isCloseTo(Math.sqrt(2.0 / 400), within(0.003));
        assertThat(std(Initializers.lecunNormal().create(shape, r).toArray())).isCloseTo(Math.sqrt(1.0 / 400), within(0.002));
        assertThat(std(Initializers.glorotNormal().create(shape, r).toArray())).isCloseTo(Math.sqrt(2.0 / 600), within(0.002));
        assertThat(std(Initializers.heUniform().create(shape, r).toArray())).isCloseTo(Math.sqrt(2.0 / 400), within(0.003));
        assertThat(std(Initializers.randomNormal(0, 0.05).create(shape, r).toArray())).isCloseTo(0.05, within(0.002));
        float[] truncated = Initializers.truncatedNormal(0, 0.05).create(shape, r).toArray();
        for (float v : truncated) {
            assertThat(Math.abs(v)).isLessThanOrEqualTo(0.1f);
        }
    }

    @Test
    void orthogonalHasOrthonormalColumns() {
        Tensor q = Initializers.orthogonal(1.0).create(new int[] {6, 4}, new Random(2));
        Tensor gram = q.transpose().matmul(q);
        float[] g = gram.toArray();
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                assertThat(g[i * 4 + j]).isCloseTo(i == j ? 1f : 0f, within(1e-5f));
            }
        }
    }

    @Test
    void sameSeedSameWeightsAndConfigRoundTrips() {
        for (String name : Initializers.names()) {
            Initializer init = Initializers.get(name);
            assertThat(init.create(new int[] {5, 3}, new Random(9)).toArray())
                    .containsExactly(init.create(new int[] {5, 3}, new Random(9)).toArray());
            assertThat(Initializers.fromConfig(init.config()).config()).isEqualTo(init.config());
        }
        assertThat(Initializers.fromConfig(Initializers.constant(0.3).config()).create(new int[] {2}, new Random(0)).toArray())
                .containsExactly(0.3f, 0.3f);
    }

    @Test
    void unknownNameListsKnownOnes() {
        assertThatThrownBy(() -> Initializers.get("xavier"))
                .hasMessageContaining("unknown initializer 'xavier'").hasMessageContaining("glorot_uniform");
    }
}
