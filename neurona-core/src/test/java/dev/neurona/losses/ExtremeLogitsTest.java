package dev.neurona.losses;

import static dev.neurona.losses.ExactCrossEntropy.assertUlps;
import static org.assertj.core.api.Assertions.assertThat;

import dev.neurona.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every cross-entropy form against an exact reference ({@link ExactCrossEntropy}) over a grid
 * of logits from 0 to {@code ±Float.MAX_VALUE} and one-hot, soft and 0/1 labels: each loss and
 * gradient whose exact value fits in a float is finite and within 4 float ulps of it; a loss
 * beyond the float range is +∞ (issue 14, item 6: logits of ±3e38 gave NaN, 0 × −∞).
 */
class ExtremeLogitsTest {

    private static final float MAX = Float.MAX_VALUE;
    private static final float[] LOGITS = {0f, 1f, -1f, 1e4f, -1e4f, 1e30f, -1e30f, 3e38f, -3e38f, MAX, -MAX};
    private static final float[] PROBABILITIES = {0f, 1e-30f, 1e-7f, 0.3f, 0.5f, 0.9999999f, 1f};
    /** Unnormalized "probabilities" (Keras divides each row by its sum), up to the float maximum. */
    private static final float[] MASSES = {0f, 1e-30f, 0.3f, 1f, 1e30f, 3e38f, MAX};
    private static final float[][] TWO_CLASS_TARGETS = {{1, 0}, {0, 1}, {0.3f, 0.7f}, {0.7f, 0.3f}};
    private static final float[][] THREE_CLASS_TARGETS = {{1, 0, 0}, {0, 0, 1}, {0.3f, 0, 0.7f}};
    private static final float[] BINARY_TARGETS = {0f, 1f, 0.3f, 0.7f};
    private static final int ULPS = 4;

    private static List<float[]> rows(float[] values, int k) {
        List<float[]> rows = new ArrayList<>();
        int n = (int) Math.pow(values.length, k);
        for (int i = 0; i < n; i++) {
            float[] row = new float[k];
            for (int j = 0, c = i; j < k; j++, c /= values.length) {
                row[j] = values[c % values.length];
            }
            rows.add(row);
        }
        return rows;
    }

    /** The loss of one row {@code [1, K]} and its gradient with respect to the prediction. */
    private static float[] lossAndGradient(Loss loss, float[] target, int[] targetShape, float[] prediction) {
        Tensor p = Tensor.of(prediction, 1, prediction.length).requiresGrad(true);
        Tensor value = loss.call(Tensor.of(target, targetShape), p);
        value.backward();
        float[] out = new float[prediction.length + 1];
        out[0] = value.item();
        System.arraycopy(p.grad().data(), 0, out, 1, prediction.length);
        return out;
    }

    private static void assertAll(String what, float[] actual, double[] exact) {
        assertUlps(what + " loss", actual[0], exact[0], ULPS);
        for (int j = 1; j < exact.length; j++) {
            assertUlps(what + " gradient " + (j - 1), actual[j], exact[j], ULPS);
        }
    }

    @Test
    void categoricalFromLogitsIsExactOverTheGrid() {
        Loss loss = Losses.categoricalCrossentropy(true);
        int checked = 0;
        for (int k = 2; k <= 3; k++) {
            for (float[] z : rows(LOGITS, k)) {
                for (float[] y : k == 2 ? TWO_CLASS_TARGETS : THREE_CLASS_TARGETS) {
                    assertAll("cce logits " + Arrays.toString(z) + " y " + Arrays.toString(y),
                            lossAndGradient(loss, y, new int[] {1, k}, z), ExactCrossEntropy.softmax(z, y));
                    checked++;
                }
            }
        }
        assertThat(checked).isEqualTo(121 * 4 + 1331 * 3);
    }

    @Test
    void theIssuesCaseIsFiniteAndZero() {
        Tensor z = Tensor.of(new float[] {3e38f, -3e38f}, 1, 2);
        assertThat(Losses.categoricalCrossentropy(true).call(Tensor.of(new float[] {1, 0}, 1, 2), z).item()).isZero();
        assertThat(Losses.sparseCategoricalCrossentropy(true).call(Tensor.of(new float[] {0}, 1), z).item()).isZero();
        // a soft label on the far class: 0.3 × 6e38 overflows, 0.3 × 1e38 does not
        Tensor near = Tensor.of(new float[] {1e38f, -1e38f}, 1, 2);
        assertThat(Losses.categoricalCrossentropy(true).call(Tensor.of(new float[] {0.7f, 0.3f}, 1, 2), near).item())
                .isEqualTo(6e37f, org.assertj.core.data.Offset.offset(1e31f));
    }

    @Test
    void sparseCategoricalFromLogitsIsExactOverTheGrid() {
        Loss loss = Losses.sparseCategoricalCrossentropy(true);
        for (float[] z : rows(LOGITS, 3)) {
            for (int id = 0; id < 3; id++) {
                float[] oneHot = new float[3];
                oneHot[id] = 1;
                assertAll("sparse cce logits " + Arrays.toString(z) + " id " + id,
                        lossAndGradient(loss, new float[] {id}, new int[] {1}, z), ExactCrossEntropy.softmax(z, oneHot));
            }
        }
    }

    @Test
    void perSampleLossesOfOneBatchMatchRowByRow() {
        List<float[]> rows = rows(LOGITS, 2);
        float[] z = new float[rows.size() * 2];
        float[] y = new float[rows.size() * 2];
        for (int r = 0; r < rows.size(); r++) {
            System.arraycopy(rows.get(r), 0, z, 2 * r, 2);
            System.arraycopy(TWO_CLASS_TARGETS[r % 4], 0, y, 2 * r, 2);
        }
        float[] perSample = Losses.categoricalCrossentropy(true)
                .perSample(Tensor.of(y, rows.size(), 2), Tensor.of(z, rows.size(), 2)).toArray();
        for (int r = 0; r < rows.size(); r++) {
            assertUlps("row " + r, perSample[r], ExactCrossEntropy.softmax(rows.get(r), TWO_CLASS_TARGETS[r % 4])[0], ULPS);
        }
    }

