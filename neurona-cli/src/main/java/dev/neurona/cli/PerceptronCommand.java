package dev.neurona.cli;

import dev.neurona.data.Dataset;
import dev.neurona.perceptron.Perceptron;
import dev.neurona.perceptron.PerceptronResult;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code neurona perceptron}: the Rosenblatt perceptron as taught, printing its mistakes per epoch. */
@Command(name = "perceptron", mixinStandardHelpOptions = true,
        description = {"Runs the classic perceptron (w <- w + lr*y*x on each mistake) and prints mistakes per epoch.",
                "Works on two-class data: and, or, xor, moons, circles, breast-cancer, or csv:PATH with a 0/1 or -1/+1 target."},
        footer = {"", "Examples:", "  neurona perceptron --data and", "  neurona perceptron --data xor --max-epochs 10"})
final class PerceptronCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--data", defaultValue = "and", paramLabel = "NAME", description = "A two-class data set (default: ${DEFAULT-VALUE}).")
    String data;

    @Option(names = "--target", paramLabel = "COLUMN", description = "The target column of CSV data.")
    String target;

    @Option(names = "--lr", defaultValue = "1.0", description = "Learning rate eta (default: ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--max-epochs", defaultValue = "100", description = "Epochs at most (default: ${DEFAULT-VALUE}).")
    int maxEpochs;

    @Option(names = "--shuffle", description = "Visit the samples in a seeded random order each epoch (default: fixed order, as taught).")
    boolean shuffle;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of generated data and of the shuffling (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() {
        DataSource source = DataSource.resolve(data, target, DataSource.Task.CLASSIFICATION, seed);
        if (source.targetWidth() != 1) {
            throw new UsageException("--data " + data + ": the perceptron separates two classes; this set has " + source.classes());
        }
        Dataset train = source.split().train();
        Perceptron p = new Perceptron().learningRate(learningRate).maxEpochs(maxEpochs).shuffle(shuffle).seed(seed);
        PerceptronResult r = p.fit(train.x().flatten(), train.y().reshape(-1));
        PrintWriter out = spec.commandLine().getOut();
        int[] mistakes = r.mistakesPerEpoch();
        for (int e = 0; e < mistakes.length; e++) {
            out.printf(Locale.ROOT, "epoch %3d: %d mistakes%n", e + 1, mistakes[e]);
        }
        out.println(r.converged() ? "Converged after " + r.epochs() + " epochs: every training sample is classified correctly."
                : "Did not converge in " + r.epochs() + " epochs: the classes are not linearly separable (or need more epochs).");
        out.println("weights (w0 = bias): " + Arrays.toString(r.weights()));
        out.printf(Locale.ROOT, "training accuracy: %.4f%n", r.score(train.x().flatten(), train.y().reshape(-1)));
        return 0;
    }
}
