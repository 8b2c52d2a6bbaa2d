package dev.neurona.tensor.kernel;

/**
 * Reductions along one axis of a row-major array viewed as {@code [outer, n, inner]}
 * ({@code n} the length of the reduced axis), and the softmax family, which normalizes
 * along such an axis. Outputs are {@code [outer, inner]} (or the input's shape for
 * softmax), written, never read. Loops keep the contiguous {@code inner} index innermost so
 * that the JIT can vectorize them.
 */
public final class Reductions {

    private Reductions() {
    }

    /** {@code out[o, i] = Σ_k x[o, k, i]}. */
    public static void sum(float[] x, int outer, int n, int inner, float[] out) {
        java.util.Arrays.fill(out, 0, outer * inner, 0f);
        for (int o = 0; o < outer; o++) {
            int ob = o * inner;
            for (int k = 0; k < n; k++) {
                int xb = (o * n + k) * inner;
                for (int i = 0; i < inner; i++) {
                    out[ob + i] += x[xb + i];
                }
            }
        }
    }

    /**
     * The index along the axis of the first maximum ({@code max == true}) or minimum of each
     * slice; a NaN wins either way (the first one), so that NaN propagates as in PyTorch.
     */
    public static void argExtreme(float[] x, int outer, int n, int inner, boolean max, int[] out) {
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int base = o * n * inner + i;
                int best = 0;
                float bestValue = x[base];
                for (int k = 1; k < n; k++) {
                    float v = x[base + k * inner];
                    if (Float.isNaN(bestValue)) {
                        break;
                    }
                    if (Float.isNaN(v) || (max ? v > bestValue : v < bestValue)) {
                        best = k;
                        bestValue = v;
                    }
                }
                out[o * inner + i] = best;
            }
        }
    }

    /** Numerically stable softmax along the axis: {@code exp(x − max) / Σ exp(x − max)}. */
    public static void softmax(float[] x, int outer, int n, int inner, float[] out) {
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int base = o * n * inner + i;
                float max = Float.NEGATIVE_INFINITY;
                for (int k = 0; k < n; k++) {
                    max = Math.max(max, x[base + k * inner]);
                }
                double sum = 0;
                for (int k = 0; k < n; k++) {
                    float e = (float) Math.exp(x[base + k * inner] - max);
                    out[base + k * inner] = e;
                    sum += e;
                }
                float inv = (float) (1.0 / sum);
                for (int k = 0; k < n; k++) {
                    out[base + k * inner] *= inv;
                }
            }
        }
    }

    /**
     * Numerically stable log-softmax along the axis: {@code (x − max) − log Σ exp(x − max)}, in
     * double and rounded once. The shift is never folded into one number: {@code max + log Σ}
     * rounds away the digits of {@code log Σ} once {@code max} is large (near 1e4 the float
     * spacing is 1e-3, at 3e38 it is 2e31), so equal logits of 3e38 would get a log-probability
     * of 0 instead of {@code −log n}. Logits anywhere in the float range work; an entry whose
     * exact value lies below {@code −Float.MAX_VALUE} (say {@code x = −3e38} beside
     * {@code max = 3e38}) is {@code −∞}, its correct rounding.
     */
    public static void logSoftmax(float[] x, int outer, int n, int inner, float[] out) {
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int base = o * n * inner + i;
                float max = Float.NEGATIVE_INFINITY;
                for (int k = 0; k < n; k++) {
                    max = Math.max(max, x[base + k * inner]);
                }
                double sum = 0;
                for (int k = 0; k < n; k++) {
                    sum += Math.exp((double) x[base + k * inner] - max);
                }
                double logSum = Math.log(sum);
                for (int k = 0; k < n; k++) {
                    out[base + k * inner] = (float) (((double) x[base + k * inner] - max) - logSum);
                }
            }
        }
    }

    /**
     * {@code out[o, i] = (Σ_k x[o, k, i]) / n}, summed in double: the mean of values near
     * {@code Float.MAX_VALUE} stays finite (a float sum would overflow first).
     *
     * @param acc scratch of at least {@code inner} doubles (unused when {@code inner == 1}), so that the
     *        kernel allocates nothing
     */
    public static void mean(float[] x, int outer, int n, int inner, float[] out, double[] acc) {
        for (int o = 0; o < outer; o++) {
            if (inner == 1) {
                double s = 0;
                for (int k = 0; k < n; k++) {
                    s += x[o * n + k];
                }
                out[o] = (float) (s / n);
                continue;
            }
            java.util.Arrays.fill(acc, 0);
            for (int k = 0; k < n; k++) {
                int xb = (o * n + k) * inner;
                for (int i = 0; i < inner; i++) {
                    acc[i] += x[xb + i];
                }
            }
            for (int i = 0; i < inner; i++) {
                out[o * inner + i] = (float) (acc[i] / n);
            }
        }
    }

    /** Softmax backward: {@code dx = y · (g − Σ_k g_k y_k)} along the axis. */
    public static void softmaxBackward(float[] y, float[] g, int outer, int n, int inner, float[] dx) {
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int base = o * n * inner + i;
                double dot = 0;
                for (int k = 0; k < n; k++) {
                    dot += g[base + k * inner] * y[base + k * inner];
                }
                float d = (float) dot;
                for (int k = 0; k < n; k++) {
                    int j = base + k * inner;
                    dx[j] = y[j] * (g[j] - d);
                }
            }
        }
    }

    /** Log-softmax backward: {@code dx = g − exp(y) · Σ_k g_k} along the axis ({@code y} the log-softmax). */
    public static void logSoftmaxBackward(float[] y, float[] g, int outer, int n, int inner, float[] dx) {
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int base = o * n * inner + i;
                double sum = 0;
                for (int k = 0; k < n; k++) {
                    sum += g[base + k * inner];
                }
                float s = (float) sum;
                for (int k = 0; k < n; k++) {
                    int j = base + k * inner;
                    dx[j] = g[j] - (float) Math.exp(y[j]) * s;
                }
            }
        }
    }
}
