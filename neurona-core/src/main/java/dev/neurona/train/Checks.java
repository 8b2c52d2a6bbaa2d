package dev.neurona.train;

import dev.neurona.tensor.Shape;
import dev.neurona.tensor.Tensor;
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
        float[] d = t.data();
        int rows = t.rank() == 0 ? 1 : t.dim(0);
        int width = d.length / rows;
        for (int i = 0; i < d.length; i++) {
            if (!Float.isFinite(d[i])) {
                throw new IllegalArgumentException(op + ": " + name + " contains " + d[i] + " at row " + (i / width)
                        + ", column " + (i % width) + " (shape " + Shape.toString(t.shape())
                        + "); clean or impute the data first");
            }
        }
    }

    /** Fails when {@code x} and {@code y} hold different numbers of samples. */
    public static void requireSameBatch(String op, Tensor x, Tensor y) {
        if (x.rank() == 0 || y.rank() == 0 || x.dim(0) != y.dim(0)) {
            throw new IllegalArgumentException(op + ": x and y must have the same number of samples, got x "
                    + Shape.toString(x.shape()) + " and y " + Shape.toString(y.shape()));
        }
    }

    /**
     * Per-sample weights from class weights: the class of a sample is the argmax of a one-hot
     * row, or the value of a single-column (binary or sparse) target.
     */
    public static Tensor classWeights(Tensor y, Map<Integer, Double> classWeight) {
        int n = y.dim(0);
        int width = y.size() / n;
        float[] d = y.data();
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
                throw new IllegalArgumentException("classWeight has no weight for class " + cls + " (row " + i
                        + "); give one for every class, got " + classWeight.keySet());
            }
            w[i] = weight.floatValue();
        }
        return Tensor.of(w);
    }
}
