package dev.neurona.examples;

import static dev.neurona.nn.Layers.dense;
import static dev.neurona.nn.Layers.input;

import dev.neurona.models.Sequential;
import dev.neurona.nn.Mode;
import dev.neurona.optim.SGD;
import dev.neurona.tensor.Tensor;
import dev.neurona.train.Fit;
import java.util.List;
import java.util.Locale;

/**
 * Combining perceptrons solves XOR. One perceptron draws one line, and XOR needs two: a hidden
 * layer of two neurons computes {@code h1 = x1 OR x2} and {@code h2 = x1 NAND x2}, and the
 * output neuron computes {@code h1 AND h2}, which is {@code x1 XOR x2}. This is the 2-2-1
 * network of the slide: the hidden layer maps the four corners to points that one line separates.
 *
 * <p>The example first wires the three perceptrons by hand ({@code sign} activations, weights
 * chosen on the slide), then lets gradient descent find weights for the same 2-2-1 shape
 * ({@code tanh} hidden, {@code sigmoid} output, binary cross-entropy), and prints the hidden
 * neurons' weights and the truth table of each.
 */
public final class XorNetworkExample {

    private static final float[][] X = {{-1, -1}, {-1, 1}, {1, -1}, {1, 1}};

    private XorNetworkExample() {
    }

    public static void main(String[] args) {
        System.out.println("1. Three perceptrons wired by hand: h1 = OR, h2 = NAND, y = h1 AND h2");
        Sequential wired = new Sequential(input(2), dense(2, "sign"), dense(1, "sign"));
        wired.setWeights(List.of(
                Tensor.of(new float[][] {{1, -1}, {1, -1}}),   // kernel [in, units]: column j = neuron j's weights
                Tensor.of(1f, 1f),                             // biases: h1 = sign(x1 + x2 + 1), h2 = sign(-x1 - x2 + 1)
                Tensor.of(new float[][] {{1}, {1}}),
                Tensor.of(-1f)));                              // y = sign(h1 + h2 - 1)
        printNetwork(wired);

        System.out.println();
        System.out.println("2. The same 2-2-1 shape trained by gradient descent (tanh, sigmoid, binary cross-entropy)");
        float[][] y = {{0}, {1}, {1}, {0}};
        Sequential trained = new Sequential(input(2), dense(2, "tanh"), dense(1, "sigmoid")).seed(3);
        trained.compile(new SGD(0.5).momentum(0.9), "binary_crossentropy", "accuracy");
        trained.fit(Tensor.of(X), Tensor.of(y), Fit.epochs(300).batchSize(4).verbose(0));
        printNetwork(trained);
        System.out.printf(Locale.ROOT, "accuracy on the four corners: %.2f%n",
                trained.evaluate(Tensor.of(X), Tensor.of(y)).get("accuracy"));
    }

    /** Prints each hidden neuron's weights and the truth table: inputs, hidden outputs, network output. */
    static void printNetwork(Sequential model) {
        List<Tensor> w = model.getWeights();
        float[][] kernel = w.get(0).toArray2d();
        float[] bias = w.get(1).toArray();
        for (int j = 0; j < bias.length; j++) {
            System.out.printf(Locale.ROOT, "hidden neuron h%d: w0 = %6.2f, w1 = %6.2f, w2 = %6.2f%n",
                    j + 1, bias[j], kernel[0][j], kernel[1][j]);
        }
        float[] out = w.get(2).toArray();
        System.out.printf(Locale.ROOT, "output neuron y : w0 = %6.2f, w1 = %6.2f, w2 = %6.2f%n",
                w.get(3).item(), out[0], out[1]);

        Tensor hidden = model.layers().get(1).call(Tensor.of(X), Mode.INFERENCE);
        float[][] h = hidden.toArray2d();
        float[][] f = model.predict(Tensor.of(X)).toArray2d();
        System.out.println("  x1   x2 |    h1     h2 |     y");
        for (int i = 0; i < X.length; i++) {
            System.out.printf(Locale.ROOT, "%4.0f %4.0f | %5.2f  %5.2f | %5.2f%n", X[i][0], X[i][1], h[i][0], h[i][1], f[i][0]);
        }
    }
}
