package dev.neurona.optim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Moments that decay while a weight's gradient stays zero are set to zero before they become
 * subnormal floats (whose arithmetic is tens of times slower): after one step with a gradient
 * and many without, no slot of SGD with momentum, Nesterov, RMSprop, Adam or AMSGrad holds a
 * subnormal value, the decayed ones are exactly zero, and the weights moved as before.
 */
class SubnormalFlushTest {

    private static List<Optimizer> optimizers() {
        return List.of(new SGD(0.01).momentum(0.9), new SGD(0.01).momentum(0.9).nesterov(true), new RMSprop(1e-3),
                new Adam(1e-3), new Adam(1e-3).amsgrad(true));
    }

    @Test
    void decayingMomentsNeverBecomeSubnormal() {
        for (Optimizer o : optimizers()) {
            int n = 64;
            float[] param = new float[n];
            float[] grad = new float[n];
            for (int i = 0; i < n; i++) {
                param[i] = 0.5f;
                grad[i] = (float) Math.pow(10, -1 - i % 8);   // 0.1 down to 1e-8
            }
            Slots slots = o.newSlots(n);
            o.update(param, grad, slots, 1, 1e-3);
            float[] afterFirst = param.clone();
            java.util.Arrays.fill(grad, 0f);
            for (long t = 2; t <= 3000; t++) {
                o.update(param, grad, slots, t, 1e-3);
                for (Map.Entry<String, float[]> e : slots.asMap().entrySet()) {
                    for (float v : e.getValue()) {
                        assertThat(v == 0f || Math.abs(v) >= Float.MIN_NORMAL)
                                .as(o.name() + " slot " + e.getKey() + " at step " + t + " holds " + v).isTrue();
                    }
                }
            }
            for (Map.Entry<String, float[]> e : slots.asMap().entrySet()) {
                if (!e.getKey().equals("vhat") && !(o instanceof Adam && e.getKey().equals("v"))) {
                    assertThat(e.getValue()).as(o.name() + " " + e.getKey() + " decayed to zero").containsOnly(0f);
                }
            }
            for (int i = 0; i < n; i++) {
                // the decaying moments keep moving the weights a little, then not at all
                assertThat(Math.abs(param[i] - afterFirst[i])).as(o.name() + " weight " + i).isLessThan(0.1f);
            }
        }
    }
}
