package dev.neurona.endtoend;

import static dev.neurona.nn.Layers.dense;
import static dev.neurona.nn.Layers.flatten;
import static dev.neurona.nn.Layers.input;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.neurona.activations.Activations;
import dev.neurona.data.Datasets;
import dev.neurona.data.Split;
import dev.neurona.losses.Losses;
import dev.neurona.metrics.Metrics;
import dev.neurona.models.Sequential;
import dev.neurona.optim.Adam;
import dev.neurona.optim.RMSprop;
import dev.neurona.optim.SGD;
import dev.neurona.perceptron.Perceptron;
import dev.neurona.perceptron.PerceptronResult;
import dev.neurona.tensor.Tensor;
import dev.neurona.train.Fit;
import dev.neurona.train.History;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole user-facing contract of DESIGN.md §3, as written there, datasets and files included. */
class DesignContractTest {

    @Test
    void theContractRunsAsWritten(@TempDir Path dir) throws Exception {
        assumeTrue(Files.exists(Path.of("/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz"))
                        || Files.isDirectory(Path.of(System.getProperty("user.home"), ".neurona/datasets/fashion-mnist")),
                "Fashion-MNIST is not installed (apt-get install dataset-fashion-mnist)");

        // The lecture's Keras example, in Java
        Sequential model = new Sequential(
                flatten(28, 28),
                dense(8, "relu"),
                dense(10, "softmax"));
        model.compile(new Adam(0.001), "categorical_crossentropy", "accuracy");
        assertThat(model.summaryString()).contains("Total params: 6,370");

        Split fashion = Datasets.fashionMnist();
        History history = model.fit(fashion.train(), Fit.epochs(5).batchSize(32).validationSplit(0.1).verbose(0));
        Map<String, Double> scores = model.evaluate(fashion.test());
        Tensor probabilities = model.predict(fashion.test().x());
        model.save(dir.resolve("fashion.nrn"));
        Sequential again = Sequential.load(dir.resolve("fashion.nrn"));
        assertThat(history.get("val_accuracy")).hasSize(5);
        assertThat(scores.get("accuracy")).isGreaterThan(0.80);
        assertThat(probabilities.shape()).containsExactly(10_000, 10);
        assertThat(again.predict(fashion.test().x()).toArray()).containsExactly(probabilities.toArray());

        // Arrays work too
        float[][] x = {{-1, -1}, {-1, 1}, {1, -1}, {1, 1}};
        float[][] y = {{0}, {1}, {1}, {0}};
        Sequential xor = new Sequential(input(2), dense(4, "tanh"), dense(1, "sigmoid"));
        xor.compile(new SGD(0.5).momentum(0.9), "binary_crossentropy", "accuracy");
        xor.fit(Tensor.of(x), Tensor.of(y), Fit.epochs(500).batchSize(4).verbose(0));
        assertThat(xor.evaluate(Tensor.of(x), Tensor.of(y)).get("accuracy")).isEqualTo(1.0);

        // Objects wherever a string is accepted
        model.compile(new RMSprop(0.001).rho(0.9), Losses.categoricalCrossentropy(), Metrics.accuracy());
        dense(16, Activations.leakyRelu(0.1f));

        // Weights in Keras order (per layer: kernel [in, out], then bias)
        List<Tensor> weights = model.getWeights();
        model.setWeights(weights);
        assertThat(weights.get(0).shape()).containsExactly(784, 8);

        // The Rosenblatt perceptron, as taught
        float[][] points = {{2, 1}, {1, 3}, {-1, -2}, {-2, -1}};
        float[] labels = {1, 1, -1, -1};
        Perceptron p = new Perceptron().learningRate(1.0).maxEpochs(100).shuffle(false);
        PerceptronResult r = p.fit(Tensor.of(points), Tensor.of(labels));
        assertThat(r.converged()).isTrue();
        assertThat(r.mistakesPerEpoch()[r.epochs() - 1]).isZero();
        assertThat(r.weights()).hasSize(3);
        assertThat(r.weightsAfterEpoch(r.epochs())).containsExactly(r.weights());
    }
}
