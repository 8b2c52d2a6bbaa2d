package dev.neurona.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neurona.models.Sequential;
import dev.neurona.nn.Constraints;
import dev.neurona.nn.Dense;
import dev.neurona.nn.Layers;
import dev.neurona.optim.Adam;
import dev.neurona.tensor.Tensor;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Weight constraints run inside the compiled step's update and keep it allocation-free. */
class ConstraintStepAllocationTest {

    @Test
    void aSteadyStateStepWithConstraintsAllocatesNothingAndProjects() {
        Dense hidden = new Dense(8).activation("relu").kernelConstraint(Constraints.maxNorm(0.5))
                .biasConstraint(Constraints.nonNeg());
        Sequential m = new Sequential(Layers.input(4), hidden, new Dense(3).activation("softmax")
                .kernelConstraint(Constraints.unitNorm())).seed(2);
        m.compile(new Adam(0.05), "categorical_crossentropy");
        Random r = new Random(3);
        Tensor x = Tensor.randn(r, 8, 4).mul(3f);
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
            for (int i = 0; i < 200; i++) {
                step.run(x, y, null);
            }
            bytes = threads.getCurrentThreadAllocatedBytes() - before;
        }
        assertThat(bytes).as("bytes allocated by 200 steady-state steps with constraints").isZero();

        float[] w = hidden.kernel().toArray();
        for (int j = 0; j < 8; j++) {
            double squares = 0;
            for (int i = 0; i < 4; i++) {
                squares += (double) w[i * 8 + j] * w[i * 8 + j];
            }
            assertThat(Math.sqrt(squares)).as("column %d", j).isLessThanOrEqualTo(0.5 * (1 + 1e-6));
        }
        for (float b : hidden.bias().toArray()) {
            assertThat(b).isGreaterThanOrEqualTo(0f);
        }
    }
}
