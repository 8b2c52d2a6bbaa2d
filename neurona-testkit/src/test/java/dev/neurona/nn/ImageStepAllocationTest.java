package dev.neurona.nn;

import static dev.neurona.nn.Layers.batchNormalization;
import static dev.neurona.nn.Layers.dense;
import static dev.neurona.nn.Layers.flatten;
import static dev.neurona.nn.Layers.globalAveragePooling2d;
import static dev.neurona.nn.Layers.input;
import static org.assertj.core.api.Assertions.assertThat;

import dev.neurona.models.Sequential;
import dev.neurona.optim.Adam;
import dev.neurona.tensor.Tensor;
import dev.neurona.train.TrainStep;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A compiled training step through every new layer (augmentation drawn per step, batch
 * normalization's moving statistics updated per step) allocates nothing once steady, as the
 * engine's other steps (CompiledStepTest).
 */
class ImageStepAllocationTest {

    @Test
    void aSteadyStateStepThroughTheImageLayersAllocatesNothing() {
        Sequential m = new Sequential(input(6, 6, 2), Layers.rescaling(0.5, 0.1), Layers.randomFlip(),
                Layers.randomTranslation(0.2, 0.2), Layers.randomRotation(0.1), Layers.randomZoom(0.1),
                Layers.zeroPadding2d(1), Layers.cropping2d(1, 0), Layers.upSampling2d(2).interpolation("bilinear"),
                Layers.upSampling2d(1, 2), batchNormalization(), Layers.spatialDropout2d(0.2),
                Layers.reshape(12, 16, 4), Layers.globalMaxPooling2d().keepdims(true), Layers.reshape(-1, 4),
                Layers.globalAveragePooling1d(), flatten(), dense(8), batchNormalization(), dense(3, "softmax")).seed(2);
        m.compile(new Adam(0.01), "categorical_crossentropy");
        Random r = new Random(3);
        Tensor x = Tensor.randn(r, 8, 6, 6, 2);
        float[] labels = new float[8 * 3];
        for (int i = 0; i < 8; i++) {
            labels[i * 3 + i % 3] = 1;
        }
        Tensor y = Tensor.of(labels, 8, 3);
        TrainStep step = new TrainStep(m, m.loss(), m.optimizer(), List.of());
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean)
                java.lang.management.ManagementFactory.getThreadMXBean();
        long bytes = -1;
        for (int round = 0; round < 100 && bytes != 0; round++) {   // until the JIT has settled, as CompiledStepTest
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 50; i++) {
                step.run(x, y, null);
            }
            bytes = threads.getCurrentThreadAllocatedBytes() - before;
        }
        assertThat(bytes).as("bytes allocated by 50 steady-state steps").isZero();
    }
}
