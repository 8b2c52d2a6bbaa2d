package dev.neurona.examples;

import static dev.neurona.nn.Layers.dense;
import static dev.neurona.nn.Layers.input;

import dev.neurona.data.Datasets;
import dev.neurona.data.Split;
import dev.neurona.models.Sequential;
import dev.neurona.optim.Adam;
import dev.neurona.tensor.Tensor;
import dev.neurona.train.Fit;
import java.util.Locale;
import java.util.Map;

/**
 * A network for binary classification: one output neuron with the <em>sigmoid</em>
 * activation, read as the probability of class 1, trained on binary cross-entropy
 * {@code −[y·log f + (1 − y)·log(1 − f)]}; a sample is predicted as class 1 when {@code f > 0.5}.
 *
 * <p>The data are the two interleaving half moons, which no line separates: a 2-16-16-1 ReLU
 * network bends the boundary around them. The example prints the test accuracy, precision and
 * recall, and the predicted probabilities of a few points.
 */
public final class BinaryClassificationExample {

    private BinaryClassificationExample() {
    }

    public static void main(String[] args) {
        Split moons = Datasets.trainTestSplit(Datasets.moons(400, 0.15, 2), 0.25, 2, true);
        Sequential model = new Sequential(
                input(2),
                dense(16, "relu"),
                dense(16, "relu"),
                dense(1, "sigmoid"));                  // one probability: P(class 1 | x)
        model.compile(new Adam(0.01), "binary_crossentropy", "accuracy", "precision", "recall");
        model.fit(moons.train(), Fit.epochs(100).batchSize(32).verbose(0));

        Map<String, Double> scores = model.evaluate(moons.test());
        System.out.printf(Locale.ROOT, "two moons, %d training and %d test points, network 2-16-16-1 (sigmoid output)%n",
                moons.train().size(), moons.test().size());
        System.out.printf(Locale.ROOT, "test: loss = %.4f, accuracy = %.3f, precision = %.3f, recall = %.3f%n",
                scores.get("loss"), scores.get("accuracy"), scores.get("precision"), scores.get("recall"));

        float[][] points = {{0f, 1f}, {1f, -0.5f}, {0.5f, 0.25f}, {-1f, 0f}, {2f, 0f}};
        float[] p = model.predict(Tensor.of(points)).toArray();
        System.out.println("      x1     x2   P(class 1)  predicted");
        for (int i = 0; i < points.length; i++) {
            System.out.printf(Locale.ROOT, "  %6.2f %6.2f   %9.3f  %9d%n", points[i][0], points[i][1], p[i], p[i] > 0.5 ? 1 : 0);
        }
    }
}
