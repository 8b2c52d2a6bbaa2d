package dev.neurona.data;

/**
 * Min–max scaling: each feature linearly onto {@code [low, high]} (default {@code [0, 1]}) by its
 * training minimum and maximum, {@code x' = (x − min) / (max − min) · (high − low) + low}. Test
 * values outside the training range map outside {@code [low, high]}. A constant feature maps to
 * {@code low} rather than NaN.
 *
 * <pre>{@code
 * MinMaxScaler scaler = new MinMaxScaler(-1, 1);
 * Tensor y = scaler.fitTransform(train.y());              // regression targets in [-1, 1]
 * Tensor prices = scaler.inverseTransform(model.predict(test.x()));
 * }</pre>
 */
public final class MinMaxScaler extends AffineScaler {

    private final double low;
    private final double high;
    private double[] dataMax;

    /** Scales onto {@code [0, 1]}. */
    public MinMaxScaler() {
        this(0, 1);
    }

    /**
     * Scales onto {@code [low, high]}.
     *
     * @throws IllegalArgumentException unless {@code low < high}, both finite
     */
    public MinMaxScaler(double low, double high) {
        if (!(low < high) || !Double.isFinite(low) || !Double.isFinite(high)) {
            throw new IllegalArgumentException("MinMaxScaler: the range [" + low + ", " + high + "] must have finite low < high");
        }
        this.low = low;
        this.high = high;
    }

    @Override
    double offset() {
        return low;
    }

    @Override
    void learn(float[] x, int n, int d, double[] center, double[] scale) {
        double[] max = new double[d];
        java.util.Arrays.fill(center, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                double v = x[i * d + j];
                center[j] = Math.min(center[j], v);
                max[j] = Math.max(max[j], v);
            }
        }
        this.dataMax = max;
        for (int j = 0; j < d; j++) {
            scale[j] = scaleOf(center[j], max[j], low, high);
        }
    }

    /** A fitted scaler onto {@code [low, high]} with these training minima and maxima (as a saved {@link TableSchema} holds them). */
    static MinMaxScaler fitted(double low, double high, double[] min, double[] max) {
        MinMaxScaler s = new MinMaxScaler(low, high);
        double[] scale = new double[min.length];
        for (int j = 0; j < scale.length; j++) {
            scale[j] = scaleOf(min[j], max[j], low, high);
        }
        s.dataMax = max.clone();
        s.restore(min, scale);
        return s;
    }

    /** The divisor of one feature; a constant feature (no range) keeps its scale. */
    private static double scaleOf(double min, double max, double low, double high) {
        double range = max - min;
        return (range > 0 ? range : 1) / (high - low);
    }

    /** The lower end of the target range. */
    double low() {
        return low;
    }

    /** The upper end of the target range. */
    double high() {
        return high;
    }

    /** The fitted per-feature minima. */
    public double[] dataMin() {
        return center();
    }

    /** The fitted per-feature maxima. */
    public double[] dataMax() {
        center();   // checks that the scaler is fitted
        return dataMax.clone();
    }
}
