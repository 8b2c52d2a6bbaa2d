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
            float[] init = new float[n];
            float[] grad = new float[n];
            for (int i = 0; i < n; i++) {
                init[i] = 0.5f;
                grad[i] = (float) Math.pow(10, -1 - i % 8);   // 0.1 down to 1e-8
            }
            dev.neurona.tensor.Parameter p = new dev.neurona.tensor.Parameter("w", dev.neurona.tensor.Tensor.of(init, n));
            p.setGrad(grad, 0, 1f);
            o.step(List.of(p));
            float[] afterFirst = p.toArray();
            p.setGrad(new float[n], 0, 1f);
            for (long t = 2; t <= 3000; t++) {
                o.step(List.of(p));
                for (Map.Entry<String, float[]> e : o.exportState().entrySet()) {
                    for (float v : e.getValue()) {
                        assertThat(v == 0f || Math.abs(v) >= Float.MIN_NORMAL)
                                .as(o.name() + " slot " + e.getKey() + " at step " + t + " holds " + v).isTrue();
                    }
                }
            }
            for (Map.Entry<String, float[]> e : o.exportState().entrySet()) {
                String slot = e.getKey();
                if (slot.equals("w/momentum") || slot.equals("w/m") || slot.equals("w/velocity") || slot.equals("w/rms")) {
                    assertThat(e.getValue()).as(o.name() + " " + slot + " decayed to zero").containsOnly(0f);
                }
            }
            float[] last = p.toArray();
            for (int i = 0; i < n; i++) {
                // the decaying moments keep moving the weights a little, then not at all
                assertThat(Math.abs(last[i] - afterFirst[i])).as(o.name() + " weight " + i).isLessThan(0.1f);
            }
        }
    }
}
