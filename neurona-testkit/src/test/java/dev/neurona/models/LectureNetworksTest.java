package dev.neurona.models;

import static dev.neurona.nn.Layers.dense;
import static dev.neurona.nn.Layers.input;
import static org.assertj.core.api.Assertions.assertThat;

import dev.neurona.optim.Adam;
import dev.neurona.optim.SGD;
import dev.neurona.tensor.Tensor;
import dev.neurona.train.Fit;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The lecture's networks: XOR by combined perceptrons, regression, multivariate regression, binary and multi-class. */
class LectureNetworksTest {

    private static final float[][] XOR_X = {{-1, -1}, {-1, 1}, {1, -1}, {1, 1}};
    private static final float[][] XOR_Y = {{0}, {1}, {1}, {0}};

    @Test
    void xorWithTwoTanhNeuronsAndASigmoid() {
        Sequential xor = new Sequential(input(2), dense(2, "tanh"), dense(1, "sigmoid")).seed(3);
        xor.compile(new SGD(0.5).momentum(0.9), "binary_crossentropy", "accuracy");
        xor.fit(Tensor.of(XOR_X), Tensor.of(XOR_Y), Fit.epochs(500).batchSize(4).verbose(0));
        assertThat(xor.evaluate(Tensor.of(XOR_X), Tensor.of(XOR_Y)).get("accuracy")).isEqualTo(1.0);
        float[] p = xor.predict(Tensor.of(XOR_X)).toArray();
        assertThat(p[0]).isLessThan(0.5f);
        assertThat(p[1]).isGreaterThan(0.5f);
        assertThat(p[2]).isGreaterThan(0.5f);
        assertThat(p[3]).isLessThan(0.5f);
    }

    @Test
    void xorWithFourReluNeurons() {
        Sequential xor = new Sequential(input(2), dense(4, "relu"), dense(1, "sigmoid")).seed(1);
        xor.compile(new Adam(0.05), "binary_crossentropy", "accuracy");
        xor.fit(Tensor.of(XOR_X), Tensor.of(XOR_Y), Fit.epochs(300).batchSize(4).verbose(0));
        assertThat(xor.evaluate(Tensor.of(XOR_X), Tensor.of(XOR_Y)).get("accuracy")).isEqualTo(1.0);
    }

    @Test
    void regressionOfANoisyCurveWithOneLinearOutput() {
        Random r = new Random(5);
        int n = 400;
        float[] x = new float[n];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = -2f + 4f * r.nextFloat();
            y[i] = (float) (Math.sin(1.5 * x[i]) + 0.3 * x[i] + 0.05 * r.nextGaussian());
        }
        Tensor xs = Tensor.of(x, n, 1);
        Tensor ys = Tensor.of(y, n, 1);
        Sequential model = new Sequential(input(1), dense(32, "tanh"), dense(32, "tanh"), dense(1));
        model.compile(new Adam(0.01), "mse", "r2_score");
        model.fit(xs, ys, Fit.epochs(150).batchSize(32).verbose(0));
        Map<String, Double> scores = model.evaluate(xs, ys);
        // noise variance 0.0025 on a target of variance ~0.6: a good fit explains > 97 %
        assertThat(scores.get("r2_score")).isGreaterThan(0.97);
        assertThat(scores.get("loss")).isLessThan(0.02);
    }

    @Test
    void multivariateRegressionWithTwoOutputs() {
        Random r = new Random(6);
        int n = 400;
        float[] x = new float[n * 3];
        float[] y = new float[n * 2];
        for (int i = 0; i < n; i++) {
            float a = r.nextFloat() * 2 - 1;
            float b = r.nextFloat() * 2 - 1;
            float c = r.nextFloat() * 2 - 1;
            x[3 * i] = a;
            x[3 * i + 1] = b;
            x[3 * i + 2] = c;
            y[2 * i] = 2 * a - b + 0.5f * c * c;
            y[2 * i + 1] = a * b + c;
        }
        Sequential model = new Sequential(input(3), dense(32, "relu"), dense(2));
        model.compile(new Adam(0.01), "mse", "mae");
        model.fit(Tensor.of(x, n, 3), Tensor.of(y, n, 2), Fit.epochs(100).verbose(0));
        Map<String, Double> scores = model.evaluate(Tensor.of(x, n, 3), Tensor.of(y, n, 2));
        assertThat(scores.get("mae")).isLessThan(0.08);
    }

    @Test
    void binaryClassificationOfTwoInterleavedMoons() {
        Tensor[] data = twoClassSpiralish(new Random(7), 400);
        Sequential model = new Sequential(input(2), dense(16, "relu"), dense(16, "relu"), dense(1, "sigmoid"));
        model.compile(new Adam(0.01), "binary_crossentropy", "accuracy");
        model.fit(data[0], data[1], Fit.epochs(100).verbose(0));
        assertThat(model.evaluate(data[0], data[1]).get("accuracy")).isGreaterThan(0.95);
    }

    @Test
    void multiClassClassificationOfFourBlobsWithSoftmax() {
        Random r = new Random(8);
        int n = 400;
        float[][] centers = {{-2, -2}, {-2, 2}, {2, -2}, {2, 2}};
        float[] x = new float[n * 2];
        float[] y = new float[n * 4];
        for (int i = 0; i < n; i++) {
            int k = i % 4;
            x[2 * i] = centers[k][0] + (float) (0.7 * r.nextGaussian());
            x[2 * i + 1] = centers[k][1] + (float) (0.7 * r.nextGaussian());
            y[4 * i + k] = 1;
        }
        Sequential model = new Sequential(input(2), dense(16, "relu"), dense(4, "softmax"));
        model.compile(new Adam(0.01), "categorical_crossentropy", "accuracy");
        model.fit(Tensor.of(x, n, 2), Tensor.of(y, n, 4), Fit.epochs(40).verbose(0).validationSplit(0.2));
        // blobs 4σ apart overlap little: the Bayes accuracy is about 99 %
        assertThat(model.evaluate(Tensor.of(x, n, 2), Tensor.of(y, n, 4)).get("accuracy")).isGreaterThan(0.95);
    }

    /** Two classes on interleaved half circles (moons), labels 0/1 as [n, 1]. */
    static Tensor[] twoClassSpiralish(Random r, int n) {
        float[] x = new float[n * 2];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            double t = Math.PI * r.nextDouble();
            boolean upper = i % 2 == 0;
            x[2 * i] = (float) (upper ? Math.cos(t) : 1 - Math.cos(t)) + (float) (0.1 * r.nextGaussian());
            x[2 * i + 1] = (float) (upper ? Math.sin(t) : 0.5 - Math.sin(t)) + (float) (0.1 * r.nextGaussian());
            y[i] = upper ? 0 : 1;
        }
        return new Tensor[] {Tensor.of(x, n, 2), Tensor.of(y, n, 1)};
    }
}
