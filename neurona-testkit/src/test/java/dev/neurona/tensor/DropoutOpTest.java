package dev.neurona.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * {@link Tensor#dropout}: what a random op can be held to without PyTorch's generator — each
 * value is 0 or scaled by {@code 1 / keep}, the kept fraction is {@code keep}, the mask is the
 * counter-based stream's, a new stream gives a new mask, and the gradient is the mask.
 */
class DropoutOpTest {

    @Test
    void valuesAreZeroOrScaledAndTheKeptFractionIsOneMinusTheRate() {
        Tensor x = Tensor.ones(400, 250);
        float[] y = x.dropout(0.2f, () -> Seeds.derive(7, 0)).toArray();
        int kept = 0;
        for (float v : y) {
            assertThat(v).isIn(0f, 1f / 0.8f);
            kept += v == 0f ? 0 : 1;
        }
        assertThat(kept / (double) y.length).isCloseTo(0.8, org.assertj.core.data.Offset.offset(0.005));
    }

    @Test
    void theMaskIsTheStreamsAndEachRunDrawsTheNextStream() {
        long stream = Seeds.derive(3, 5);
        Tensor x = Tensor.ones(1, 101);
        float[] y = x.dropout(0.4f, () -> stream).toArray();
        for (int i = 0; i < y.length; i++) {
            assertThat(y[i] != 0f).as("element %d", i).isEqualTo(Seeds.uniform(stream, i) < 0.6f);
        }
        long[] n = {0};
        Tensor a = x.dropout(0.4f, () -> Seeds.derive(3, n[0]++));
        Tensor b = x.dropout(0.4f, () -> Seeds.derive(3, n[0]++));
        assertThat(a.toArray()).isNotEqualTo(b.toArray());
    }

    @Test
    void theGradientIsTheMask() {
        Tensor x = Tensor.randn(new java.util.Random(1), 6, 9).requiresGrad(true);
        Tensor y = x.dropout(0.5f, () -> 42L);
        y.sum().backward();
        float[] mask = x.detach().dropout(0.5f, () -> 42L).div(x.detach()).toArray();
        float[] grad = x.grad().toArray();
        for (int i = 0; i < grad.length; i++) {
            assertThat(grad[i]).isCloseTo(mask[i], org.assertj.core.data.Offset.offset(1e-6f));
        }
    }

    @Test
    void aRateOutsideTheUnitIntervalIsRefused() {
        assertThatThrownBy(() -> Tensor.ones(2).dropout(1f, () -> 0L))
                .hasMessage("dropout: rate must be in [0, 1), got 1.0");
        assertThatThrownBy(() -> Tensor.ones(2).dropout(-0.1f, () -> 0L))
                .hasMessage("dropout: rate must be in [0, 1), got -0.1");
    }
}
