package dev.neurona.examples;

import static dev.neurona.nn.Layers.dense;
import static dev.neurona.nn.Layers.input;

import dev.neurona.data.Dataset;
import dev.neurona.data.Datasets;
import dev.neurona.data.Split;
import dev.neurona.models.Sequential;
import dev.neurona.optim.Adam;
import dev.neurona.tensor.Tensor;
import dev.neurona.train.Fit;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Networks for regression: the output layer has one <em>linear</em> neuron per quantity to
 * predict (no activation, so any real value can come out) and the loss is the mean squared
 * error.
 *
 * <p>First one output: the noisy curve {@code y = sin(x) + 0.1·x + noise} learned by a
 * 1-32-1 network with a tanh hidden layer. Then multivariate regression, two outputs from
 * one network: {@code y1 = x1² + x2} and {@code y2 = x1·x2} learned by a 2-32-2 network.
 * The example prints the test scores (MSE, MAE, R²) and a few predictions next to the truth.
 */
public final class RegressionExample {

    private RegressionExample() {
    }

    public static void main(String[] args) {
        System.out.println("1. One linear output: y = sin(x) + 0.1*x + noise, network 1-32-1");
        Split curve = Datasets.trainTestSplit(Datasets.regression1d(300, 0.1, 1), 0.2, 1, false);
        Sequential single = new Sequential(input(1), dense(32, "tanh"), dense(1));   // dense(1): linear output
        single.compile(new Adam(0.01), "mse", "mae", "r2_score");
        single.fit(curve.train(), Fit.epochs(200).batchSize(32).verbose(0));
        printScores(single.evaluate(curve.test()));
        float[] x = {-2.5f, -1f, 0f, 1f, 2.5f};
        float[] predicted = single.predict(Tensor.of(x, x.length, 1)).toArray();
        System.out.println("       x   sin(x)+0.1x   predicted");
        for (int i = 0; i < x.length; i++) {
            System.out.printf(Locale.ROOT, "  %6.2f   %11.3f   %9.3f%n", x[i], Math.sin(x[i]) + 0.1 * x[i], predicted[i]);
        }

        System.out.println();
        System.out.println("2. Two linear outputs: y1 = x1^2 + x2, y2 = x1*x2, network 2-32-2");
        Split plane = Datasets.trainTestSplit(twoOutputs(500, 2), 0.2, 2, false);
        Sequential multi = new Sequential(input(2), dense(32, "tanh"), dense(2));   // one linear neuron per output
        multi.compile(new Adam(0.01), "mse", "mae", "r2_score");
        multi.fit(plane.train(), Fit.epochs(200).batchSize(32).verbose(0));
        printScores(multi.evaluate(plane.test()));
        float[][] xs = plane.test().x().slice(0, 4).toArray2d();
        float[][] ys = plane.test().y().slice(0, 4).toArray2d();
        float[][] ps = multi.predict(Tensor.of(xs)).toArray2d();
        System.out.println("      x1      x2 |  y1 true  predicted |  y2 true  predicted");
        for (int i = 0; i < xs.length; i++) {
            System.out.printf(Locale.ROOT, "  %6.2f  %6.2f | %8.3f  %9.3f | %8.3f  %9.3f%n",
                    xs[i][0], xs[i][1], ys[i][0], ps[i][0], ys[i][1], ps[i][1]);
        }
    }

    /** {@code n} points uniform in {@code [−1, 1]²} with targets {@code (x1² + x2, x1·x2)}. */
    static Dataset twoOutputs(int n, long seed) {
        Random random = new Random(seed);
        float[][] x = new float[n][2];
        float[][] y = new float[n][2];
        for (int i = 0; i < n; i++) {
            float x1 = 2 * random.nextFloat() - 1;
            float x2 = 2 * random.nextFloat() - 1;
            x[i] = new float[] {x1, x2};
            y[i] = new float[] {x1 * x1 + x2, x1 * x2};
        }
        return Dataset.of(x, y);
    }

    private static void printScores(Map<String, Double> scores) {
        System.out.printf(Locale.ROOT, "test: mse = %.4f, mae = %.4f, r2 = %.3f%n",
                scores.get("loss"), scores.get("mae"), scores.get("r2_score"));
    }
}
