package dev.neurona.models;

import static dev.neurona.nn.Layers.dense;
import static dev.neurona.nn.Layers.flatten;
import static dev.neurona.nn.Layers.input;
import static org.assertj.core.api.Assertions.assertThat;

import dev.neurona.activations.Activations;
import dev.neurona.losses.Losses;
import dev.neurona.metrics.Metrics;
import dev.neurona.optim.Adam;
import dev.neurona.optim.RMSprop;
import dev.neurona.optim.SGD;
import dev.neurona.tensor.Tensor;
import dev.neurona.train.Fit;
import dev.neurona.train.History;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The user code of DESIGN.md §3 (less datasets and files, which come later) compiles and runs as written. */
class ContractTest {

    @Test
    void theLecturesKerasExampleInJava() {
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            Sequential model = new Sequential(
                    flatten(28, 28),
                    dense(8, "relu"),
                    dense(10, "softmax"));
            model.compile(new Adam(0.001), "categorical_crossentropy", "accuracy");
            model.summary();

            // a small stand-in for Fashion-MNIST: 10 noisy prototype images
            Random r = new Random(1);
            Tensor prototypes = Tensor.rand(r, 10, 28, 28);
            int n = 1000;
            float[] x = new float[n * 784];
            float[] y = new float[n * 10];
            for (int i = 0; i < n; i++) {
                int k = i % 10;
                for (int j = 0; j < 784; j++) {
                    x[i * 784 + j] = prototypes.data()[k * 784 + j] + (float) (0.3 * r.nextGaussian());
                }
                y[i * 10 + k] = 1;
            }
            Tensor images = Tensor.of(x, n, 28, 28);
            Tensor labels = Tensor.of(y, n, 10);
            History history = model.fit(images, labels, Fit.epochs(5).batchSize(32).validationSplit(0.1));
            Map<String, Double> scores = model.evaluate(images, labels);
            Tensor probabilities = model.predict(images);

            assertThat(history.keys()).containsExactly("loss", "accuracy", "val_loss", "val_accuracy");
            assertThat(history.get("loss").get(4)).isLessThan(history.get("loss").get(0));
            assertThat(scores.keySet()).containsExactly("loss", "accuracy");
            assertThat(scores.get("accuracy")).as("accuracy on 10 noisy prototypes after 5 epochs (about 0.8)").isGreaterThan(0.7);
            assertThat(probabilities.shape()).containsExactly(n, 10);
        } finally {
            System.setOut(stdout);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        assertThat(out).contains("flatten_1 (Flatten)", "(None, 784)", "dense_1 (Dense)", "(None, 8)", "6,280",
                "dense_2 (Dense)", "90", "Total params: 6,370", "Epoch 1/5", "Epoch 5/5", "val_accuracy: ");
    }

    @Test
    void arraysObjectsWeightsAndTheEngine() {
        float[][] x = {{-1, -1}, {-1, 1}, {1, -1}, {1, 1}};
        float[][] y = {{0}, {1}, {1}, {0}};
        Sequential xor = new Sequential(input(2), dense(4, "tanh"), dense(1, "sigmoid"));
        xor.compile(new SGD(0.5).momentum(0.9), "binary_crossentropy", "accuracy");
        xor.fit(Tensor.of(x), Tensor.of(y), Fit.epochs(500).batchSize(4).verbose(0));
        assertThat(xor.evaluate(Tensor.of(x), Tensor.of(y)).get("accuracy")).isEqualTo(1.0);

        Sequential model = new Sequential(flatten(28, 28), dense(8, "relu"), dense(10, "softmax"));
        model.compile(new RMSprop(0.001).rho(0.9), Losses.categoricalCrossentropy(), Metrics.accuracy());
        dense(16, Activations.leakyRelu(0.1f));

        List<Tensor> weights = model.getWeights();
        assertThat(weights).extracting(w -> List.of(w.shape()[0], w.rank() > 1 ? w.shape()[1] : -1))
                .containsExactly(List.of(784, 8), List.of(8, -1), List.of(8, 10), List.of(10, -1));
        model.setWeights(weights);

        float[][] x3 = {{1, 2, 3}, {0, 1, 0}};
        float[][] y3 = {{0.5f}, {-0.5f}};
        Tensor w = Tensor.randn(new java.util.Random(1), 3, 1).requiresGrad(true);
        Tensor loss = Tensor.of(x3).matmul(w).tanh().sub(Tensor.of(y3)).square().mean();
        loss.backward();
        Tensor dw = w.grad();
        assertThat(dw.shape()).containsExactly(3, 1);
    }
}
