package dev.neurona.optim;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Bad hyper-parameters fail at once, naming the optimizer, the quantity and the value. */
class ValidationTest {

    @Test
    void learningRate() {
        assertThatThrownBy(() -> new Adam(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Adam: learning rate must be positive, got -1.0");
        assertThatThrownBy(() -> new SGD(0)).hasMessage("SGD: learning rate must be positive, got 0.0");
        assertThatThrownBy(() -> new RMSprop(Double.NaN)).hasMessage("RMSprop: learning rate must be positive, got NaN");
        assertThatThrownBy(() -> new AdamW().learningRate(Double.POSITIVE_INFINITY)).hasMessageContaining("AdamW").hasMessageContaining("Infinity");
    }

    @Test
    void ownHyperParameters() {
        assertThatThrownBy(() -> new SGD().momentum(1.5)).hasMessage("SGD: momentum must be in [0, 1], got 1.5");
        assertThatThrownBy(() -> new SGD().momentum(-0.1)).hasMessageContaining("-0.1");
        assertThatThrownBy(() -> new Adam().beta1(1.0)).hasMessage("Adam: beta1 must be in [0, 1), got 1.0");
        assertThatThrownBy(() -> new Adam().beta2(-0.5)).hasMessage("Adam: beta2 must be in [0, 1), got -0.5");
        assertThatThrownBy(() -> new Adam().epsilon(-1e-8)).hasMessage("Adam: epsilon must be non-negative, got -1.0E-8");
        assertThatThrownBy(() -> new RMSprop().rho(1.2)).hasMessageContaining("rho").hasMessageContaining("1.2");
        assertThatThrownBy(() -> new RMSprop().momentum(-1)).hasMessageContaining("momentum").hasMessageContaining("-1.0");
        assertThatThrownBy(() -> new Adagrad().initialAccumulatorValue(-0.1)).hasMessageContaining("-0.1");
        assertThatThrownBy(() -> new Adadelta().epsilon(0)).hasMessage("Adadelta: epsilon must be positive, got 0.0");
        assertThatThrownBy(() -> new Adadelta().rho(1)).hasMessageContaining("1.0");
        assertThatThrownBy(() -> new Adamax().beta1(2)).hasMessage("Adamax: beta1 must be in [0, 1), got 2.0");
        assertThatThrownBy(() -> new Nadam().momentumDecay(0)).hasMessage("Nadam: momentum decay must be positive, got 0.0");
        assertThatThrownBy(() -> new Adam().epsilonMode(null)).hasMessageContaining("epsilon mode");
    }

    @Test
    void crossCuttingSettings() {
        assertThatThrownBy(() -> new Adam().weightDecay(-0.01)).hasMessage("Adam: weight decay must be non-negative, got -0.01");
        assertThatThrownBy(() -> new SGD().clipValue(0)).hasMessage("SGD: clip value must be positive, got 0.0");
        assertThatThrownBy(() -> new SGD().clipNorm(-1)).hasMessage("SGD: clip norm must be positive, got -1.0");
        assertThatThrownBy(() -> new SGD().globalClipNorm(Double.NaN)).hasMessage("SGD: global clip norm must be positive, got NaN");
        assertThatThrownBy(() -> new SGD().learningRate((LearningRateSchedule) null)).hasMessageContaining("schedule");
    }
}
