package dev.neurona.tensor.kernel;

import dev.neurona.tensor.kernel.Broadcasting.BinaryOp;

/**
 * The CPU backend of the {@link Kernels} contract: loops the JIT vectorizes, over the GEMM it
 * is given (pure Java, or OpenBLAS from {@code neurona-native}).
 */
public final class CpuKernels implements Kernels {

    private final Gemm gemm;

    /** The CPU kernels over {@code gemm}. */
    public CpuKernels(Gemm gemm) {
        if (gemm == null) {
            throw new IllegalArgumentException("CpuKernels: gemm must not be null");
        }
        this.gemm = gemm;
    }

    @Override
    public String name() {
        return "cpu (" + gemm.name() + ")";
    }

    @Override
    public Gemm gemm() {
        return gemm;
    }

    @Override
    public void binary(BinaryOp op, Broadcasting.Plan plan, float[] a, float[] b, float[] out) {
        plan.binary(op, a, b, out);
    }

    @Override
    public void expand(Broadcasting.Plan plan, float[] src, float[] out) {
        plan.expand(src, out);
    }

    @Override
    public void reduceTo(Broadcasting.Plan plan, float[] src, float[] out) {
        plan.reduce(src, out);
    }

    @Override
    public void binaryRange(BinaryOp op, Broadcasting.Plan plan, float[] a, float[] b, float[] out, int from, int to) {
        plan.binaryRange(op, a, b, out, from, to);
    }

    @Override
    public void unary(UnaryOp op, float p, float q, float[] x, float[] out, int from, int to) {
        switch (op) {   // the cheap ones get loops of their own, which the JIT vectorizes
            case NEG -> {
                for (int i = from; i < to; i++) {
                    out[i] = -x[i];
                }
            }
            case SQUARE -> {
                for (int i = from; i < to; i++) {
                    out[i] = x[i] * x[i];
                }
            }
            case ABS -> {
                for (int i = from; i < to; i++) {
                    out[i] = Math.abs(x[i]);
                }
            }
            default -> {
                for (int i = from; i < to; i++) {
                    out[i] = op.apply(x[i], p, q);
                }
            }
        }
    }

    @Override
    public void unaryBackward(UnaryOp op, float p, float q, float[] g, float[] x, float[] y, float[] out, int from,
                              int to) {
        for (int i = from; i < to; i++) {
            out[i] = g[i] * op.derivative(x[i], y[i], p, q);
        }
    }

    @Override
    public void activation(ActivationKernel f, float alpha, float[] x, float[] y, int from, int to) {
        f.forward(x, y, from, to, alpha);
    }

    @Override
    public void activationBackward(ActivationKernel f, float alpha, float[] x, float[] y, float[] g, int from, int to) {
        f.backwardInPlace(x, y, g, from, to, alpha);
    }

    @Override
    public void sumAll(float[] x, float[] out) {
        double s = 0;
        for (float v : x) {
            s += v;
        }
        out[0] = (float) s;
    }

    @Override
    public void meanAll(float[] x, float[] out) {
        double s = 0;
        for (float v : x) {
            s += v;
        }
        out[0] = (float) (s / x.length);
    }

    @Override
    public void meanAllBackward(float[] g, float[] dx) {
        java.util.Arrays.fill(dx, g[0] * (1f / dx.length));
    }

    /** Elements per block of {@link #sumOfSquares}: each of its eight float accumulators sums 32 squares. */
    private static final int SQUARES_BLOCK = 256;

