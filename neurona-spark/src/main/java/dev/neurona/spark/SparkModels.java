package dev.neurona.spark;

import dev.neurona.models.Model;
import java.util.List;

/**
 * What Spark's training and inference need of a {@link Model} of any kind: one input and one
 * output (a features column in, one output per row back; {@code TrainStep}'s gradient path as
 * Spark uses it takes one of each), its input shape before the first batch, and its output size.
 */
final class SparkModels {

    private SparkModels() {
    }

    /**
     * The model, when it takes one input and gives one output.
     *
     * @throws IllegalArgumentException for null, or naming the counts and the inputs' and outputs' names
     */
    static Model requireSingle(Model model, String who) {
        if (model == null) {
            throw new IllegalArgumentException(who + ": model must not be null");
        }
        if (model.inputCount() != 1 || model.outputCount() != 1) {
            throw new IllegalArgumentException(who + ": the model has " + model.inputCount() + " input(s) "
                    + model.inputNames() + " and " + model.outputCount() + " output(s) " + model.outputNames()
                    + "; Spark feeds one features column to one input and compares one output with the label, so it "
                    + "takes a model of 1 input and 1 output");
        }
        return model;
    }

    /**
     * The input shape (batch excluded): the built model's, else the one its first layer declares
     * (a Sequential's {@code input(…)}, a functional model's {@code Input}), else {@code fallback}
     * (may be null); builds the model for it when it is not built.
     */
    static int[] buildInput(Model model, int[] fallback) {
        if (model.isBuilt()) {
            return model.inputShape();
        }
        int[] shape = model.layers().isEmpty() ? null : model.layers().get(0).declaredInputShape();
        if (shape == null) {
            shape = fallback;
        }
        if (shape != null) {
            model.build(List.of(shape));
        }
        return shape;
    }

    /** The number of values in one sample's output (the model must be built). */
    static int outputSize(Model model) {
        int[] shape = model.outputShape(0, model.inputShape());
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        return Math.toIntExact(n);
    }
}