    @Test
    void categoricalFromLogitsWithLabelSmoothingStaysFinite() {
        Loss loss = Losses.categoricalCrossentropy(true, 0.1);
        for (float[] z : rows(LOGITS, 2)) {
            float[] y = {1, 0};
            float[] smoothed = {y[0] * 0.9f + 0.1f / 2, y[1] * 0.9f + 0.1f / 2};
            assertAll("smoothed cce " + Arrays.toString(z), lossAndGradient(loss, y, new int[] {1, 2}, z),
                    ExactCrossEntropy.softmax(z, smoothed));
        }
    }

    @Test
    void categoricalFromProbabilitiesRenormalizesWithoutOverflow() {
        Loss loss = Losses.categoricalCrossentropy(false);
        for (float[] p : rows(MASSES, 2)) {
            if (p[0] == 0f && p[1] == 0f) {
                continue;   // 0/0: no exact answer
            }
            for (float[] y : TWO_CLASS_TARGETS) {
                assertAll("cce probabilities " + Arrays.toString(p) + " y " + Arrays.toString(y),
                        lossAndGradient(loss, y, new int[] {1, 2}, p), ExactCrossEntropy.categorical(p, y));
            }
        }
        // [3e38, 3e38] is [0.5, 0.5]: a float row sum overflowed to ∞ and clipped both to 1e-7 (loss 16.1)
        float l = loss.call(Tensor.of(new float[] {1, 0}, 1, 2), Tensor.of(new float[] {3e38f, 3e38f}, 1, 2)).item();
        assertThat(l).isCloseTo((float) Math.log(2), org.assertj.core.data.Offset.offset(1e-6f));
    }

    @Test
    void sparseCategoricalFromProbabilitiesMatchesItsOneHotForm() {
        Loss loss = Losses.sparseCategoricalCrossentropy(false);
        for (float[] p : rows(MASSES, 2)) {
            if (p[0] == 0f && p[1] == 0f) {
                continue;
            }
            for (int id = 0; id < 2; id++) {
                float[] oneHot = {id == 0 ? 1 : 0, id == 1 ? 1 : 0};
                assertAll("sparse cce probabilities " + Arrays.toString(p) + " id " + id,
                        lossAndGradient(loss, new float[] {id}, new int[] {1}, p), ExactCrossEntropy.categorical(p, oneHot));
            }
        }
    }

    @Test
    void binaryFromLogitsIsExactOverTheGrid() {
        Loss loss = Losses.binaryCrossentropy(true);
        for (float z : LOGITS) {
            for (float y : BINARY_TARGETS) {
                assertAll("bce logit " + z + " y " + y, lossAndGradient(loss, new float[] {y}, new int[] {1, 1},
                        new float[] {z}), ExactCrossEntropy.binaryLogit(z, y));
            }
        }
    }

    @Test
    void binaryFromLogitsAveragesColumnsWithoutOverflow() {
        Loss loss = Losses.binaryCrossentropy(true);
        for (float[] z : rows(LOGITS, 2)) {
            for (float[] y : new float[][] {{0, 0}, {1, 1}, {0, 1}, {0.3f, 0.7f}}) {
                double[] a = ExactCrossEntropy.binaryLogit(z[0], y[0]);
                double[] b = ExactCrossEntropy.binaryLogit(z[1], y[1]);
                assertAll("bce logits " + Arrays.toString(z) + " y " + Arrays.toString(y),
                        lossAndGradient(loss, y, new int[] {1, 2}, z),
                        new double[] {(a[0] + b[0]) / 2, a[1] / 2, b[1] / 2});
            }
        }
        // both columns lose Float.MAX_VALUE: the mean is MAX_VALUE, a float sum would be ∞
        assertThat(loss.call(Tensor.of(new float[] {0, 0}, 1, 2), Tensor.of(new float[] {MAX, MAX}, 1, 2)).item())
                .isEqualTo(MAX);
    }

    @Test
    void binaryFromProbabilitiesIsExactOverTheGrid() {
        Loss loss = Losses.binaryCrossentropy(false);
        for (float p : PROBABILITIES) {
            for (float y : BINARY_TARGETS) {
                assertAll("bce p " + p + " y " + y, lossAndGradient(loss, new float[] {y}, new int[] {1, 1},
                        new float[] {p}), ExactCrossEntropy.binaryProbability(p, y));
            }
        }
    }

    @Test
    void theBatchMeanOfHugeLossesIsFinite() {
        // each sample loses 2e38 (finite); their float sum is ∞, their mean is not
        Tensor z = Tensor.of(new float[] {1e38f, -1e38f, 1e38f, -1e38f, 1e38f, -1e38f}, 3, 2);
        Tensor y = Tensor.of(new float[] {0, 1, 0, 1, 0, 1}, 3, 2);
        Tensor zg = z.requiresGrad(true);
        Tensor value = Losses.categoricalCrossentropy(true).call(y, zg);
        assertUlps("mean", value.item(), 2e38, ULPS);
        value.backward();
        for (float g : zg.grad().data()) {
            assertThat(Float.isFinite(g)).isTrue();
        }
        Tensor weighted = Losses.categoricalCrossentropy(true).call(y, z, Tensor.of(1f, 1f, 1f));
        assertUlps("weighted mean", weighted.item(), 2e38, ULPS);
    }
}
