package dev.neurona.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * Keras-mode updates against values computed by hand (in float64) from Keras 3's own update
 * code, and the PyTorch mode against PyTorch's formula for the same settings. A large ε (0.01)
 * makes the two placements differ visibly. One scalar parameter starts at 1.0 and sees the
 * gradients 0.5, −0.02, 0.003.
 */
class KerasFormulaTest {

    private static final float[] GRADS = {0.5f, -0.02f, 0.003f};
    private static final double TOL = 2e-7;

    /** The parameter after each step of {@link Optimizer#update}, called directly (pure arrays). */
    private static double[] run(Optimizer optimizer) {
        float[] theta = {1f};
        Slots slots = optimizer.newSlots(1);
        double[] out = new double[GRADS.length];
        for (int t = 1; t <= GRADS.length; t++) {
            optimizer.update(theta, new float[] {GRADS[t - 1]}, slots, t, optimizer.learningRate());
            out[t - 1] = theta[0];
        }
        return out;
    }

    private static void assertSteps(double[] actual, double... expected) {
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).as("step " + (i + 1)).isCloseTo(expected[i], within(TOL));
        }
    }

    @Test
    void adamKerasPutsEpsilonOnTheUncorrectedRoot() {
        // alpha = lr·sqrt(1 − β2^t)/(1 − β1^t); θ ← θ − alpha·m/(sqrt(v) + ε)
        assertSteps(run(new Adam(0.1).epsilon(0.01)), 0.9387425886722793, 0.8995476404179658, 0.8690212185649635);
        assertSteps(run(new Adam(0.1).epsilon(0.01).amsgrad(true)),
                0.9387425886722793, 0.8995476404179658, 0.8690302352410296);
    }

    @Test
    void adamPytorchPutsEpsilonAfterTheBiasCorrection() {
        double lr = 0.1, b1 = 0.9, b2 = 0.999, eps = 0.01, theta = 1, m = 0, v = 0;
        double[] expected = new double[3];
        for (int t = 1; t <= 3; t++) {
            double g = GRADS[t - 1];
            m = b1 * m + (1 - b1) * g;
            v = b2 * v + (1 - b2) * g * g;
            theta -= lr / (1 - Math.pow(b1, t)) * m / (Math.sqrt(v) / Math.sqrt(1 - Math.pow(b2, t)) + eps);
            expected[t - 1] = theta;
        }
        double[] pytorch = run(new Adam(0.1).epsilon(eps).epsilonMode(EpsilonMode.PYTORCH));
        assertSteps(pytorch, expected);
        assertThat(Math.abs(pytorch[0] - 0.9387425886722793)).as("the modes differ").isGreaterThan(1e-3);
    }

    @Test
    void adamModesAgreeWhenEpsilonIsRescaledAsTheReadmeSays() {
        // Keras ε equals PyTorch ε·sqrt(1 − β2^t); at t = 1 that is ε·sqrt(0.001).
        double kerasEps = 0.01;
        double[] keras = run(new Adam(0.1).epsilon(kerasEps));
        double[] pytorch = run(new Adam(0.1).epsilon(kerasEps / Math.sqrt(1 - 0.999)).epsilonMode(EpsilonMode.PYTORCH));
        assertThat(pytorch[0]).isCloseTo(keras[0], within(TOL));
    }

    @Test
    void rmspropKerasPutsEpsilonInsideTheRoot() {
        // den = sqrt(v + ε); centered: sqrt(v − a² + ε); momentum buffer b ← μ·b + lr·g/den
        assertSteps(run(new RMSprop(0.1).rho(0.9).epsilon(0.01)),
                0.7327387580875756, 0.7438259412282049, 0.7421021135764433);
        assertSteps(run(new RMSprop(0.1).rho(0.9).epsilon(0.01).centered(true).momentum(0.5)),
                0.7226499018873854, 0.5953911292600138, 0.5299929285205036);
    }

    @Test
    void rmspropPytorchPutsEpsilonAfterTheRoot() {
        double theta = 1, v = 0;
        double[] expected = new double[3];
        for (int t = 1; t <= 3; t++) {
            double g = GRADS[t - 1];
            v = 0.9 * v + 0.1 * g * g;
            theta -= 0.1 * g / (Math.sqrt(v) + 0.01);
            expected[t - 1] = theta;
        }
        assertSteps(run(new RMSprop(0.1).rho(0.9).epsilon(0.01).epsilonMode(EpsilonMode.PYTORCH)), expected);
    }

    @Test
    void adagradBothModes() {
        assertSteps(run(new Adagrad(0.1).epsilon(0.01)), 0.9166666666666666, 0.9199981496899304, 0.9194984334759218);
        assertSteps(run(new Adagrad(0.1).epsilon(0.01).epsilonMode(EpsilonMode.PYTORCH)),
                0.9168894000700255, 0.9202119575549125, 0.9197135802262044);
    }

    @Test
    void adamaxBothModes() {
        assertSteps(run(new Adamax(0.1).epsilon(0.01)), 0.9019607843137255, 0.857541591090235, 0.8292682516506095);
        assertSteps(run(new Adamax(0.1).epsilon(0.01).epsilonMode(EpsilonMode.PYTORCH)),
                0.9019607843137255, 0.8575407192538256, 0.8292662693904327);
    }

    @Test
    void nadamKerasMomentumScheduleIsDecayOne() {
        // Keras 3: μ_t = β1·(1 − ½·0.96^t), i.e. ψ = 1, the default.
        assertSteps(run(new Nadam(0.1).epsilon(0.01)), 0.8958051173226695, 0.8927708359004424, 0.8850232686602129);
    }
}
