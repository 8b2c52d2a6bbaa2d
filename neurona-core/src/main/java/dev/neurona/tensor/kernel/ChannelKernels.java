package dev.neurona.tensor.kernel;

/**
 * Batch normalization's passes over a channels-last tensor seen as rows of {@code channels}
 * values (the CPU side of {@link Kernels#channelMoments}, {@link Kernels#channelNormalize},
 * {@link Kernels#channelGradSums} and {@link Kernels#channelLinearGrad}). Statistics and
 * gradient sums are accumulated in double, per channel, rows in order, so that the result does
 * not depend on the batch size's rounding and is the same on every run. A normalization and
 * its input gradient work element by element on a range of whole rows, so the planner can run
 * them tile by tile in a chain with the activation next to them.
 */
final class ChannelKernels {

    private ChannelKernels() {
    }

    /** {@code stats[c]} = the mean of channel c, {@code stats[C + c]} = its biased variance (two passes, in double). */
    static void moments(float[] x, int channels, float[] stats, double[] acc) {
        int rows = x.length / channels;
        java.util.Arrays.fill(acc, 0, 2 * channels, 0.0);
        for (int o = 0; o < x.length; o += channels) {
            for (int c = 0; c < channels; c++) {
                acc[c] += x[o + c];
            }
        }
        for (int c = 0; c < channels; c++) {
            acc[c] /= rows;
        }
        for (int o = 0; o < x.length; o += channels) {
            for (int c = 0; c < channels; c++) {
                double d = x[o + c] - acc[c];
                acc[channels + c] += d * d;
            }
        }
        for (int c = 0; c < channels; c++) {
            stats[c] = (float) acc[c];
            stats[channels + c] = (float) (acc[channels + c] / rows);
        }
    }

    /** {@code y = (x − center[c])·scale[c] + shift[c]} over {@code [from, to)} (whole rows; no shift when null). */
    static void normalize(float[] x, float[] center, float[] scale, float[] shift, float[] y, int channels, int from,
                          int to) {
        for (int o = from; o < to; o += channels) {
            if (shift == null) {
                for (int c = 0; c < channels; c++) {
                    y[o + c] = (x[o + c] - center[c]) * scale[c];
                }
            } else {
                for (int c = 0; c < channels; c++) {
                    y[o + c] = (x[o + c] - center[c]) * scale[c] + shift[c];
                }
            }
        }
    }

    /**
     * Adds rows {@code [from, to)} into {@code acc}: {@code Σ g} per channel into the first half,
     * {@code Σ g·(x − center)} into the second (zeroed when {@code from} is 0); the last range
     * (ending at {@code g.length}) writes them into {@code sums} as floats.
     */
    static void gradSums(float[] g, float[] x, float[] center, float[] sums, double[] acc, int channels, int from,
                         int to) {
        if (from == 0) {
            java.util.Arrays.fill(acc, 0, 2 * channels, 0.0);
        }
        for (int o = from; o < to; o += channels) {
            for (int c = 0; c < channels; c++) {
                float gv = g[o + c];
                acc[c] += gv;
                acc[channels + c] += (double) gv * (x[o + c] - center[c]);
            }
        }
        if (to == g.length) {
            for (int c = 0; c < 2 * channels; c++) {
                sums[c] = (float) acc[c];
            }
        }
    }

    /**
     * {@code out = a[c]·g + b[c]·(x − center[c]) + d[c]} over {@code [from, to)} (whole rows),
     * with {@code coeffs = [a, b, d]} of {@code channels} each: batch normalization's input gradient.
     */
    static void linearGrad(float[] g, float[] x, float[] center, float[] coeffs, float[] out, int channels, int from,
                           int to) {
        int b = channels;
        int d = 2 * channels;
        for (int o = from; o < to; o += channels) {
            for (int c = 0; c < channels; c++) {
                out[o + c] = coeffs[c] * g[o + c] + coeffs[b + c] * (x[o + c] - center[c]) + coeffs[d + c];
            }
        }
    }
}
