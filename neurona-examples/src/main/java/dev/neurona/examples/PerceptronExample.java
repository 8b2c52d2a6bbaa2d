package dev.neurona.examples;

import dev.neurona.perceptron.Perceptron;
import dev.neurona.perceptron.PerceptronResult;
import dev.neurona.tensor.Tensor;
import java.util.Locale;

/**
 * Rosenblatt's perceptron: {@code y = sign(w0 + w1·x1 + w2·x2)}, trained by
 * {@code w ← w + η·y·x̃} on every mistake {@code y·(w·x̃) ≤ 0}, starting from zero weights and
 * visiting the samples in a fixed order.
 *
 * <p>The slide teaches two facts. On linearly separable data the perceptron converges: the
 * number of mistakes per epoch drops to zero after finitely many updates (Novikoff's theorem),
 * and the printed weights show the separating line {@code w0 + w1·x1 + w2·x2 = 0} moving into
 * place. On XOR it never converges: no line separates {(−1,−1), (1,1)} from {(−1,1), (1,−1)},
 * so every epoch makes mistakes and the weights cycle.
 */
public final class PerceptronExample {

    private PerceptronExample() {
    }

    public static void main(String[] args) {
        // Eight points: +1 above the line x2 = 0.5·x1 + 0.2, −1 below it.
        float[][] points = {
            {-1.0f, 0.5f}, {0.5f, -0.5f}, {0.0f, 1.0f}, {1.0f, 0.0f},
            {-0.5f, -0.8f}, {0.8f, 1.0f}, {-0.8f, 0.0f}, {0.2f, -1.0f},
        };
        float[] labels = {1, -1, 1, -1, -1, 1, 1, -1};
        Perceptron perceptron = new Perceptron().learningRate(1.0).maxEpochs(100).shuffle(false);

        System.out.println("Linearly separable data (8 points), eta = 1, w starts at 0");
        report(perceptron.fit(Tensor.of(points), Tensor.of(labels)));

        float[][] xor = {{-1, -1}, {-1, 1}, {1, -1}, {1, 1}};
        float[] xorLabels = {-1, 1, 1, -1};
        System.out.println();
        System.out.println("XOR, eta = 1, at most 12 epochs");
        PerceptronResult r = new Perceptron().maxEpochs(12).fit(Tensor.of(xor), Tensor.of(xorLabels));
        report(r);
        System.out.println("XOR is not linearly separable: every line gets at least one corner wrong, so the mistakes "
                + "never stop;");
        System.out.println("here the four updates of each epoch cancel out and the weights cycle back to w = (0, 0, 0).");
    }

    /** Prints the mistakes and weights of every epoch, then whether training converged. */
    static void report(PerceptronResult r) {
        System.out.println("epoch  mistakes   w0       w1       w2");
        int[] mistakes = r.mistakesPerEpoch();
        for (int epoch = 1; epoch <= r.epochs(); epoch++) {
            float[] w = r.weightsAfterEpoch(epoch);
            System.out.printf(Locale.ROOT, "%5d  %8d  %7.2f  %7.2f  %7.2f%n", epoch, mistakes[epoch - 1], w[0], w[1], w[2]);
        }
        if (r.converged()) {
            System.out.printf(Locale.ROOT, "converged after %d epochs (%d updates): every point is on its side of the line "
                    + "%.2f %+.2f*x1 %+.2f*x2 = 0%n", r.epochs(), r.totalUpdates(), r.weights()[0], r.weights()[1],
                    r.weights()[2]);
        } else {
            System.out.printf(Locale.ROOT, "not converged after %d epochs: still %d mistakes in the last epoch%n",
                    r.epochs(), mistakes[mistakes.length - 1]);
        }
    }
}
