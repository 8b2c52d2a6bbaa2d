package dev.neurona.cli;

import dev.neurona.models.Model;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The model files the commands read: any kind ({@link Model#load}, Sequential or functional),
 * checked for what a command can feed. Evaluate, predict and plot feed one input from a CSV file or
 * a data set and read one output, so a model of several inputs or outputs is a usage error naming
 * the counts; export writes any Sequential or functional model.
 */
final class SavedModels {

    private SavedModels() {
    }

    /** Reads any model file. */
    static Model load(Path file) throws IOException {
        return Model.load(file);
    }

    /**
     * Fails unless {@code model} takes one input and gives one output.
     *
     * @param command the command's name, as the message starts
     * @param feeds   what the command feeds the input from, in words ("the CSV file's columns")
     * @throws UsageException naming the file, the input and output counts and names, and the way out
     */
    static void requireSingle(Model model, Path file, String command, String feeds) {
        if (model.inputCount() == 1 && model.outputCount() == 1) {
            return;
        }
        throw new UsageException(command + ": " + file + " holds a model of " + count(model.inputCount(), "input")
                + " (" + String.join(", ", model.inputNames()) + ") and " + count(model.outputCount(), "output")
                + " (" + String.join(", ", model.outputNames()) + "); " + command + " feeds one input from " + feeds
                + " and reads one output, so it takes a model of 1 input and 1 output (from Java, "
                + "model.predict(List.of(x1, x2, ...)) and model.evaluate(Dataset) take several)");
    }

    private static String count(int n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }

    /** The output shape of one sample (batch excluded) of a built model of one output. */
    static int[] outputShape(Model model) {
        return model.outputShape(0, model.inputShape());
    }
}
