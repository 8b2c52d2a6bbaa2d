package dev.neurona.optim;

import static dev.neurona.optim.GoldenOptimizerTest.setGrad;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.neurona.tensor.Parameter;
import dev.neurona.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Schedule values at chosen steps (Keras 3 definitions), and how the optimizer consults them. */
class ScheduleTest {

    @Test
    void exponentialDecay() {
        ExponentialDecay smooth = new ExponentialDecay(0.1, 100, 0.5);
        assertThat(smooth.learningRate(0)).isEqualTo(0.1);
        assertThat(smooth.learningRate(50)).isCloseTo(0.1 / Math.sqrt(2), within(1e-15));
        assertThat(smooth.learningRate(100)).isCloseTo(0.05, within(1e-15));
        assertThat(smooth.learningRate(250)).isCloseTo(0.1 * Math.pow(0.5, 2.5), within(1e-15));

        ExponentialDecay stairs = smooth.staircase(true);
        assertThat(stairs.learningRate(99)).isEqualTo(0.1);
        assertThat(stairs.learningRate(100)).isCloseTo(0.05, within(1e-15));
        assertThat(stairs.learningRate(250)).isCloseTo(0.025, within(1e-15));
    }

    @Test
    void piecewiseConstantDecayIncludesTheBoundaryInTheLowerPiece() {
        PiecewiseConstantDecay p = new PiecewiseConstantDecay(new long[] {10, 20}, new double[] {1.0, 0.5, 0.1});
        assertThat(p.learningRate(0)).isEqualTo(1.0);
        assertThat(p.learningRate(10)).isEqualTo(1.0);
        assertThat(p.learningRate(11)).isEqualTo(0.5);
        assertThat(p.learningRate(20)).isEqualTo(0.5);
        assertThat(p.learningRate(21)).isEqualTo(0.1);
        assertThat(p.learningRate(1_000_000)).isEqualTo(0.1);
    }

    @Test
    void cosineDecayWithoutWarmup() {
        CosineDecay c = new CosineDecay(1.0, 100).alpha(0.1);
        assertThat(c.learningRate(0)).isCloseTo(1.0, within(1e-15));
        assertThat(c.learningRate(50)).isCloseTo(0.9 * 0.5 + 0.1, within(1e-15));
        assertThat(c.learningRate(100)).isCloseTo(0.1, within(1e-15));
        assertThat(c.learningRate(500)).as("stays at alpha·initial").isCloseTo(0.1, within(1e-15));
        assertThat(new CosineDecay(2.0, 100).learningRate(25))
                .isCloseTo(2.0 * 0.5 * (1 + Math.cos(Math.PI / 4)), within(1e-15));
    }

    @Test
    void cosineDecayWithWarmup() {
        CosineDecay c = new CosineDecay(0.0, 100).warmup(1.0, 10);
        assertThat(c.learningRate(0)).isEqualTo(0.0);
        assertThat(c.learningRate(5)).isCloseTo(0.5, within(1e-15));
        assertThat(c.learningRate(10)).isCloseTo(1.0, within(1e-15));
        assertThat(c.learningRate(60)).isCloseTo(0.5, within(1e-15));
        assertThat(c.learningRate(110)).isCloseTo(0.0, within(1e-15));
        assertThat(c.learningRate(1000)).isCloseTo(0.0, within(1e-15));
    }

    @Test
    void theOptimizerUsesTheScheduleAtTheNumberOfStepsTaken() {
        Parameter p = new Parameter("p", Tensor.zeros(1));
        Optimizer sgd = new SGD().learningRate(new PiecewiseConstantDecay(new long[] {0, 1}, new double[] {1, 0.5, 0.25}));
        double[] expected = {1, 0.5, 0.25, 0.25};
        float position = 0;
        for (double lr : expected) {
            assertThat(sgd.learningRate()).isEqualTo(lr);
            setGrad(p, new float[] {1f});
            sgd.step(List.of(p));
            position -= (float) lr;
            assertThat(p.data()[0]).isEqualTo(position);
        }
        sgd.learningRate(0.125);
        assertThat(sgd.schedule()).as("a constant replaces the schedule").isNull();
        assertThat(sgd.learningRate()).isEqualTo(0.125);
    }

    @Test
    void badSchedulesNameTheValue() {
        assertThatThrownBy(() -> new ExponentialDecay(0.1, 0, 0.5)).hasMessageContaining("decay steps").hasMessageContaining("0");
        assertThatThrownBy(() -> new ExponentialDecay(-0.1, 10, 0.5)).hasMessageContaining("-0.1");
        assertThatThrownBy(() -> new PiecewiseConstantDecay(new long[] {5, 5}, new double[] {1, 2, 3}))
                .hasMessageContaining("[5, 5]");
        assertThatThrownBy(() -> new PiecewiseConstantDecay(new long[] {5}, new double[] {1}))
                .hasMessageContaining("1 values");
        assertThatThrownBy(() -> new CosineDecay(0.1, 10).alpha(1.5)).hasMessageContaining("1.5");
        assertThatThrownBy(() -> new CosineDecay(0.1, 10).warmup(-1, 5)).hasMessageContaining("-1.0");
    }

    @Test
    void schedulesRoundTripThroughConfig() {
        List<LearningRateSchedule> schedules = List.of(new ExponentialDecay(0.1, 100, 0.5).staircase(true),
                new PiecewiseConstantDecay(new long[] {10, 20}, new double[] {1.0, 0.5, 0.1}),
                new CosineDecay(0.0, 100).alpha(0.1).warmup(1.0, 10), new CosineDecay(0.5, 7));
        for (LearningRateSchedule s : schedules) {
            assertThat(LearningRateSchedule.fromConfig(s.config())).isEqualTo(s);
        }
        assertThatThrownBy(() -> LearningRateSchedule.fromConfig(java.util.Map.of("class_name", "Nope", "config", java.util.Map.of())))
                .hasMessageContaining("Nope").hasMessageContaining("CosineDecay");
    }
}
