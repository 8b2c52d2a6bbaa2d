package dev.neurona.train;

import dev.neurona.data.Dataset;
import dev.neurona.losses.Loss;
import dev.neurona.nn.Layer;
import dev.neurona.tensor.Shape;
import dev.neurona.tensor.Tensor;
import java.util.List;
import java.util.Map;

/** Input checks shared by fit, evaluate and predict, with messages that name the exact place. */
public final class Checks {

    private Checks() {
    }

    /**
     * Fails on the first NaN or infinite value, naming its row and column (the column is the
     * flat index within the row for samples of rank above 1).
     */
    public static void requireFinite(String op, String name, Tensor t) {
        int rows = t.rank() == 0 ? 1 : t.dim(0);
        int width = t.size() / rows;
        t.onHost(d -> {   // once per data set, read in place (no copy of x)
            for (int i = 0; i < d.length; i++) {
                if (!Float.isFinite(d[i])) {
                    throw new IllegalArgumentException(op + ": " + name + " contains " + d[i] + " at row " + (i / width)
                            + ", column " + (i % width) + " (shape " + Shape.toString(t.shape())
                            + "); clean or impute the data first");
                }
            }
        });
    }

    /** Fails when {@code x} and {@code y} hold different numbers of samples. */
    public static void requireSameBatch(String op, Tensor x, Tensor y) {
        if (x.rank() == 0 || y.rank() == 0 || x.dim(0) != y.dim(0)) {
            throw new IllegalArgumentException(op + ": x and y must have the same number of samples, got x "
                    + Shape.toString(x.shape()) + " and y " + Shape.toString(y.shape()));
        }
    }

    /**
     * Checks the targets of a whole data set once, before training or scoring starts (never
     * per step): the model's output layer against the loss (a softmax over one unit is an
     * error; a 2-unit softmax under binary cross-entropy is a warning, logged once), then the
     * loss's shape and target rules ({@link Loss#checkTargetData}, such as 0/1 labels or
     * probabilities for binary cross-entropy). A bad value is reported with its row in
     * {@code data}, which is the caller's own row: the check runs before any split or shuffle.
     *
     * @param name what the targets are called in messages ({@code "y"}, {@code "validation y"})
     * @throws IllegalArgumentException naming the value, its row and the expected form
     */
    public static void requireTargets(String op, String name, Network network, Loss loss, Dataset data) {
        requireFinite(op, name, data.y());
        int[] out = outputShape(network, data.x());
        OutputChecks.check(op, network, 0, loss, out);
        loss.checkTargetData(op + ": " + name, data.y(), out);
    }

    /** The output shape of one sample of {@code x} through the network, or {@code null} when it does not say. */
    static int[] outputShape(Network network, Tensor x) {
        if (x.rank() < 2) {
            return null;
        }
        return network.outputShape(0, java.util.Arrays.copyOfRange(x.shape(), 1, x.rank()));
    }

    /**
     * Checks a whole data set once before training or scoring: as many inputs and targets as
     * the network has inputs and outputs, every value finite, and each output's targets
     * against its loss ({@link #requireTargets}).
     *
     * @param prefix {@code ""} or {@code "validation "}, starting the names in messages
     */
    public static void requireData(String op, String prefix, Network network, Objective objective, Dataset data) {
        if (data.inputs().size() != network.inputCount() || data.targets().size() != network.outputCount()) {
            throw new IllegalArgumentException(op + ": the model has " + network.inputCount() + " input(s) and "
                    + network.outputCount() + " output(s), but the " + prefix + "data has " + data.inputs().size()
                    + " input(s) and " + data.targets().size() + " target(s)");
        }
        boolean single = data.inputs().size() == 1 && data.targets().size() == 1;
        int[] inputShape = null;
        for (int i = 0; i < data.inputs().size(); i++) {
            Tensor x = data.inputs().get(i);
            requireFinite(op, prefix + (single ? "x" : "x[" + i + "]"), x);
            if (x.rank() >= 2 && i == 0) {
                inputShape = java.util.Arrays.copyOfRange(x.shape(), 1, x.rank());
            }
        }
        for (int k = 0; k < data.targets().size(); k++) {
            String name = prefix + (single ? "y" : "y[" + k + "]");
            Tensor y = data.targets().get(k);
            requireFinite(op, name, y);
            int[] out = network.outputShape(k, inputShape);
            OutputChecks.check(op, network, k, objective.loss(k), out);
            objective.loss(k).checkTargetData(op + ": " + name, y, out);
        }
    }

