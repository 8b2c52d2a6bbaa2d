package dev.neurona.nn;

import dev.neurona.tensor.Parameter;
import dev.neurona.tensor.Tensor;
import java.util.Map;
import java.util.Random;

/**
 * Standardizes each feature with statistics learned from data, as Keras's
 * {@code Normalization} layer: {@code y = (x − mean) / sqrt(variance + epsilon)}. The mean
 * and variance are non-trainable weights set by {@link #adapt(Tensor)}, so they travel with
 * the model into its file and every later {@code predict} sees the same scaling.
 *
 * <pre>{@code
 * Normalization norm = new Normalization();
 * Sequential model = new Sequential(input(30), norm, dense(16, "relu"), dense(1, "sigmoid"));
 * norm.adapt(train.x());
 * }</pre>
 */
public final class Normalization extends Layer {

    /** Added to the variance before the square root, as Keras. */
    public static final float EPSILON = 1e-7f;

    private Parameter mean;
    private Parameter variance;

    @Override
    protected void createWeights(int[] inputShape, Random random) {
        int features = inputShape[inputShape.length - 1];
        mean = addWeight("mean", Tensor.zeros(features));
        variance = addWeight("variance", Tensor.ones(features));
        mean.trainable(false);
        variance.trainable(false);
    }

    /**
     * Sets the mean and variance of each feature (the last axis) from {@code data}
     * {@code [n, …, features]}; a constant feature gets variance 1 so that it maps to 0.
     *
     * @throws IllegalStateException before the layer is built
     */
    public void adapt(Tensor data) {
        if (!isBuilt()) {
            throw new IllegalStateException(label() + ": build the model (or give it an input shape) before adapt()");
        }
        int features = mean.size();
        if (data.dim(-1) != features) {
            throw new IllegalArgumentException(label() + ": adapt() needs data with " + features
                    + " features in the last axis, got shape " + java.util.Arrays.toString(data.shape()));
        }
        int rows = data.size() / features;
        double[] sum = new double[features];
        double[] squares = new double[features];
        data.onHost(d -> {   // read in place: no copy of the data set
            for (int r = 0; r < rows; r++) {
                for (int f = 0; f < features; f++) {
                    double v = d[r * features + f];
                    sum[f] += v;
                    squares[f] += v * v;
                }
            }
        });
        float[] means = new float[features];
        float[] variances = new float[features];
        for (int f = 0; f < features; f++) {
            double m = sum[f] / rows;
            double var = Math.max(0, squares[f] / rows - m * m);
            means[f] = (float) m;
            variances[f] = var > 0 ? (float) var : 1f;
        }
        mean.assign(means);
        variance.assign(variances);
    }

    /** The per-feature mean, or {@code null} before build. */
    public Parameter mean() {
        return mean;
    }

    /** The per-feature variance, or {@code null} before build. */
    public Parameter variance() {
        return variance;
    }

    @Override
    protected Tensor forward(Tensor x, Mode mode) {
        return x.sub(mean).div(variance.add(EPSILON).sqrt());
    }

    @Override
    protected Map<String, Object> settings() {
        return Map.of();
    }

    @Override
    public long countParams(int[] inputShape) {
        return 2L * inputShape[inputShape.length - 1];
    }
}
