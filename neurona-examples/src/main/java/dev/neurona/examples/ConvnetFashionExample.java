package dev.neurona.examples;

import static dev.neurona.nn.Layers.conv2d;
import static dev.neurona.nn.Layers.dense;
import static dev.neurona.nn.Layers.dropout;
import static dev.neurona.nn.Layers.flatten;
import static dev.neurona.nn.Layers.input;
import static dev.neurona.nn.Layers.maxPooling2d;

import dev.neurona.data.Datasets;
import dev.neurona.data.Split;
import dev.neurona.metrics.ConfusionMatrix;
import dev.neurona.models.Sequential;
import dev.neurona.optim.Adam;
import dev.neurona.train.Fit;
import dev.neurona.train.History;
import dev.neurona.viz.Plots;
import java.util.Locale;
import java.util.Map;

/**
 * Keras's "simple MNIST convnet" on Fashion-MNIST: Conv2D(32, 3×3, relu), MaxPooling2D(2),
 * Conv2D(64, 3×3, relu), MaxPooling2D(2), Flatten, Dropout(0.5), Dense(10, softmax); Adam
 * 1e-3, batch 128, 5 epochs (Keras trains 15), a 10 % validation split. The images come as
 * {@code [n, 28, 28, 1]} ({@code Split.channelsLast()}); 34,826 weights against the MLP's
 * 101,770, and about 0.90 test accuracy instead of 0.88.
 *
 * <p>Figures: {@code convnet_filters.png} (the 32 learned 3×3 kernels of the first layer),
 * {@code convnet_feature_maps.png} (the first test image at that layer, one map per filter),
 * {@code convnet_history.png} and {@code convnet_confusion_matrix.png}. Not run by the tests
 * (minutes on a laptop); the end-to-end tests train this network.
 */
public final class ConvnetFashionExample {

    private ConvnetFashionExample() {
    }

    public static void main(String[] args) {
        Figures figures = Figures.folder();
        Split fashion = Datasets.fashionMnist().channelsLast();   // x [n, 28, 28, 1] in [0, 1], labels one-hot

        Sequential model = new Sequential(
                input(28, 28, 1),
                conv2d(32, 3, "relu"),
                maxPooling2d(2),
                conv2d(64, 3, "relu"),
                maxPooling2d(2),
                flatten(),
                dropout(0.5),
                dense(10, "softmax"));
        model.compile(new Adam(0.001), "categorical_crossentropy", "accuracy");
        model.summary();

        History history = model.fit(fashion.train(), Fit.epochs(5).batchSize(128).validationSplit(0.1));
        Map<String, Double> scores = model.evaluate(fashion.test());
        System.out.printf(Locale.ROOT, "Test loss: %.4f%nTest accuracy: %.4f%n", scores.get("loss"), scores.get("accuracy"));

        ConfusionMatrix confusion = new ConfusionMatrix(10);
        confusion.update(fashion.test().y(), model.predict(fashion.test().x()));
        figures.save(Plots.convFilters(model), "convnet_filters.png");
        figures.save(Plots.featureMaps(model, fashion.test().slice(0, 1).x()), "convnet_feature_maps.png");
        figures.save(Plots.history(history), "convnet_history.png");
        figures.save(Plots.confusionMatrix(confusion.matrix(), Datasets.fashionMnistClasses()).withSize(900, 850),
                "convnet_confusion_matrix.png");
    }
}
