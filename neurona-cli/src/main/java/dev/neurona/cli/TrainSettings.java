package dev.neurona.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The settings of one {@code train} run: the user's flags where given, {@link TrainDefaults}
 * elsewhere, each checked as a usage error (exit 2) naming the flag, the value and the expected
 * range.
 *
 * @param layers          hidden layer sizes (ignored with {@code --model})
 * @param epochs          passes over the training data
 * @param batchSize       samples per step
 * @param validationSplit fraction held out for validation (0 for none)
 * @param learningRate    the optimizer's learning rate
 * @param chosen          the settings taken from the defaults, as flags ({@code "--epochs 200"}), for the log
 */
record TrainSettings(List<Integer> layers, int epochs, int batchSize, double validationSplit, double learningRate,
                     List<String> chosen) {

    /**
     * Resolves the flags of a run; a {@code null} flag takes its default.
     *
     * @param earlyStopping whether {@code --early-stopping} was given (it needs validation data)
     * @param ownModel      whether the layers come from {@code --model} (no {@code --layers} default then)
     */
    static TrainSettings resolve(TrainDefaults defaults, List<Integer> layers, Integer epochs, Integer batchSize,
                                 Double validationSplit, Double learningRate, String optimizer,
                                 boolean earlyStopping, boolean ownModel) {
        List<String> chosen = new ArrayList<>();
        if (layers == null && !ownModel) {
            layers = defaults.layers();
            chosen.add("--layers " + String.join(",", layers.stream().map(String::valueOf).toList()));
        }
        for (int units : layers == null ? List.<Integer>of() : layers) {
            require(units > 0, "--layers: every size must be a positive integer, got " + units);
        }
        if (epochs == null) {
            epochs = defaults.epochs();
            chosen.add("--epochs " + epochs);
        }
        require(epochs > 0, "--epochs " + epochs + ": give a positive number of passes over the data, such as 20");
        if (batchSize == null) {
            batchSize = defaults.batchSize();
            chosen.add("--batch-size " + batchSize);
        }
        require(batchSize > 0, "--batch-size " + batchSize + ": give a positive number of samples per step, such as 32");
        if (validationSplit == null) {
            validationSplit = defaults.validationSplit();
            if (earlyStopping && validationSplit == 0) {
                validationSplit = TrainDefaults.EARLY_STOPPING_SPLIT;
            }
            chosen.add("--validation-split " + number(validationSplit));
        }
        require(validationSplit >= 0 && validationSplit < 1, "--validation-split " + number(validationSplit)
                + ": give a fraction in [0, 1), such as 0.1, or 0 for no validation data");
        require(!earlyStopping || validationSplit > 0, "--early-stopping watches the validation loss, but "
                + "--validation-split is 0: give a split such as --validation-split 0.2, or leave out --early-stopping");
        if (learningRate == null) {
            learningRate = defaults.learningRate(optimizer);
            chosen.add("--lr " + number(learningRate));
        }
        require(learningRate > 0 && Double.isFinite(learningRate),
                "--lr " + learningRate + ": give a positive learning rate, such as 0.001");
        return new TrainSettings(layers, epochs, batchSize, validationSplit, learningRate, List.copyOf(chosen));
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new UsageException(message);
        }
    }

    /** A number as a user would type it: 0.1, not 0.1000000000000000055511151231257827. */
    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e9) {
            return String.valueOf((long) v);
        }
        String s = String.format(Locale.ROOT, "%.6g", v);
        return s.contains("e") ? s : s.replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    /** One line saying which settings came from the defaults, or {@code null} when all were given. */
    String describe(String data) {
        return chosen.isEmpty() ? null : "Defaults for " + data + " (flags override): " + String.join(" ", chosen);
    }
}
