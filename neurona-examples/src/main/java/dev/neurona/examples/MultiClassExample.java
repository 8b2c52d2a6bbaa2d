package dev.neurona.examples;

import static dev.neurona.nn.Layers.dense;
import static dev.neurona.nn.Layers.input;

import dev.neurona.data.Datasets;
import dev.neurona.data.Split;
import dev.neurona.metrics.ConfusionMatrix;
import dev.neurona.models.Sequential;
import dev.neurona.optim.Adam;
import dev.neurona.train.Fit;
import java.util.Locale;
import java.util.Map;

/**
 * A network for multi-class classification: one output neuron per class with the
 * <em>softmax</em> activation, {@code f_k = e^(z_k) / Σ_j e^(z_j)}, so the outputs are
 * probabilities that sum to 1; targets are one-hot and the loss is categorical cross-entropy
 * {@code −Σ_k y_k·log f_k}; the predicted class is the most probable one.
 *
 * <p>The data are three interleaved spiral arms, learned by a 2-64-64-3 ReLU network. The
 * example prints the test accuracy and the confusion matrix (rows: true class, columns:
 * predicted class).
 */
public final class MultiClassExample {

    private MultiClassExample() {
    }

    public static void main(String[] args) {
        Split spirals = Datasets.trainTestSplit(Datasets.spirals(600, 3, 0.2, 3), 0.25, 3, true);
        Sequential model = new Sequential(
                input(2),
                dense(64, "relu"),
                dense(64, "relu"),
                dense(3, "softmax"));                  // one probability per class
        model.compile(new Adam(0.01), "categorical_crossentropy", "accuracy");
        model.fit(spirals.train(), Fit.epochs(150).batchSize(32).verbose(0));

        Map<String, Double> scores = model.evaluate(spirals.test());
        System.out.printf(Locale.ROOT, "three spirals, %d training and %d test points, network 2-64-64-3 (softmax output)%n",
                spirals.train().size(), spirals.test().size());
        System.out.printf(Locale.ROOT, "test: loss = %.4f, accuracy = %.3f%n", scores.get("loss"), scores.get("accuracy"));

        ConfusionMatrix confusion = new ConfusionMatrix(3);
        confusion.update(spirals.test().y(), model.predict(spirals.test().x()));
        System.out.println("confusion matrix (rows: true class, columns: predicted)");
        System.out.println("           pred 0  pred 1  pred 2");
        int[][] m = confusion.matrix();
        for (int i = 0; i < m.length; i++) {
            System.out.printf(Locale.ROOT, "  class %d  %6d  %6d  %6d%n", i, m[i][0], m[i][1], m[i][2]);
        }
    }
}
