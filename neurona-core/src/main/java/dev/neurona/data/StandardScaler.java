package dev.neurona.data;

/**
 * Standardization: each feature to zero mean and unit variance, {@code x' = (x − mean) / std},
 * with the population standard deviation (divide by {@code n}, as scikit-learn). A constant feature
 * (std 0) is only centered (its scale is taken as 1), so it becomes 0 rather than NaN.
 *
 * <pre>{@code
 * StandardScaler scaler = new StandardScaler();
 * Tensor train = scaler.fitTransform(split.train().x());
 * Tensor test = scaler.transform(split.test().x());      // with the training mean and std
 * }</pre>
 */
public final class StandardScaler extends AffineScaler {

    /** An unfitted scaler. */
    public StandardScaler() {
    }

    @Override
    double offset() {
        return 0;
    }

    @Override
    void learn(float[] x, int n, int d, double[] center, double[] scale) {
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                center[j] += x[i * d + j];
            }
        }
        for (int j = 0; j < d; j++) {
            center[j] /= n;
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                double diff = x[i * d + j] - center[j];
                scale[j] += diff * diff;
            }
        }
        for (int j = 0; j < d; j++) {
            double std = Math.sqrt(scale[j] / n);
            scale[j] = std > 0 ? std : 1;
        }
    }

    /** A fitted scaler with these statistics (as a saved {@link TableSchema} holds them). */
    static StandardScaler fitted(double[] mean, double[] std) {
        StandardScaler s = new StandardScaler();
        s.restore(mean, std);
        return s;
    }

    /** The fitted per-feature means. */
    public double[] mean() {
        return center();
    }

    /** The fitted per-feature standard deviations (1 for a constant feature). */
    public double[] std() {
        return scale();
    }
}
