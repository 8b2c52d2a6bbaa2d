package dev.neurona.train;

import static dev.neurona.nn.Layers.conv2d;
import static dev.neurona.nn.Layers.dense;
import static dev.neurona.nn.Layers.dropout;
import static dev.neurona.nn.Layers.flatten;
import static dev.neurona.nn.Layers.input;
import static dev.neurona.nn.Layers.maxPooling2d;
import static org.assertj.core.api.Assertions.assertThat;

import dev.neurona.models.Sequential;
import dev.neurona.nn.Layers;
import dev.neurona.optim.Adam;
import dev.neurona.tensor.Tensor;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A convnet's training step (Keras's simple MNIST convnet, smaller: convolutions with bias and
 * relu, max and average pooling, dropout, softmax cross-entropy, Adam) runs as a compiled replay
 * that allocates nothing, im2col scratch included.
 */
class ConvStepAllocationTest {

    @Test
    void aSteadyStateConvnetStepAllocatesNothing() {
        Sequential m = new Sequential(input(12, 12, 1), conv2d(4, 3, "relu"), maxPooling2d(2),
                conv2d(6, 3, "relu").padding("same"), Layers.averagePooling2d(2).padding("same"),
                Layers.separableConv2d(4, 2).strides(2), flatten(), dropout(0.5), dense(3, "softmax")).seed(2);
        m.compile(new Adam(0.01), "categorical_crossentropy");
        Random r = new Random(3);
        Tensor x = Tensor.randn(r, 8, 12, 12, 1);
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
        assertThat(bytes).as("bytes allocated by 50 steady-state convnet steps").isZero();
    }
}
