package dev.neurona.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Reductions over all elements and along each axis, against hand-computed values and shapes. */
class ReductionTest {

    /** x[i, j, k] = 100·i + 10·j + k, shape [2, 3, 4]. */
    private static Tensor cube() {
        float[] v = new float[24];
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 4; k++) {
                    v[(i * 3 + j) * 4 + k] = 100 * i + 10 * j + k;
                }
            }
        }
        return Tensor.of(v, 2, 3, 4);
    }

    @Test
    void sumAndMeanOfAllElementsAreScalars() {
        Tensor x = cube();
        // Σ 100i = 100·12, Σ 10j = 10·(0+1+2)·8, Σ k = (0+1+2+3)·6
        assertThat(x.sum().shape()).isEmpty();
        assertThat(x.sum().item()).isEqualTo(1200f + 240f + 36f);
        assertThat(x.mean().item()).isCloseTo(1476f / 24f, within(1e-4f));
    }

    @Test
    void sumAlongEachAxis() {
        Tensor x = cube();
        Tensor s0 = x.sum(0);
        assertThat(s0.shape()).containsExactly(3, 4);
        assertThat(s0.get(2, 3)).isEqualTo(23f + 123f);
        Tensor s1 = x.sum(1);
        assertThat(s1.shape()).containsExactly(2, 4);
        assertThat(s1.get(1, 2)).isEqualTo(3 * 102f + 30f);
        Tensor s2 = x.sum(-1);
        assertThat(s2.shape()).containsExactly(2, 3);
        assertThat(s2.get(1, 1)).isEqualTo(4 * 110f + 6f);
    }

    @Test
    void keepDimsKeepsTheAxisAsOne() {
        Tensor x = cube();
        assertThat(x.sum(0, true).shape()).containsExactly(1, 3, 4);
        assertThat(x.sum(1, true).shape()).containsExactly(2, 1, 4);
        assertThat(x.sum(2, true).shape()).containsExactly(2, 3, 1);
        assertThat(x.mean(1, true).shape()).containsExactly(2, 1, 4);
        assertThat(x.max(-1, true).shape()).containsExactly(2, 3, 1);
        assertThat(x.min(0, true).shape()).containsExactly(1, 3, 4);
        assertThat(x.argmax(1, true).shape()).containsExactly(2, 1, 4);
        // keepDims results broadcast back against their input
        assertThat(x.sub(x.mean(2, true)).sum(2).toArray()).containsOnly(0f);
    }

    @Test
    void meanMaxMinAlongAxes() {
        Tensor x = cube();
        assertThat(x.mean(0).get(1, 1)).isEqualTo(61f);
        assertThat(x.mean(1).get(0, 3)).isEqualTo(13f);
        assertThat(x.mean(2).get(1, 2)).isEqualTo(121.5f);
        assertThat(x.max(0).get(0, 0)).isEqualTo(100f);
        assertThat(x.max(1).toArray()).containsExactly(20, 21, 22, 23, 120, 121, 122, 123);
        assertThat(x.min(2).toArray()).containsExactly(0, 10, 20, 100, 110, 120);
        assertThat(x.max().item()).isEqualTo(123f);
        assertThat(x.min().item()).isEqualTo(0f);
    }

    @Test
    void argmaxAlongEachAxisAndOverall() {
        Tensor x = Tensor.of(new float[][] {{1, 9, 3}, {7, 2, 8}});
        assertThat(x.argmax().item()).isEqualTo(1f);
        assertThat(x.argmax(0).toArray()).containsExactly(1, 0, 1);
        assertThat(x.argmax(1).toArray()).containsExactly(1, 2);
        assertThat(x.argmax(-1, true).shape()).containsExactly(2, 1);
    }

    @Test
    void argmaxTiesPickTheFirstIndex() {
        Tensor x = Tensor.of(new float[][] {{4, 4, 1}, {0, 2, 2}, {5, 5, 5}});
        assertThat(x.argmax(1).toArray()).containsExactly(0, 1, 0);
        assertThat(x.argmax(0).toArray()).containsExactly(2, 2, 2);
        assertThat(Tensor.of(3, 7, 7, 1).argmax().item()).isEqualTo(1f);
    }

    @Test
    void maxGradientGoesToTheFirstOccurrenceOfATie() {
        Tensor x = Tensor.of(new float[][] {{4, 4, 1}, {0, 2, 2}}).requiresGrad(true);
        x.max(1).sum().backward();
        assertThat(x.grad().toArray()).containsExactly(1, 0, 0, 0, 1, 0);
        Tensor y = Tensor.of(1, 3, 3).requiresGrad(true);
        y.max().backward();
        assertThat(y.grad().toArray()).containsExactly(0, 1, 0);
    }

    @Test
    void reductionsOfARowOrColumnVector() {
        Tensor row = Tensor.of(new float[] {1, 2, 3}, 1, 3);
        assertThat(row.sum(0).shape()).containsExactly(3);
        assertThat(row.sum(1).shape()).containsExactly(1);
        assertThat(row.sum(1).item()).isEqualTo(6f);
        assertThat(Tensor.of(5f).sum(0).shape()).isEmpty();
    }
}