    /**
     * The per-sample weights given for training: the data's own or {@link Fit#sampleWeight}'s
     * (not both), checked to be one finite, non-negative value per sample.
     */
    static Tensor sampleWeights(String op, Dataset data, Fit fit) {
        if (fit.sampleWeight() == null) {
            return data.sampleWeight();
        }
        if (data.sampleWeight() != null) {
            throw new IllegalArgumentException(op + ": the data carries sample weights and Fit.sampleWeight gives others; "
                    + "give them once");
        }
        try {
            return data.sampleWeight(fit.sampleWeight()).sampleWeight();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(op + ": " + e.getMessage().replace("Dataset.sampleWeight: ", "sample weights: "), e);
        }
    }

    /** Sample weights times class weights (either may be absent), or {@code null} for none. */
    static Tensor combinedWeights(String op, Dataset train, Tensor sampleWeights, Map<Integer, Double> classWeight) {
        if (classWeight == null) {
            return sampleWeights;
        }
        if (train.targets().size() != 1) {
            throw new IllegalArgumentException(op + ": class weights need a model of one output; weight the samples "
                    + "with Fit.sampleWeight instead");
        }
        Tensor byClass = classWeights(op, train.y(), classWeight);
        return sampleWeights == null ? byClass : Tensor.of(product(byClass.toArray(), sampleWeights.toArray()));
    }

    private static float[] product(float[] a, float[] b) {
        float[] out = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] * b[i];
        }
        return out;
    }

    /**
     * Per-sample weights from class weights: the class of a sample is the argmax of a one-hot
     * row, or the value of a single-column (binary or sparse) target. Called once with all of
     * the training targets, so that a class without a weight is named by its row of {@code y}.
     *
     * @throws IllegalArgumentException for a class without a weight (naming the first row of it) or a
     *         weight that is negative or not finite
     */
    public static Tensor classWeights(Tensor y, Map<Integer, Double> classWeight) {
        return classWeights(null, y, classWeight);
    }

    /** {@link #classWeights(Tensor, Map)} with {@code op} (such as {@code "fit"}, or {@code null}) starting the messages. */
    public static Tensor classWeights(String op, Tensor y, Map<Integer, Double> classWeight) {
        String where = op == null ? "classWeight" : op + ": classWeight";
        for (Map.Entry<Integer, Double> e : classWeight.entrySet()) {
            Double v = e.getValue();
            if (v == null || !Double.isFinite(v) || v < 0) {
                throw new IllegalArgumentException(where + " for class " + e.getKey() + " is " + v
                        + "; class weights must be finite and >= 0");
            }
        }
        int n = y.dim(0);
        int width = y.size() / n;
        float[] d = y.toArray();
        float[] w = new float[n];
        for (int i = 0; i < n; i++) {
            int cls;
            if (width == 1) {
                cls = Math.round(d[i]);
            } else {
                cls = 0;
                for (int k = 1; k < width; k++) {
                    if (d[i * width + k] > d[i * width + cls]) {
                        cls = k;
                    }
                }
            }
            Double weight = classWeight.get(cls);
            if (weight == null) {
                throw new IllegalArgumentException(where + " has no weight for class " + cls + " (y row " + i
                        + "); give one for every class, got " + classWeight.keySet());
            }
            w[i] = weight.floatValue();
        }
        return Tensor.of(w);
    }
}
