package dev.neurona.data;

import dev.neurona.tensor.Tensor;
import java.util.Random;

/** The lecture's synthetic sets, generated from a seed; see {@link Datasets} for the contract. */
final class Generators {

    private Generators() {
    }

    private static final float[][] CORNERS = {{-1, -1}, {-1, 1}, {1, -1}, {1, 1}};

    static Dataset truthTable(float... targets) {
        float[][] y = new float[4][];
        for (int i = 0; i < 4; i++) {
            y[i] = new float[] {targets[i]};
        }
        return Dataset.of(CORNERS, y);
    }

    static Dataset linearlySeparable(int n, long seed) {
        checkCount("linearlySeparable", n, 2);
        Random random = new Random(seed);
        double angle = random.nextDouble() * 2 * Math.PI;
        double w1 = Math.cos(angle);
        double w2 = Math.sin(angle);
        double b = (random.nextDouble() - 0.5) * 0.5;
        double margin = 0.1;
        float[] x = new float[2 * n];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            int label = i % 2;   // balanced classes
            double a;
            double c;
            double s;
            do {   // rejection sampling in [-1, 1]^2, outside the margin band, on the label's side
                a = random.nextDouble() * 2 - 1;
                c = random.nextDouble() * 2 - 1;
                s = w1 * a + w2 * c + b;
            } while (Math.abs(s) < margin || (s > 0) != (label == 1));
            x[2 * i] = (float) a;
            x[2 * i + 1] = (float) c;
            y[i] = label;
        }
        return Dataset.of(Tensor.of(x, n, 2), Tensor.of(y, n, 1)).shuffle(random.nextLong());
    }

    static Dataset blobs(int n, int centers, double std, long seed) {
        checkCount("blobs", n, centers);
        if (centers < 2) {
            throw new IllegalArgumentException("Datasets.blobs: need at least 2 centers, got " + centers);
        }
        checkNoise("blobs", "std", std);
        Random random = new Random(seed);
        double[][] c = new double[centers][2];
        for (double[] center : c) {
            center[0] = random.nextDouble() * 20 - 10;   // scikit-learn's center box (-10, 10)
            center[1] = random.nextDouble() * 20 - 10;
        }
        float[] x = new float[2 * n];
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) {
            int k = i % centers;
            x[2 * i] = (float) (c[k][0] + std * random.nextGaussian());
            x[2 * i + 1] = (float) (c[k][1] + std * random.nextGaussian());
            ids[i] = k;
        }
        return Dataset.of(Tensor.of(x, n, 2), OneHot.toCategorical(ids, centers)).shuffle(random.nextLong());
    }

    static Dataset moons(int n, double noise, long seed) {
        checkCount("moons", n, 2);
        checkNoise("moons", "noise", noise);
        Random random = new Random(seed);
        int outer = n / 2;
        int inner = n - outer;
        float[] x = new float[2 * n];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            boolean isOuter = i < outer;
            int m = isOuter ? outer : inner;
            int k = isOuter ? i : i - outer;
            double t = m == 1 ? 0 : Math.PI * k / (m - 1);
            double a = isOuter ? Math.cos(t) : 1 - Math.cos(t);
            double b = isOuter ? Math.sin(t) : 0.5 - Math.sin(t);
            x[2 * i] = (float) (a + noise * random.nextGaussian());
            x[2 * i + 1] = (float) (b + noise * random.nextGaussian());
            y[i] = isOuter ? 0 : 1;
        }
        return Dataset.of(Tensor.of(x, n, 2), Tensor.of(y, n, 1)).shuffle(random.nextLong());
    }

    static Dataset circles(int n, double noise, double factor, long seed) {
        checkCount("circles", n, 2);
        checkNoise("circles", "noise", noise);
        if (!(factor > 0 && factor < 1)) {
            throw new IllegalArgumentException("Datasets.circles: factor (inner radius / outer radius) must be in (0, 1), got " + factor);
        }
        Random random = new Random(seed);
        int outer = n / 2;
        int inner = n - outer;
        float[] x = new float[2 * n];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            boolean isOuter = i < outer;
            int m = isOuter ? outer : inner;
            int k = isOuter ? i : i - outer;
            double t = 2 * Math.PI * k / m;
            double r = isOuter ? 1 : factor;
            x[2 * i] = (float) (r * Math.cos(t) + noise * random.nextGaussian());
            x[2 * i + 1] = (float) (r * Math.sin(t) + noise * random.nextGaussian());
            y[i] = isOuter ? 0 : 1;
        }
        return Dataset.of(Tensor.of(x, n, 2), Tensor.of(y, n, 1)).shuffle(random.nextLong());
    }

    static Dataset spirals(int n, int classes, double noise, long seed) {
        checkCount("spirals", n, classes);
        if (classes < 2) {
            throw new IllegalArgumentException("Datasets.spirals: need at least 2 classes, got " + classes);
        }
        checkNoise("spirals", "noise", noise);
        Random random = new Random(seed);
        float[] x = new float[2 * n];
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) {
            int k = i % classes;
            int j = i / classes;
            int m = (n - k + classes - 1) / classes;   // points in class k
            double r = m == 1 ? 1 : (double) j / (m - 1);
            double t = 4.0 * (k + r) + noise * random.nextGaussian();   // each arm turns through 4 radians
            x[2 * i] = (float) (r * Math.sin(t));
            x[2 * i + 1] = (float) (r * Math.cos(t));
            ids[i] = k;
        }
        return Dataset.of(Tensor.of(x, n, 2), OneHot.toCategorical(ids, classes)).shuffle(random.nextLong());
    }

    static Dataset regression1d(int n, double noise, long seed) {
        checkCount("regression1d", n, 1);
        checkNoise("regression1d", "noise", noise);
        Random random = new Random(seed);
        float[] x = new float[n];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            double v = random.nextDouble() * 6 - 3;
            x[i] = (float) v;
            y[i] = (float) (Math.sin(v) + 0.1 * v + noise * random.nextGaussian());
        }
        return Dataset.of(Tensor.of(x, n, 1), Tensor.of(y, n, 1));
    }

    private static void checkCount(String where, int n, int atLeast) {
        if (n < atLeast) {
            throw new IllegalArgumentException("Datasets." + where + ": need at least " + atLeast + " samples, got " + n);
        }
    }

    private static void checkNoise(String where, String name, double value) {
        if (!(value >= 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException("Datasets." + where + ": " + name + " must be finite and >= 0, got " + value);
        }
    }
}
