package dev.neurona.examples;

import static dev.neurona.nn.Layers.dense;
import static dev.neurona.nn.Layers.flatten;

import dev.neurona.data.Datasets;
import dev.neurona.data.Split;
import dev.neurona.models.Sequential;
import dev.neurona.optim.Adam;
import dev.neurona.train.Fit;
import java.util.Locale;
import java.util.Map;

/**
 * The lecture's Keras example, line for line in Java: Fashion-MNIST (60,000 training and
 * 10,000 test images of clothes, 28×28 grey levels, 10 classes) through the smallest useful
 * network, Flatten 28×28 → Dense 8 relu → Dense 10 softmax, trained with Adam (batch 32,
 * 5 epochs) on categorical cross-entropy.
 *
 * <p>The slide shows three things: the {@code summary()} table (6,370 weights: 784·8 + 8 in
 * the hidden layer, 8·10 + 10 in the output layer), the progress bar of every epoch (with the
 * loss and accuracy on a 10 % validation split), and the accuracy on the 10,000 test images:
 * about 0.84 with only eight hidden neurons.
 *
 * <p>The images come from {@code /usr/share/datasets/fashion-mnist} (Debian's
 * {@code dataset-fashion-mnist} package), {@code ~/.neurona/datasets/fashion-mnist}, or are
 * downloaded once and verified; see {@link Datasets#fashionMnist()}.
 */
public final class FashionMnistExample {

    private FashionMnistExample() {
    }

    public static void main(String[] args) {
        Split fashion = Datasets.fashionMnist();   // images scaled to [0, 1], labels one-hot

        Sequential model = new Sequential(
                flatten(28, 28),
                dense(8, "relu"),
                dense(10, "softmax"));
        model.compile(new Adam(0.001), "categorical_crossentropy", "accuracy");
        model.summary();

        // the last 10 % of the training images are held out to watch for overfitting (val_ in the bar)
        model.fit(fashion.train(), Fit.epochs(5).batchSize(32).validationSplit(0.1));

        Map<String, Double> scores = model.evaluate(fashion.test());
        System.out.printf(Locale.ROOT, "Test loss: %.4f%nTest accuracy: %.4f%n", scores.get("loss"), scores.get("accuracy"));
    }
}