    @Override
    public void sumOfSquares(float[] v, float[] out) {
        // eight independent float fma chains per block of 256 (at most 32 terms each: relative
        // error below 2e-6, typically 1e-8), the blocks added in double: about 3x the speed of
        // four double chains, which cannot keep up with the loads
        double total = 0;
        int n = v.length;
        int whole = n - n % 8;
        int i = 0;
        while (i < whole) {
            int end = Math.min(whole, i + SQUARES_BLOCK);
            float s0 = 0f;
            float s1 = 0f;
            float s2 = 0f;
            float s3 = 0f;
            float s4 = 0f;
            float s5 = 0f;
            float s6 = 0f;
            float s7 = 0f;
            for (; i < end; i += 8) {
                s0 = Math.fma(v[i], v[i], s0);
                s1 = Math.fma(v[i + 1], v[i + 1], s1);
                s2 = Math.fma(v[i + 2], v[i + 2], s2);
                s3 = Math.fma(v[i + 3], v[i + 3], s3);
                s4 = Math.fma(v[i + 4], v[i + 4], s4);
                s5 = Math.fma(v[i + 5], v[i + 5], s5);
                s6 = Math.fma(v[i + 6], v[i + 6], s6);
                s7 = Math.fma(v[i + 7], v[i + 7], s7);
            }
            total += (((double) s0 + s1) + ((double) s2 + s3)) + (((double) s4 + s5) + ((double) s6 + s7));
        }
        for (; i < n; i++) {
            total += (double) v[i] * v[i];
        }
        out[0] = (float) total;
    }

    @Override
    public void sumOfSquaresBackward(float[] g, float[] x, float[] dx) {
        float twice = 2f * g[0];
        for (int i = 0; i < dx.length; i++) {
            dx[i] = twice * x[i];
        }
    }

    @Override
    public void sumOfSquaresBackwardAdd(float[] g, float[] x, float[] dst) {
        float twice = 2f * g[0];
        for (int i = 0; i < dst.length; i++) {
            dst[i] += twice * x[i];   // the product rounded first, as the unfused pair computes it
        }
    }

    @Override
    public void sum(float[] x, int outer, int n, int inner, float[] out) {
        Reductions.sum(x, outer, n, inner, out);
    }

    @Override
    public void mean(float[] x, int outer, int n, int inner, float[] out, double[] acc) {
        Reductions.mean(x, outer, n, inner, out, acc);
    }

    @Override
    public void argExtreme(float[] x, int outer, int n, int inner, boolean max, int[] out) {
        Reductions.argExtreme(x, outer, n, inner, max, out);
    }

    @Override
    public void softmax(float[] x, int outer, int n, int inner, float[] out) {
        Reductions.softmax(x, outer, n, inner, out);
    }

    @Override
    public void logSoftmax(float[] x, int outer, int n, int inner, float[] out) {
        Reductions.logSoftmax(x, outer, n, inner, out);
    }

    @Override
    public void softmaxBackward(float[] y, float[] g, int outer, int n, int inner, float[] dx) {
        Reductions.softmaxBackward(y, g, outer, n, inner, dx);
    }

    @Override
    public void logSoftmaxBackward(float[] y, float[] g, int outer, int n, int inner, float[] dx) {
        Reductions.logSoftmaxBackward(y, g, outer, n, inner, dx);
    }

    @Override
    public void biasActivation(float[] a, float[] bias, float[] z, float[] y, int cols, ActivationKernel f, float alpha,
                               int from, int to) {
        for (int o = from; o < to; o += cols) {
            for (int c = 0; c < cols; c++) {
                z[o + c] = a[o + c] + bias[c];
            }
            f.forward(z, y, o, o + cols, alpha);   // the row is still in cache
        }
    }

    @Override
    public void activationGradColumnSums(float[] g, float[] x, float[] y, float[] d, float[] db, int cols,
                                         ActivationKernel f, float alpha, int from, int to) {
        if (from == 0) {
            java.util.Arrays.fill(db, 0f);
        }
        for (int o = from; o < to; o += cols) {
            System.arraycopy(g, o, d, o, cols);
            f.backwardInPlace(x, y, d, o, o + cols, alpha);
            for (int c = 0; c < cols; c++) {
                db[c] += d[o + c];
            }
        }
    }
}
