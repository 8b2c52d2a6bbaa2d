package dev.neurona.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neurona.activations.Activations;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Log-softmax is {@code (x − max) − log Σ exp(x − max)}, never {@code x − (max + log Σ)}: the
 * folded shift, rounded to a float, lost the digits of {@code log Σ} (0.0005 near 1e4, all of
 * them at 3e38). Held to a reference with the differences exact (BigDecimal) and the rest in
 * double, to 2 float ulps.
 */
class LogSoftmaxPrecisionTest {

    private static double[] exact(float[] x) {
        float max = Float.NEGATIVE_INFINITY;
        for (float v : x) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (float v : x) {
            sum += Math.exp(new BigDecimal(v).subtract(new BigDecimal(max)).doubleValue());
        }
        BigDecimal logSum = new BigDecimal(Math.log(sum));
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = new BigDecimal(x[i]).subtract(new BigDecimal(max)).subtract(logSum, MathContext.DECIMAL128).doubleValue();
        }
        return out;
    }

    private static void assertClose(float[] x, float[] actual) {
        double[] e = exact(x);
        for (int i = 0; i < x.length; i++) {
            float expected = (float) e[i];
            if (Float.isInfinite(expected)) {
                assertThat(actual[i]).isEqualTo(expected);
            } else {
                assertThat(Math.abs(actual[i] - e[i])).as("log_softmax(" + java.util.Arrays.toString(x) + ")[" + i + "] = "
                        + actual[i] + ", exact " + e[i]).isLessThanOrEqualTo(2.0 * Math.ulp(expected));
            }
        }
    }

    @Test
    void logitsNear1e4KeepTheirDigits() {
        Random r = new Random(4);
        for (int t = 0; t < 200; t++) {
            float[] x = new float[5];
            for (int i = 0; i < x.length; i++) {
                x[i] = 1e4f + (float) r.nextGaussian();
            }
            assertClose(x, Tensor.of(x, 1, 5).logSoftmax(-1).data());
            assertClose(x, Activations.logSoftmax().apply(Tensor.of(x, 1, 5)).data());
        }
    }

    @Test
    void logitsAcrossTheFloatRange() {
        float max = Float.MAX_VALUE;
        float[][] rows = {{3e38f, 3e38f}, {max, max, max}, {3e38f, -3e38f}, {-max, max}, {1e30f, 1e30f, 0f},
                {-1e4f, 1e4f, 1e4f}, {0f, 1f, 2f}, {-3e38f, -3e38f}};
        for (float[] x : rows) {
            assertClose(x, Tensor.of(x, 1, x.length).logSoftmax(-1).data());
        }
        assertThat(Tensor.of(new float[] {3e38f, 3e38f}, 1, 2).logSoftmax(-1).data()[0]).isEqualTo((float) -Math.log(2));
    }

    @Test
    void alongAnInnerAxisToo() {
        float[] x = {1e4f, 3e38f, 1e4f + 0.25f, 3e38f};   // [2, 2], softmax over axis 0: columns {1e4, 1e4+.25}, {3e38, 3e38}
        float[] out = Tensor.of(x, 2, 2).logSoftmax(0).data();
        assertClose(new float[] {x[0], x[2]}, new float[] {out[0], out[2]});
        assertClose(new float[] {x[1], x[3]}, new float[] {out[1], out[3]});
    }
}
