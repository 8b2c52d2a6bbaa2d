package dev.neurona.losses;

import dev.neurona.tensor.CrossEntropy;
import dev.neurona.tensor.Tensor;
import java.util.Map;

/**
 * Binary cross-entropy for 0/1 targets (or probabilities), averaged over the last axis:
 * <pre>
 *   probabilities p:  l = −(y·log p + (1 − y)·log(1 − p)),  p clipped to [1e-7, 1 − 1e-7] (as Keras)
 *   logits z:         l = max(z, 0) − z·y + log(1 + e^−|z|)   (the same with p = sigmoid(z))
 * </pre>
 * The logits form never overflows and keeps full precision where {@code sigmoid} saturates;
 * its gradient is {@code sigmoid(z) − y}. Both forms are {@link CrossEntropy}'s fused
 * primitives: a term whose factor ({@code y} or {@code 1 − y}) is 0 contributes exactly 0, and
 * the loss and its gradient are finite for logits up to {@code ±Float.MAX_VALUE} wherever
 * their exact values are. With label smoothing {@code s}, targets become
 * {@code y·(1 − s) + s/2}. Keras {@code "binary_crossentropy"}.
 *
 * <pre>{@code
 * Loss loss = Losses.binaryCrossentropy(true);      // the last layer has no sigmoid
 * }</pre>
 */
public final class BinaryCrossentropy extends ElementwiseLoss {

    static final float EPSILON = 1e-7f;

    private final boolean fromLogits;
    private final float labelSmoothing;

    /**
     * @param fromLogits whether {@code yPred} holds logits rather than probabilities
     * @param labelSmoothing in {@code [0, 1]}; 0 leaves targets as they are
     */
    public BinaryCrossentropy(boolean fromLogits, double labelSmoothing) {
        this.fromLogits = fromLogits;
        this.labelSmoothing = CategoricalCrossentropy.checkedSmoothing(name(), labelSmoothing);
    }

    /** Probabilities in, no label smoothing. */
    public BinaryCrossentropy() {
        this(false, 0.0);
    }

    @Override
    protected Tensor elementwise(Tensor yTrue, Tensor yPred) {
        Tensor y = labelSmoothing == 0f ? yTrue : yTrue.mul(1f - labelSmoothing).add(0.5f * labelSmoothing);
        return fromLogits ? CrossEntropy.binaryWithLogits(yPred, y) : CrossEntropy.binary(yPred, y, EPSILON);
    }

    /** Targets in [0, 1]: 0/1 labels or probabilities (also with label smoothing, which is applied to them). */
    @Override
    protected void checkTargetValues(String where, Tensor yTrue) {
        float[] d = yTrue.toArray();
        int i = LossChecks.firstOutside(d, 0f, 1f);
        if (i >= 0) {
            float v = d[i];
            throw new IllegalArgumentException(where + " has " + v + " at " + LossChecks.at(yTrue, i) + "; " + name()
                    + " needs targets in [0, 1] (0/1 labels or probabilities); for class ids 0..k-1 use "
                    + "sparse_categorical_crossentropy" + (v == -1f ? ", and map -1/+1 labels to 0/1 (or use hinge)" : ""));
        }
    }

    /** Whether predictions are logits. */
    public boolean fromLogits() {
        return fromLogits;
    }

    /** The label smoothing factor. */
    public double labelSmoothing() {
        return labelSmoothing;
    }

    @Override
    public String name() {
        return "binary_crossentropy";
    }

    @Override
    public Map<String, Object> config() {
        return Map.of("name", name(), "from_logits", fromLogits, "label_smoothing", (double) labelSmoothing);
    }
}
