package dev.neurona.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The counter-based uniform stream behind dropout masks. */
class SeedsUniformTest {

    @Test
    void valuesAreUniformInTheUnitIntervalAndAPureFunctionOfStreamAndIndex() {
        long stream = Seeds.derive(42, 3);
        int n = 200_000;
        double sum = 0;
        int[] buckets = new int[10];
        for (int i = 0; i < n; i++) {
            float u = Seeds.uniform(stream, i);
            assertThat(u).isGreaterThanOrEqualTo(0f).isLessThan(1f);
            assertThat(Seeds.uniform(stream, i)).isEqualTo(u);
            sum += u;
            buckets[(int) (u * 10)]++;
        }
        assertThat(sum / n).isCloseTo(0.5, org.assertj.core.data.Offset.offset(0.005));
        for (int b : buckets) {
            assertThat(b).isBetween(n / 10 - 1_000, n / 10 + 1_000);
        }
        assertThat(Seeds.uniform(Seeds.derive(42, 4), 0)).isNotEqualTo(Seeds.uniform(stream, 0));
    }

    @Test
    void theIntegerThresholdTestsExactlyWhatTheFloatComparisonTests() {
        Random r = new Random(1);
        for (int t = 0; t < 2_000; t++) {
            float p = t < 4 ? new float[] {0f, 1f, 0.5f, 0x1.0p-24f}[t] : r.nextFloat();
            int threshold = Seeds.threshold24(p);
            for (int j = 0; j < 50; j++) {
                int k = j < 3 ? Math.max(0, Math.min((1 << 24) - 1, threshold - 1 + j)) : r.nextInt(1 << 24);
                assertThat(k < threshold).as("k = %d, p = %s", k, p).isEqualTo(k * 0x1.0p-24f < p);
            }
        }
    }

    @Test
    void pairsGiveTheTwoElementsOfOneDraw() {
        long stream = Seeds.derive(7, 0);
        for (long pair = 0; pair < 1_000; pair++) {
            long z = Seeds.pair(stream, pair);
            assertThat(Seeds.bits24(stream, 2 * pair)).isEqualTo((int) (z >>> 40));
            assertThat(Seeds.bits24(stream, 2 * pair + 1)).isEqualTo((int) ((z >>> 8) & 0xFFFFFF));
        }
    }
}
