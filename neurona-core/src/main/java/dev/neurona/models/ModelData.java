package dev.neurona.models;

import dev.neurona.data.Dataset;
import dev.neurona.tensor.Shape;
import dev.neurona.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * The data given to fit, evaluate and predict in the model's order: tensors by position
 * checked against the model's input and output counts, a Dataset of named inputs and targets
 * matched to the model's names (a missing or unknown name is an error listing both sides).
 */
final class ModelData {

    private ModelData() {
    }

    /** {@code x} and {@code y} as a dataset, their sample counts checked. */
    static Dataset of(String op, Tensor x, Tensor y) {
        if (x == null || y == null) {
            throw new IllegalArgumentException(op + ": x and y must not be null");
        }
        if (x.rank() == 0 || y.rank() == 0 || x.dim(0) != y.dim(0)) {
            throw new IllegalArgumentException(op + ": x and y must have the same number of samples, got x "
                    + Shape.toString(x.shape()) + " and y " + Shape.toString(y.shape()));
        }
        return Dataset.of(x, y);
    }

    /** Tensors by position as a dataset. */
    static Dataset of(String op, List<Tensor> xs, List<Tensor> ys) {
        if (xs == null || ys == null) {
            throw new IllegalArgumentException(op + ": inputs and targets must not be null");
        }
        try {
            return Dataset.of(xs, ys);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(op + ": " + e.getMessage().replace("Dataset.of: ", ""), e);
        }
    }

    /**
     * {@code data} with its inputs and targets in the order of the model's, matched by name when
     * the dataset names them.
     *
     * @throws IllegalArgumentException when counts differ, a name the model needs is missing, or
     *         the dataset names something the model does not have
     */
    static Dataset ordered(String op, Model model, Dataset data) {
        if (data == null) {
            throw new IllegalArgumentException(op + ": data must not be null");
        }
        List<Tensor> inputs = order(op, "input", model.inputNames(), data.inputNames().orElse(null), data.inputs());
        List<Tensor> targets = order(op, "output", model.outputNames(), data.targetNames().orElse(null), data.targets());
        if (inputs == data.inputs() && targets == data.targets()) {
            return data;
        }
        return Dataset.of(inputs, targets).sampleWeight(data.sampleWeight());
    }

    private static List<Tensor> order(String op, String kind, List<String> wanted, List<String> names, List<Tensor> given) {
        if (given.isEmpty() && kind.equals("output")) {
            return given;   // no targets: for a model's own training step (a GAN); the standard step says it needs them
        }
        if (names == null || (wanted.size() == 1 && given.size() == 1 && names.get(0).equals(wanted.get(0)))) {
            if (given.size() != wanted.size()) {
                throw new IllegalArgumentException(op + ": the model has " + wanted.size() + " " + kind + "(s) " + wanted
                        + ", the data gives " + given.size());
            }
            return given;
        }
        if (wanted.size() == 1 && given.size() == 1) {
            return given;   // one of each: the name is only a label
        }
        for (String name : names) {
            if (!wanted.contains(name)) {
                throw new IllegalArgumentException(op + ": the data names the " + kind + " '" + name + "', which the model "
                        + "does not have; its " + kind + "s: " + wanted);
            }
        }
        List<Tensor> out = new ArrayList<>();
        for (String name : wanted) {
            int i = names.indexOf(name);
            if (i < 0) {
                throw new IllegalArgumentException(op + ": the data lacks the " + kind + " '" + name + "'; it has "
                        + names + ", the model's " + kind + "s are " + wanted);
            }
            out.add(given.get(i));
        }
        return out;
    }
}
