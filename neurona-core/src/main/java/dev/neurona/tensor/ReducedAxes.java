package dev.neurona.tensor;

/**
 * A reduction over several axes, and the loops that walk a tensor against its reduced form.
 * The tensor is seen as runs of {@code len} contiguous elements: along a reduced axis (the
 * last axes are reduced: every element of a run adds into one output entry) or along kept
 * ones (each element of a run goes to consecutive output entries). Each run's first output
 * entry is computed once, here, so the kernels' loops allocate nothing and keep the
 * contiguous index innermost. Sums are taken in double and rounded once.
 */
final class ReducedAxes {

    final int[] shape;
    /** The output shape with the reduced axes kept as 1, and without them. */
    final int[] kept;
    final int[] dropped;
    /** Elements reduced into each output entry. */
    final int count;
    /** Output entries. */
    final int outputs;
    private final int len;
    private final boolean innerReduced;
    private final int[] runOut;

    /**
     * @throws IllegalArgumentException for no axes, an axis out of range, or an axis given twice
     */
    ReducedAxes(String op, int[] shape, int[] axes) {
        if (axes == null || axes.length == 0) {
            throw new IllegalArgumentException(op + ": give at least one axis to reduce (got "
                    + (axes == null ? "null" : "[]") + ")");
        }
        boolean[] reduced = new boolean[shape.length];
        for (int axis : axes) {
            int a = Shape.axis(op, axis, shape.length);
            if (reduced[a]) {
                throw new IllegalArgumentException(op + ": axis " + a + " is given twice in " + Shape.toString(axes)
                        + " (a tensor of rank " + shape.length + "); give each axis once");
            }
            reduced[a] = true;
        }
        this.shape = shape.clone();
        kept = shape.clone();
        int remaining = 0;
        int c = 1;
        for (int d = 0; d < shape.length; d++) {
            if (reduced[d]) {
                kept[d] = 1;
                c *= shape[d];
            } else {
                remaining++;
            }
        }
        count = c;
        dropped = new int[remaining];
        for (int d = 0, j = 0; d < shape.length; d++) {
            if (!reduced[d]) {
                dropped[j++] = shape[d];
            }
        }
        outputs = Shape.size(kept);
        // the innermost block of axes of one kind (size-1 axes belong to either)
        int last = shape.length - 1;
        while (last > 0 && shape[last] == 1) {
            last--;
        }
        innerReduced = reduced[last];
        int l = 1;
        int d = shape.length - 1;
        for (; d >= 0 && (reduced[d] == innerReduced || shape[d] == 1); d--) {
            l *= shape[d];
        }
        len = l;
        int runs = Shape.size(shape) / len;
        runOut = new int[runs];
        // the output entry of each run: an odometer over the axes above the block
        int[] outStride = new int[shape.length];
        for (int a = shape.length - 1, s = 1; a >= 0; a--) {
            outStride[a] = reduced[a] ? 0 : s;
            s *= kept[a];
        }
        int[] counter = new int[d + 1];
        int off = 0;
        for (int r = 0; r < runs; r++) {
            runOut[r] = off;
            off = dev.neurona.tensor.kernel.Odometer.advance(counter, shape, outStride, off, d);
        }
    }

    /** The output shape. */
    int[] shape(boolean keepDims) {
        return (keepDims ? kept : dropped).clone();
    }

    /** {@code acc[o] = Σ x} over the elements reduced into output entry {@code o}. */
    void sum(float[] x, double[] acc) {
        java.util.Arrays.fill(acc, 0);
        for (int r = 0; r < runOut.length; r++) {
            int o = runOut[r];
            int base = r * len;
            if (innerReduced) {
                double s = 0;
                for (int j = 0; j < len; j++) {
                    s += x[base + j];
                }
                acc[o] += s;
            } else {
                for (int j = 0; j < len; j++) {
                    acc[o + j] += x[base + j];
                }
            }
        }
    }

    /** {@code acc[o] = Σ (x − mean[o])²}. */
    void squaredDeviations(float[] x, double[] mean, double[] acc) {
        java.util.Arrays.fill(acc, 0);
        for (int r = 0; r < runOut.length; r++) {
            int o = runOut[r];
            int base = r * len;
            if (innerReduced) {
                double mu = mean[o];
                double s = 0;
                for (int j = 0; j < len; j++) {
                    double v = x[base + j] - mu;
                    s += v * v;
                }
                acc[o] += s;
            } else {
                for (int j = 0; j < len; j++) {
                    double v = x[base + j] - mean[o + j];
                    acc[o + j] += v * v;
                }
            }
        }
    }

    /** {@code acc[o] = max x}; NaN wins. */
    void max(float[] x, double[] acc) {
        java.util.Arrays.fill(acc, Double.NEGATIVE_INFINITY);
        for (int r = 0; r < runOut.length; r++) {
            int o = runOut[r];
            int base = r * len;
            for (int j = 0; j < len; j++) {
                int t = innerReduced ? o : o + j;
                acc[t] = Math.max(acc[t], x[base + j]);
            }
        }
    }

    /** {@code acc[o] = Σ exp(x − shift[o])}. */
    void sumExp(float[] x, double[] shift, double[] acc) {
        java.util.Arrays.fill(acc, 0);
        for (int r = 0; r < runOut.length; r++) {
            int o = runOut[r];
            int base = r * len;
            for (int j = 0; j < len; j++) {
                int t = innerReduced ? o : o + j;
                acc[t] += Math.exp(x[base + j] - shift[t]);
            }
        }
    }

    /** {@code dx = g[o] · scale}: a reduced gradient spread back over the elements it came from. */
    void spread(float[] g, float scale, float[] dx) {
        for (int r = 0; r < runOut.length; r++) {
            int o = runOut[r];
            int base = r * len;
            if (innerReduced) {
                java.util.Arrays.fill(dx, base, base + len, g[o] * scale);
            } else {
                for (int j = 0; j < len; j++) {
                    dx[base + j] = g[o + j] * scale;
                }
            }
        }
    }

    /** {@code dx = g[o] · exp(x − y[o])}: the backward of logsumexp {@code y}. */
    void expBackward(float[] x, float[] y, float[] g, float[] dx) {
        for (int r = 0; r < runOut.length; r++) {
            int o = runOut[r];
            int base = r * len;
            for (int j = 0; j < len; j++) {
                int t = innerReduced ? o : o + j;
                dx[base + j] = (float) (g[t] * Math.exp((double) x[base + j] - y[t]));
            }
        }
    }

    /** {@code dx = g[o] · scale · (x − mean[o])}: the backward of the variance. */
    void deviationBackward(float[] x, double[] mean, float[] g, double scale, float[] dx) {
        for (int r = 0; r < runOut.length; r++) {
            int o = runOut[r];
            int base = r * len;
            for (int j = 0; j < len; j++) {
                int t = innerReduced ? o : o + j;
                dx[base + j] = (float) (g[t] * scale * (x[base + j] - mean[t]));
            }
        }
    }
}
