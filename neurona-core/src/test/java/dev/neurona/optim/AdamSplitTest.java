package dev.neurona.optim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Adam's update of a large matrix is split over the cores; the bits must not depend on it. */
class AdamSplitTest {

    @Test
    void aLargeUpdateEqualsTheSameUpdateInSmallSlices() {
        int n = 140_000;
        int slice = 10_000;   // below ParallelRange.MIN_PARALLEL: each slice runs on one thread
        Random r = new Random(3);
        float[] param = new float[n];
        float[] grad = new float[n];
        for (int i = 0; i < n; i++) {
            param[i] = (float) r.nextGaussian();
            grad[i] = (float) r.nextGaussian();
        }
        Adam whole = new Adam(0.01);
        Adam pieces = new Adam(0.01);
        float[] p1 = param.clone();
        float[] p2 = param.clone();
        Slots s1 = whole.newSlots(n);
        Slots[] s2 = new Slots[n / slice];
        for (int k = 0; k < s2.length; k++) {
            s2[k] = pieces.newSlots(slice);
        }
        for (long t = 1; t <= 3; t++) {
            whole.update(p1, grad, s1, t, 0.01);
            for (int k = 0; k < s2.length; k++) {
                float[] p = Arrays.copyOfRange(p2, k * slice, (k + 1) * slice);
                pieces.update(p, Arrays.copyOfRange(grad, k * slice, (k + 1) * slice), s2[k], t, 0.01);
                System.arraycopy(p, 0, p2, k * slice, slice);
            }
        }
        assertThat(p1).containsExactly(p2);
    }
}
