package dev.neurona.train;

import static dev.neurona.losses.ExactCrossEntropy.assertUlps;
import static dev.neurona.nn.Layers.dense;
import static dev.neurona.nn.Layers.input;
import static org.assertj.core.api.Assertions.assertThat;

import dev.neurona.losses.ExactCrossEntropy;
import dev.neurona.losses.Loss;
import dev.neurona.losses.Losses;
import dev.neurona.models.Sequential;
import dev.neurona.optim.SGD;
import dev.neurona.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The compiled training step's cross-entropy objectives over the logits grid of the losses'
 * test, every case a replay of the step traced on the first:
 * a linear 2-unit layer with an identity kernel and zero bias passes the input through as the
 * logits, and with one row the bias gradient is the loss's gradient at the logits, so both
 * can be held to the exact reference.
 */
class CompiledExtremeLogitsTest {

    private static final float MAX = Float.MAX_VALUE;
    private static final float[] LOGITS = {0f, 1f, -1f, 1e4f, -1e4f, 1e30f, -1e30f, 3e38f, -3e38f, MAX, -MAX};

    private static Sequential identity(Loss loss, String activation) {
        Sequential m = new Sequential(input(2), dense(2, activation));
        m.compile(new SGD(0.1), loss);
        m.build(2);
        m.setWeights(List.of(Tensor.eye(2), Tensor.zeros(2)));
        return m;
    }

    private static final java.util.Map<Sequential, TrainStep> STEPS = new java.util.IdentityHashMap<>();

    /** {@code [loss, dL/dz_0, dL/dz_1]} from the model's compiled training step. */
    private static float[] fused(Sequential m, float[] z, float[] y) {
        TrainStep step = STEPS.computeIfAbsent(m, k -> new TrainStep(k, k.loss(), k.optimizer(), List.of()));
        float[] gradient = new float[step.gradientSize()];
        float loss = step.computeGradients(Tensor.of(z, 1, 2), Tensor.of(y, 1, 2), null, gradient, 1f);
        return new float[] {loss, gradient[4], gradient[5]};
    }

    @Test
    void softmaxCrossEntropyFromLogitsIsExact() {
        Sequential m = identity(Losses.categoricalCrossentropy(true), "linear");
        for (float a : LOGITS) {
            for (float b : LOGITS) {
                for (float[] y : new float[][] {{1, 0}, {0, 1}, {0.3f, 0.7f}}) {
                    float[] z = {a, b};
                    float[] got = fused(m, z, y);
                    double[] exact = ExactCrossEntropy.softmax(z, y);
                    String what = "fused cce " + Arrays.toString(z) + " y " + Arrays.toString(y);
                    assertUlps(what + " loss", got[0], exact[0], 4);
                    // the softmax is float, as autograd's: its rounding bounds the gradient, not a few ulps of it
                    assertThat((double) got[1]).as(what + " gradient 0").isCloseTo(exact[1], org.assertj.core.data.Offset.offset(1e-6));
                    assertThat((double) got[2]).as(what + " gradient 1").isCloseTo(exact[2], org.assertj.core.data.Offset.offset(1e-6));
                }
            }
        }
        // equal logits of 3e38: log 2, which (max + log Σ) rounded away
        assertThat(fused(m, new float[] {3e38f, 3e38f}, new float[] {1, 0})[0])
                .isCloseTo((float) Math.log(2), org.assertj.core.data.Offset.offset(1e-6f));
    }

    @Test
    void sigmoidCrossEntropyFromLogitsIsExact() {
        Sequential m = identity(Losses.binaryCrossentropy(true), "linear");
        for (float a : LOGITS) {
            for (float b : LOGITS) {
                for (float[] y : new float[][] {{0, 0}, {1, 1}, {0, 1}, {0.3f, 0.7f}}) {
                    float[] z = {a, b};
                    float[] got = fused(m, z, y);
                    double[] ea = ExactCrossEntropy.binaryLogit(a, y[0]);
                    double[] eb = ExactCrossEntropy.binaryLogit(b, y[1]);
                    String what = "fused bce " + Arrays.toString(z) + " y " + Arrays.toString(y);
                    assertUlps(what + " loss", got[0], (ea[0] + eb[0]) / 2, 4);
                    assertThat((double) got[1]).as(what + " gradient 0").isCloseTo(ea[1] / 2, org.assertj.core.data.Offset.offset(1e-7));
                    assertThat((double) got[2]).as(what + " gradient 1").isCloseTo(eb[1] / 2, org.assertj.core.data.Offset.offset(1e-7));
                }
            }
        }
    }

    @Test
    void probabilityObjectivesStayFiniteAndAgreeWithAutograd() {
        for (Sequential m : List.of(identity(Losses.categoricalCrossentropy(false), "softmax"),
                identity(Losses.binaryCrossentropy(false), "sigmoid"))) {
            for (float a : LOGITS) {
                for (float b : LOGITS) {
                    float[] z = {a, b};
                    float[] y = {0, 1};
                    float[] got = fused(m, z, y);
                    Tensor x = Tensor.of(z, 1, 2);
                    Tensor value = m.loss().call(Tensor.of(y, 1, 2), m.forward(x, dev.neurona.nn.Mode.TRAINING));
                    String what = m.loss().name() + " " + Arrays.toString(z);
                    assertThat(Float.isFinite(got[0]) && Float.isFinite(got[1]) && Float.isFinite(got[2])).as(what).isTrue();
                    assertThat(got[0]).as(what + " loss").isCloseTo(value.item(), org.assertj.core.data.Offset.offset(1e-5f));
                }
            }
        }
    }
}
