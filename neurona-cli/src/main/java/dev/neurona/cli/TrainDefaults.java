package dev.neurona.cli;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The settings a {@code train} run uses where its flags are silent, chosen for the data so that
 * every built-in set reaches its known score with no flags at all.
 *
 * <p>Why per data set: one set of numbers cannot serve four XOR points and 60,000 images. A
 * validation split of 0.1 leaves three of XOR's four points to train on; 20 epochs of 32-sample
 * batches are 80 steps on iris, too few for Adam at 0.001; three spirals need two hidden layers.
 * So: no validation split below {@value #SMALL} training samples, a batch no larger than the
 * data, enough epochs for a few thousand steps, the width the lecture uses, and a learning rate
 * ten times Keras's default on the small generated sets. Adagrad and Adadelta start from the
 * rates of their papers (0.01 and 1.0, PyTorch's defaults), since Keras's 0.001 barely moves
 * them in a short run.
 *
 * @param layers          hidden layer sizes
 * @param epochs          passes over the training data
 * @param batchSize       samples per step
 * @param validationSplit fraction held out for validation (0 for none)
 * @param learningRateScale factor on the optimizer's base learning rate ({@link #learningRate})
 */
record TrainDefaults(List<Integer> layers, int epochs, int batchSize, double validationSplit,
                     double learningRateScale) {

    /** Below this many training samples no validation split is held out. */
    static final int SMALL = 500;

    /** The split held out when early stopping needs validation data the defaults did not keep. */
    static final double EARLY_STOPPING_SPLIT = 0.2;

    /** Steps a run aims for when the epochs are not tuned for the data. */
    private static final int STEPS = 2_000;

    private record Tuning(List<Integer> layers, int epochs, double learningRateScale) {
    }

    /** The tuned settings of the built-in sets (hidden sizes, epochs, learning-rate factor). */
    private static final Map<String, Tuning> BUILT_IN = Map.ofEntries(
            Map.entry("digits", new Tuning(List.of(64), 20, 1)),
            Map.entry("mnist", new Tuning(List.of(128), 10, 1)),
            Map.entry("fashion-mnist", new Tuning(List.of(128), 10, 1)),
            Map.entry("cifar10", new Tuning(List.of(256, 128), 10, 1)),
            Map.entry("iris", new Tuning(List.of(16), 200, 1)),
            Map.entry("wine", new Tuning(List.of(16), 100, 1)),
            Map.entry("breast-cancer", new Tuning(List.of(16), 50, 1)),
            Map.entry("xor", new Tuning(List.of(8), 300, 10)),
            Map.entry("and", new Tuning(List.of(8), 300, 10)),
            Map.entry("or", new Tuning(List.of(8), 300, 10)),
            Map.entry("moons", new Tuning(List.of(32, 32), 100, 10)),
            Map.entry("circles", new Tuning(List.of(32, 32), 100, 10)),
            Map.entry("spirals", new Tuning(List.of(64, 64), 300, 10)),
            Map.entry("blobs", new Tuning(List.of(16), 50, 10)),
            Map.entry("regression", new Tuning(List.of(64, 64), 200, 10)));

    /** The defaults for {@code data} (a built-in name, or any other source such as a CSV file). */
    static TrainDefaults forData(DataSource data) {
        int n = data.split().train().size();
        int batch = Math.min(32, n);
        double split = n < SMALL ? 0 : 0.1;
        Tuning tuning = BUILT_IN.get(canonical(data.name()));
        if (tuning == null) {
            int stepsPerEpoch = (int) Math.ceil(n * (1 - split) / batch);
            int epochs = Math.max(20, Math.min(300, (int) Math.ceil((double) STEPS / stepsPerEpoch)));
            tuning = new Tuning(List.of(64), epochs, 1);
        }
        return new TrainDefaults(tuning.layers(), tuning.epochs(), batch, split, tuning.learningRateScale());
    }

    /** Epochs of {@code train --arch convnet} where the flags are silent (Keras's simple convnet: batch 128, Adam 1e-3). */
    static final int CONVNET_EPOCHS = 5;
    /** Keras's batch size of its simple convnet. */
    static final int CONVNET_BATCH = 128;

    /** These defaults for {@code --arch convnet}: {@value #CONVNET_EPOCHS} epochs of batches of {@value #CONVNET_BATCH} (fewer when the data has fewer). */
    TrainDefaults forConvnet(int trainingSamples) {
        return new TrainDefaults(layers, CONVNET_EPOCHS, Math.min(CONVNET_BATCH, trainingSamples), validationSplit,
                1);
    }

    private static String canonical(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        return n.equals("cifar-10") ? "cifar10" : n;
    }

    /** The learning rate for an optimizer named as {@code --optimizer} takes it. */
    double learningRate(String optimizer) {
        return switch (optimizer.toLowerCase(Locale.ROOT)) {
            case "sgd" -> 0.01 * learningRateScale;
            case "adagrad" -> 0.01 * learningRateScale;
            case "adadelta" -> 1.0;
            default -> 0.001 * learningRateScale;
        };
    }
}
