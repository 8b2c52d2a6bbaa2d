package dev.neurona.losses;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * Cross-entropy computed as exactly as it can be, for float inputs anywhere in the float
 * range: differences and products of the inputs in {@link BigDecimal} (a float is an exact
 * decimal), transcendental parts ({@code log Σ exp} of non-positive numbers, {@code log1p},
 * the sigmoid) in double, where they cannot overflow. The result is a double, rounded to a
 * float only by the comparison ({@link #assertUlps}): values beyond {@code Float.MAX_VALUE}
 * must come out as infinity, every other one finite and within a few float ulps.
 */
public final class ExactCrossEntropy {

    private static final MathContext MC = MathContext.DECIMAL128;

    private ExactCrossEntropy() {
    }

    private static BigDecimal big(double v) {
        return new BigDecimal(v);
    }

    /**
     * {@code −Σ_j y_j·log softmax(z)_j} and its gradient {@code (Σ y)·softmax(z) − y}:
     * {@code [loss, g_0, …, g_{K−1}]}. With {@code m} the largest logit,
     * {@code −log softmax(z)_j = (z_m − z_j) + log Σ_k exp(z_k − z_m)}.
     */
    public static double[] softmax(float[] z, float[] y) {
        int m = 0;
        for (int j = 1; j < z.length; j++) {
            m = z[j] > z[m] ? j : m;
        }
        double s = 0;
        for (float zk : z) {
            s += Math.exp(big(zk).subtract(big(z[m])).doubleValue());
        }
        BigDecimal delta = big(Math.log(s));
        BigDecimal loss = BigDecimal.ZERO;
        double ySum = 0;
        double[] out = new double[z.length + 1];
        for (int j = 0; j < z.length; j++) {
            BigDecimal minusLogP = big(z[m]).subtract(big(z[j])).add(delta, MC);
            loss = loss.add(big(y[j]).multiply(minusLogP, MC), MC);
            ySum += y[j];
            out[j + 1] = Math.exp(-minusLogP.doubleValue());
        }
        for (int j = 0; j < z.length; j++) {
            out[j + 1] = ySum * out[j + 1] - y[j];
        }
        out[0] = loss.doubleValue();
        return out;
    }

    /**
     * Keras's categorical cross-entropy from probabilities: {@code q = p / Σ p} (exact),
     * clipped to {@code [1e-7, 1 − 1e-7]}, {@code −Σ y log q}; gradient with respect to
     * {@code p}: {@code (dq_j − Σ_k dq_k·q_k) / Σ p} with {@code dq_k = −y_k/q_k} inside the
     * clip range and 0 outside. {@code [loss, g_0, …]}.
     */
    public static double[] categorical(float[] p, float[] y) {
        BigDecimal sum = BigDecimal.ZERO;
        for (float v : p) {
            sum = sum.add(big(v));
        }
        double lo = 1e-7f;
        double hi = 1f - 1e-7f;
        double[] q = new double[p.length];
        double[] dq = new double[p.length];
        double loss = 0;
        double dot = 0;
        for (int j = 0; j < p.length; j++) {
            q[j] = big(p[j]).divide(sum, MC).doubleValue();
            double c = Math.min(Math.max(q[j], lo), hi);
            loss -= y[j] * Math.log(c);
            dq[j] = q[j] >= lo && q[j] <= hi ? -y[j] / q[j] : 0;
            dot += dq[j] * q[j];
        }
        double[] out = new double[p.length + 1];
        out[0] = loss;
        for (int j = 0; j < p.length; j++) {
            out[j + 1] = big(dq[j] - dot).divide(sum, MC).doubleValue();
        }
        return out;
    }

    /** Binary cross-entropy from a logit: {@code [max(z, 0) − z·y + log1p(e^−|z|), sigmoid(z) − y]}. */
    public static double[] binaryLogit(float z, float y) {
        BigDecimal loss = big(Math.max(z, 0f)).subtract(big(z).multiply(big(y)))
                .add(big(Math.log1p(Math.exp(-Math.abs((double) z)))), MC);
        double sigmoid = z >= 0 ? 1 / (1 + Math.exp(-(double) z)) : Math.exp(z) / (1 + Math.exp(z));
        return new double[] {loss.doubleValue(), sigmoid - y};
    }

    /** Keras's binary cross-entropy from a probability clipped to {@code [1e-7, 1 − 1e-7]}, and its gradient (0 where clipped). */
    public static double[] binaryProbability(float p, float y) {
        double lo = 1e-7f;
        double hi = 1f - 1e-7f;
        double c = Math.min(Math.max(p, lo), hi);
        double loss = -(y * Math.log(c) + (1.0 - y) * Math.log(1 - c));
        double grad = p >= lo && p <= hi ? -y / c + (1.0 - y) / (1 - c) : 0;
        return new double[] {loss, grad};
    }

    /**
     * {@code actual} is the float nearest {@code exact} give or take {@code ulps} float ulps:
     * infinite exactly when {@code exact} rounds beyond the float range, finite otherwise.
     */
    public static void assertUlps(String what, float actual, double exact, int ulps) {
        float expected = (float) exact;
        if (Float.isInfinite(expected)) {
            assertThat(actual).as(what + ": exact " + exact + " is beyond the float range").isEqualTo(expected);
            return;
        }
        assertThat(Float.isFinite(actual)).as(what + " = " + actual + " should be finite (exact " + exact + ")").isTrue();
        double tolerance = ulps * (double) Math.ulp(expected);
        assertThat(Math.abs(actual - exact)).as(what + " = " + actual + ", exact " + exact).isLessThanOrEqualTo(tolerance);
    }
}
