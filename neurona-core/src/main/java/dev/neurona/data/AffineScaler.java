package dev.neurona.data;

import dev.neurona.tensor.Shape;
import dev.neurona.tensor.Tensor;

/**
 * The shared mechanics of the scalers: per feature {@code j}, {@code x' = (x − center_j) / scale_j + offset},
 * with statistics computed in double precision.
 */
abstract class AffineScaler implements Scaler {

    private double[] center;
    private double[] scale;

    /** The offset added after scaling (0, or the lower end of a target range). */
    abstract double offset();

    /** Sets {@code center} and {@code scale} (never 0) from the columns of {@code x} {@code [n][d]}, row-major. */
    abstract void learn(float[] x, int n, int d, double[] center, double[] scale);

    @Override
    public Scaler fit(Tensor x) {
        String where = getClass().getSimpleName() + ".fit";
        int d = features(where, x);
        int n = x.dim(0);
        double[] c = new double[d];
        double[] s = new double[d];
        x.onHost(v -> {   // read in place: no copy of the training data
            checkFinite(where, v, d);
            learn(v, n, d, c, s);
        });
        this.center = c;
        this.scale = s;
        return this;
    }

    @Override
    public Tensor transform(Tensor x) {
        String where = getClass().getSimpleName() + ".transform";
        int d = checkFitted(where, x);
        float[] out = x.toArray();
        double offset = offset();
        for (int i = 0; i < out.length; i++) {
            int j = i % d;
            out[i] = (float) ((out[i] - center[j]) / scale[j] + offset);
        }
        return Tensor.of(out, x.shape());
    }

    @Override
    public Tensor inverseTransform(Tensor x) {
        String where = getClass().getSimpleName() + ".inverseTransform";
        int d = checkFitted(where, x);
        float[] out = x.toArray();
        double offset = offset();
        for (int i = 0; i < out.length; i++) {
            int j = i % d;
            out[i] = (float) ((out[i] - offset) * scale[j] + center[j]);
        }
        return Tensor.of(out, x.shape());
    }

    /** Sets fitted statistics directly (a scaler restored from a saved {@link TableSchema}). */
    void restore(double[] center, double[] scale) {
        this.center = center.clone();
        this.scale = scale.clone();
    }

    /** Whether {@link #fit} has run. */
    public boolean isFitted() {
        return center != null;
    }

    double[] center() {
        return checkedState().clone();
    }

    double[] scale() {
        checkedState();
        return scale.clone();
    }

    private double[] checkedState() {
        if (center == null) {
            throw new IllegalStateException(getClass().getSimpleName() + ": call fit(trainingData) first");
        }
        return center;
    }

    private int checkFitted(String where, Tensor x) {
        checkedState();
        int d = features(where, x);
        if (d != center.length) {
            throw new IllegalArgumentException(where + ": the scaler was fitted on " + center.length
                    + " features but x has " + d + " (shape " + Shape.toString(x.shape()) + ")");
        }
        return d;
    }

    private static int features(String where, Tensor x) {
        if (x == null || x.rank() < 1) {
            throw new IllegalArgumentException(where + ": x must have shape [n, …], got "
                    + (x == null ? "null" : Shape.toString(x.shape())));
        }
        return x.size() / x.dim(0);
    }

    private static void checkFinite(String where, float[] v, int d) {
        for (int i = 0; i < v.length; i++) {
            if (!Float.isFinite(v[i])) {
                throw new IllegalArgumentException(where + ": x holds " + v[i] + " at sample " + (i / d) + ", feature "
                        + (i % d) + "; fill or drop missing values first");
            }
        }
    }
}
