package dev.neurona.train;

import static dev.neurona.nn.Layers.dense;
import static dev.neurona.nn.Layers.input;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.neurona.metrics.Metrics;
import dev.neurona.models.Sequential;
import dev.neurona.optim.Adam;
import dev.neurona.tensor.Tensor;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The split step a distributed trainer uses: gradients out as arrays, applied back later. */
class TrainStepGradientsTest {

    private static Sequential model() {
        Sequential m = new Sequential(input(3), dense(4, "tanh"), dense(2, "softmax")).seed(5);
        m.compile(new Adam(0.01), "categorical_crossentropy", "accuracy");
        m.build(3);
        return m;
    }

    private static Tensor[] batch() {
        Random r = new Random(1);
        float[][] x = new float[6][3];
        float[][] y = new float[6][2];
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 3; j++) {
                x[i][j] = (float) r.nextGaussian();
            }
            y[i][i % 2] = 1;
        }
        return new Tensor[] {Tensor.of(x), Tensor.of(y)};
    }

    @Test
    void gradientsOutThenAppliedEqualOneRun() {
        Tensor[] b = batch();
        Sequential a = model();
        TrainStep stepA = new TrainStep(a, a.loss(), a.optimizer(), List.of(Metrics.categoricalAccuracy()));
        float lossA = stepA.run(b[0], b[1], null);

        Sequential c = model();
        TrainStep stepC = new TrainStep(c, c.loss(), c.optimizer(), List.of(Metrics.categoricalAccuracy()));
        assertThat(stepC.gradientSize()).isEqualTo(3 * 4 + 4 + 4 * 2 + 2);
        float[] sum = new float[stepC.gradientSize()];
        float lossC = stepC.computeGradients(b[0], b[1], null, sum, 6f);   // mean × count = sum
        stepC.applyGradients(sum, 1f / 6);

        assertThat(lossC).isEqualTo(lossA);
        List<Tensor> wa = a.getWeights();
        List<Tensor> wc = c.getWeights();
        for (int i = 0; i < wa.size(); i++) {
            float[] x = wa.get(i).data();
            float[] y = wc.get(i).data();
            for (int j = 0; j < x.length; j++) {
                assertThat(y[j]).isCloseTo(x[j], org.assertj.core.data.Offset.offset(1e-6f));
            }
        }
        assertThat(c.optimizer().iterations()).isEqualTo(1);
    }

    @Test
    void wrongArrayLengthsAreRefused() {
        Tensor[] b = batch();
        Sequential m = model();
        TrainStep step = new TrainStep(m, m.loss(), m.optimizer(), List.of());
        assertThatThrownBy(() -> step.computeGradients(b[0], b[1], null, new float[3], 1f))
                .hasMessageContaining("3 values").hasMessageContaining("26 trainable");
        assertThatThrownBy(() -> step.applyGradients(new float[27], 1f)).hasMessageContaining("27 values");
    }

    @Test
    void epochOrderIsASeededPermutation() {
        assertThat(Trainer.epochOrder(5, false, 3)).containsExactly(0, 1, 2, 3, 4);
        int[] a = Trainer.epochOrder(50, true, 3);
        assertThat(a).isEqualTo(Trainer.epochOrder(50, true, 3)).isNotEqualTo(Trainer.epochOrder(50, true, 4));
        int[] sorted = a.clone();
        java.util.Arrays.sort(sorted);
        assertThat(sorted).isEqualTo(Trainer.epochOrder(50, false, 0));
    }
}
