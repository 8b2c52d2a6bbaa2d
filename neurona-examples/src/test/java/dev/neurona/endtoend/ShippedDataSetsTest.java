package dev.neurona.endtoend;

import static dev.neurona.nn.Layers.dense;
import static dev.neurona.nn.Layers.input;
import static org.assertj.core.api.Assertions.assertThat;

import dev.neurona.data.Dataset;
import dev.neurona.data.Datasets;
import dev.neurona.data.Split;
import dev.neurona.data.StandardScaler;
import dev.neurona.models.Sequential;
import dev.neurona.optim.Adam;
import dev.neurona.tensor.Tensor;
import dev.neurona.train.Fit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * End to end on the real data sets shipped with the library: a small MLP per set must reach
 * the test accuracy a practitioner expects.
 *
 * <p>The test sets are small (30 iris flowers, 36 wines), so one split decides a score by
 * one or two borderline samples: on the library's fixed split even a logistic regression gets
 * iris 0.90 and wine 0.94. The score is therefore the mean test accuracy over five stratified
 * 80/20 splits: the fixed one of {@code Datasets.iris()} etc. and four more drawn with seeds
 * 1…4 from all samples. On each, the features are standardized with a {@link StandardScaler}
 * fitted on the training part only (the digits' pixels are already in [0, 1]), and the model
 * and the shuffling are seeded, so the scores are reproducible. The measured scores (in each
 * test's comment) leave a margin above the thresholds.
 */
class ShippedDataSetsTest {

    /** How one set is learned: the model, Adam's learning rate, epochs, batch size, scaling. */
    private record Recipe(Supplier<Sequential> model, double learningRate, int epochs, int batchSize, boolean scale) {
    }

    @Test
    void digitsMlpReaches95Percent() {   // measured 0.9694 (fixed split 0.9721)
        Recipe recipe = new Recipe(() -> new Sequential(input(64), dense(64, "relu"), dense(10, "softmax")),
                0.001, 40, 32, false);
        assertThat(meanTestAccuracy("digits 64-64-10", Datasets.digits(), recipe)).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void irisMlpReaches93Percent() {   // measured 0.9533 (fixed split 0.9000, where logistic regression also gets 0.90)
        Recipe recipe = new Recipe(() -> new Sequential(input(4), dense(16, "relu"), dense(3, "softmax")),
                0.01, 50, 16, true);
        assertThat(meanTestAccuracy("iris 4-16-3", Datasets.iris(), recipe)).isGreaterThanOrEqualTo(0.93);
    }

    @Test
    void breastCancerMlpReaches95Percent() {   // measured 0.9717 (fixed split 0.9735)
        Recipe recipe = new Recipe(() -> new Sequential(input(30), dense(16, "relu"), dense(1, "sigmoid")),
                0.001, 50, 32, true);
        assertThat(meanTestAccuracy("breast cancer 30-16-1", Datasets.breastCancer(), recipe))
                .isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void wineMlpReaches95Percent() {   // measured 0.9889 (fixed split 0.9722)
        Recipe recipe = new Recipe(() -> new Sequential(input(13), dense(16, "relu"), dense(3, "softmax")),
                0.01, 50, 16, true);
        assertThat(meanTestAccuracy("wine 13-16-3", Datasets.wine(), recipe)).isGreaterThanOrEqualTo(0.95);
    }

    /** The mean test accuracy over the fixed split and four seeded stratified re-splits. */
    private static double meanTestAccuracy(String name, Split fixed, Recipe recipe) {
        Dataset all = Dataset.of(Tensor.concat(0, fixed.train().x(), fixed.test().x()),
                Tensor.concat(0, fixed.train().y(), fixed.test().y()));
        List<Split> splits = new ArrayList<>(List.of(fixed));
        for (long seed = 1; seed <= 4; seed++) {
            splits.add(Datasets.trainTestSplit(all, 0.2, seed, true));
        }
        StringBuilder each = new StringBuilder();
        double sum = 0;
        for (Split split : splits) {
            double accuracy = testAccuracy(split, recipe);
            each.append(String.format(Locale.ROOT, " %.4f", accuracy));
            sum += accuracy;
        }
        double mean = sum / splits.size();
        System.out.printf(Locale.ROOT, "%s: mean test accuracy %.4f over %d splits (fixed split first):%s%n",
                name, mean, splits.size(), each);
        return mean;
    }

    private static double testAccuracy(Split split, Recipe recipe) {
        Dataset train = split.train();
        Dataset test = split.test();
        if (recipe.scale()) {
            StandardScaler scaler = new StandardScaler();
            train = Dataset.of(scaler.fitTransform(train.x()), train.y());
            test = Dataset.of(scaler.transform(test.x()), test.y());
        }
        Sequential model = recipe.model().get().seed(1);
        boolean binary = train.y().dim(1) == 1;
        model.compile(new Adam(recipe.learningRate()), binary ? "binary_crossentropy" : "categorical_crossentropy",
                "accuracy");
        model.fit(train, Fit.epochs(recipe.epochs()).batchSize(recipe.batchSize()).seed(1).verbose(0));
        return model.evaluate(test).get("accuracy");
    }
}
