package dev.neurona.examples;

import static dev.neurona.nn.Layers.dense;
import static dev.neurona.nn.Layers.input;

import dev.neurona.data.Dataset;
import dev.neurona.data.Datasets;
import dev.neurona.models.Sequential;
import dev.neurona.optim.Adadelta;
import dev.neurona.optim.Adagrad;
import dev.neurona.optim.Adam;
import dev.neurona.optim.AdamW;
import dev.neurona.optim.Adamax;
import dev.neurona.optim.Nadam;
import dev.neurona.optim.Optimizer;
import dev.neurona.optim.RMSprop;
import dev.neurona.optim.SGD;
import dev.neurona.train.Fit;
import dev.neurona.train.History;
import java.util.List;
import java.util.Locale;

/**
 * The optimizers side by side: the same network, the same initial weights, the same data and
 * the same number of epochs, only the update rule (and the batch size) changes.
 *
 * <p>The first rows are the slide's gradient-descent family, which differ in how many samples
 * each step looks at: full-batch gradient descent (one step per epoch), stochastic gradient
 * descent (one sample per step) and mini-batch gradient descent (32 per step); then momentum
 * and Nesterov's look-ahead momentum, which accumulate a velocity; then the adaptive methods,
 * which scale each weight's step by its own gradient history (Adagrad, RMSprop, Adadelta) and
 * add momentum to that (Adam, AdamW with decoupled weight decay, Adamax, Nadam). The table
 * shows the training loss after each of a few epochs and the final accuracy: with the same
 * budget of epochs, plain full-batch descent has barely started, while momentum and the
 * adaptive methods are far ahead.
 */
public final class OptimizersExample {

    private OptimizersExample() {
    }

    /** One row of the table: a name, a fresh optimizer, a batch size. */
    record Run(String name, Optimizer optimizer, int batchSize) {
    }

    static final int EPOCHS = 20;

    public static void main(String[] args) {
        Dataset moons = Datasets.moons(320, 0.15, 4);
        int n = moons.size();
        List<Run> runs = List.of(
                new Run("GD (full batch)", new SGD(0.1), n),
                new Run("SGD (batch 1)", new SGD(0.1), 1),
                new Run("mini-batch SGD", new SGD(0.1), 32),
                new Run("momentum 0.9", new SGD(0.1).momentum(0.9), 32),
                new Run("Nesterov 0.9", new SGD(0.1).momentum(0.9).nesterov(true), 32),
                new Run("Adagrad", new Adagrad(0.1), 32),
                new Run("RMSprop", new RMSprop(0.01), 32),
                new Run("Adadelta", new Adadelta(1.0), 32),
                new Run("Adam", new Adam(0.01), 32),
                new Run("AdamW", new AdamW(0.01), 32),
                new Run("Adamax", new Adamax(0.02), 32),
                new Run("Nadam", new Nadam(0.01), 32));

        System.out.printf(Locale.ROOT, "two moons (%d points), network 2-16-16-1, the same initial weights, %d epochs%n",
                n, EPOCHS);
        System.out.println("training loss after epoch ...");
        System.out.println("optimizer          lr      batch     1        5        10       20     accuracy");
        for (Run run : runs) {
            Sequential model = new Sequential(input(2), dense(16, "relu"), dense(16, "relu"), dense(1, "sigmoid")).seed(4);
            model.compile(run.optimizer(), "binary_crossentropy", "accuracy");
            History h = model.fit(moons, Fit.epochs(EPOCHS).batchSize(run.batchSize()).seed(4).verbose(0));
            List<Double> loss = h.get("loss");
            System.out.printf(Locale.ROOT, "%-16s %6.3f %6d   %7.4f  %7.4f  %7.4f  %7.4f   %6.3f%n",
                    run.name(), run.optimizer().learningRate(), run.batchSize(),
                    loss.get(0), loss.get(4), loss.get(9), loss.get(EPOCHS - 1), h.last("accuracy"));
        }
    }
}
