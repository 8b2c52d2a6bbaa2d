package dev.neurona.cli;

import dev.neurona.models.Model;
import dev.neurona.models.Sequential;
import dev.neurona.nn.Input;
import dev.neurona.nn.Layer;
import dev.neurona.nn.Layers;
import dev.neurona.tensor.Parameter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * The model files the commands read: any kind ({@link Model#load}, Sequential or functional),
 * checked for what a command can feed. Evaluate, predict and plot feed one input from a CSV file or
 * a data set and read one output, so a model of several inputs or outputs is a usage error naming
 * the counts; export writes a Sequential, so a functional model that is one chain of layers is
 * rebuilt as the same Sequential first.
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

    /**
     * The model as a Sequential: itself, or for a functional model whose layers form one chain
     * from its input to its output the same layers (rebuilt from their configs, with the same
     * weights and state) in a new Sequential.
     *
     * @throws UsageException for a functional model of several inputs or outputs, one with a layer
     *         that joins branches or a layer applied twice, and a subclassed model
     */
    static Sequential asSequential(Model model, Path file, String command) {
        if (model instanceof Sequential s) {
            return s;
        }
        requireSingle(model, file, command, "one input tensor");
        List<Layer> path = model.outputLayers(0);
        if (!"Functional".equals(model.typeName())) {
            throw new UsageException(command + ": " + file + " holds a " + model.typeName() + " model; " + command
                    + " takes a Sequential model or a functional model whose layers form one chain");
        }
        if (path.isEmpty() || !(path.get(0) instanceof Input)) {
            String joiner = path.isEmpty() ? "a layer" : "layer '" + path.get(0).name() + "' (" + path.get(0).typeName()
                    + ")";
            throw new UsageException(command + ": " + file + " holds a functional model that is not one chain of layers ("
                    + joiner + " joins branches); " + command + " takes a Sequential model or a functional chain");
        }
        List<Layer> chain = path.subList(1, path.size());
        Set<Layer> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Sequential copy = new Sequential(Layers.input(model.inputShape())).seed(model.seed());
        List<Layer> copies = new ArrayList<>();
        for (Layer layer : chain) {
            if (!seen.add(layer)) {
                throw new UsageException(command + ": " + file + " applies layer '" + layer.name() + "' more than once; "
                        + command + " takes each layer once");
            }
            Layer c = Layers.fromConfig(layer.config());
            copy.add(c);
            copies.add(c);
        }
        copy.build(model.inputShape());
        for (int i = 0; i < chain.size(); i++) {
            List<Parameter> from = chain.get(i).parameters();
            List<Parameter> to = copies.get(i).parameters();
            for (int k = 0; k < from.size(); k++) {
                to.get(k).assign(from.get(k));
            }
            copies.get(i).loadState(chain.get(i).state());
        }
        model.preprocessing().ifPresent(copy::preprocessing);
        return copy;
    }
}
