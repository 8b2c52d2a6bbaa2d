package dev.neurona.tensor.kernel;

import dev.neurona.tensor.kernel.Broadcasting.BinaryOp;

/**
 * The CPU backend of the {@link Kernels} contract: loops the JIT vectorizes, over the GEMM it
 * is given (pure Java, or OpenBLAS from {@code neurona-native}).
 */
public final class CpuKernels implements Kernels {

    private final Gemm gemm;
    private final Convolutions convolutions;

    /** The CPU kernels over {@code gemm}. */
    public CpuKernels(Gemm gemm) {
        if (gemm == null) {
            throw new IllegalArgumentException("CpuKernels: gemm must not be null");
        }
        this.gemm = gemm;
        this.convolutions = new Convolutions(convolutionGemm(gemm));
    }

    /**
     * The system property that chooses the GEMM of the convolutions: {@code java} (the default)
     * or {@code backend} (the chosen backend's, such as OpenBLAS).
     */
    public static final String CONV_GEMM_PROPERTY = "neurona.conv.gemm";

    /**
     * The pure-Java GEMM unless {@link #CONV_GEMM_PROPERTY} is {@code backend}. OpenBLAS ran a
     * convnet's im2col products on real images 5–85× slower than on random data (a first layer's
     * kernel gradient {@code [9, 32]} over 86,528 pixels: 213 ms against 2.5 ms for the pure-Java
     * kernel on the same arrays, single- or multi-threaded), which made a Fashion-MNIST training
     * step 75–600 ms instead of 45; the Java kernel's time does not depend on the values.
     */
    private static Gemm convolutionGemm(Gemm gemm) {
        String choice = System.getProperty(CONV_GEMM_PROPERTY, "java");
        if (choice.equals("backend") || gemm instanceof JavaGemm) {
            return gemm;
        }
        if (!choice.equals("java")) {
            throw new IllegalArgumentException("-D" + CONV_GEMM_PROPERTY + " takes java or backend, got " + choice);
        }
        return new JavaGemm();
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
    public void matmul(boolean transA, boolean transB, int m, int n, int k, float alpha, Buffer a, int aOffset, int lda,
                       Buffer b, int bOffset, int ldb, float beta, Buffer c, int cOffset, int ldc) {
        gemm.gemm(transA, transB, m, n, k, alpha, a.array(), aOffset, lda, b.array(), bOffset, ldb, beta, c.array(),
                cOffset, ldc);
    }

    @Override
    public void binary(BinaryOp op, Broadcasting.Plan plan, Buffer aBuf, Buffer bBuf, Buffer outBuf) {
        float[] a = aBuf.array();
        float[] b = bBuf.array();
        float[] out = outBuf.array();
        plan.binary(op, a, b, out);
    }

    @Override
    public void expand(Broadcasting.Plan plan, Buffer srcBuf, Buffer outBuf) {
        float[] src = srcBuf.array();
        float[] out = outBuf.array();
        plan.expand(src, out);
    }

    @Override
    public void reduceTo(Broadcasting.Plan plan, Buffer srcBuf, Buffer outBuf) {
        float[] src = srcBuf.array();
        float[] out = outBuf.array();
        plan.reduce(src, out);
    }

    @Override
    public void binaryRange(BinaryOp op, Broadcasting.Plan plan, Buffer aBuf, Buffer bBuf, Buffer outBuf, int from, int to) {
        float[] a = aBuf.array();
        float[] b = bBuf.array();
        float[] out = outBuf.array();
        plan.binaryRange(op, a, b, out, from, to);
    }

    @Override
    public void unary(UnaryOp op, float p, float q, Buffer xBuf, Buffer outBuf, int from, int to) {
        float[] x = xBuf.array();
        float[] out = outBuf.array();
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
    public void unaryBackward(UnaryOp op, float p, float q, Buffer gBuf, Buffer xBuf, Buffer yBuf, Buffer outBuf, int from,
                              int to) {
        float[] g = gBuf.array();
        float[] x = xBuf.array();
        float[] y = yBuf.array();
        float[] out = outBuf.array();
        for (int i = from; i < to; i++) {
            out[i] = g[i] * op.derivative(x[i], y[i], p, q);
        }
    }

    @Override
    public void activation(ActivationKernel f, float alpha, Buffer xBuf, Buffer yBuf, int from, int to) {
        float[] x = xBuf.array();
        float[] y = yBuf.array();
        f.forward(x, y, from, to, alpha);
    }

    @Override
    public void activationBackward(ActivationKernel f, float alpha, Buffer xBuf, Buffer yBuf, Buffer gBuf, int from, int to) {
        float[] x = xBuf.array();
        float[] y = yBuf.array();
        float[] g = gBuf.array();
        f.backwardInPlace(x, y, g, from, to, alpha);
    }

    @Override
    public void sumAll(Buffer xBuf, Buffer outBuf) {
        float[] x = xBuf.array();
        float[] out = outBuf.array();
        double s = 0;
        for (float v : x) {
            s += v;
        }
        out[0] = (float) s;
    }

    @Override
    public void meanAll(Buffer xBuf, Buffer outBuf) {
        float[] x = xBuf.array();
        float[] out = outBuf.array();
        double s = 0;
        for (float v : x) {
            s += v;
        }
        out[0] = (float) (s / x.length);
    }

    @Override
    public void meanAllBackward(Buffer gBuf, Buffer dxBuf) {
        float[] g = gBuf.array();
        float[] dx = dxBuf.array();
        java.util.Arrays.fill(dx, g[0] * (1f / dx.length));
    }

    /** Elements per block of {@link #sumOfSquares}: each of its eight float accumulators sums 32 squares. */
    private static final int SQUARES_BLOCK = 256;

    @Override
    public void sumOfSquares(Buffer vBuf, Buffer outBuf) {
        float[] v = vBuf.array();
        float[] out = outBuf.array();
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
    public void sumOfSquaresBackward(Buffer gBuf, Buffer xBuf, Buffer dxBuf) {
        float[] g = gBuf.array();
        float[] x = xBuf.array();
        float[] dx = dxBuf.array();
        float twice = 2f * g[0];
        for (int i = 0; i < dx.length; i++) {
            dx[i] = twice * x[i];
        }
    }

    @Override
    public void sumOfSquaresBackwardAdd(Buffer gBuf, Buffer xBuf, Buffer dstBuf) {
        float[] g = gBuf.array();
        float[] x = xBuf.array();
        float[] dst = dstBuf.array();
        float twice = 2f * g[0];
        for (int i = 0; i < dst.length; i++) {
            dst[i] += twice * x[i];   // the product rounded first, as the unfused pair computes it
        }
    }

    @Override
    public void sum(Buffer xBuf, int outer, int n, int inner, Buffer outBuf) {
        float[] x = xBuf.array();
        float[] out = outBuf.array();
        Reductions.sum(x, outer, n, inner, out);
    }

    @Override
    public void mean(Buffer xBuf, int outer, int n, int inner, Buffer outBuf, double[] acc) {
        float[] x = xBuf.array();
        float[] out = outBuf.array();
        Reductions.mean(x, outer, n, inner, out, acc);
    }

    @Override
    public void argExtreme(Buffer xBuf, int outer, int n, int inner, boolean max, int[] out) {
        float[] x = xBuf.array();
        Reductions.argExtreme(x, outer, n, inner, max, out);
    }

    @Override
    public void softmax(Buffer xBuf, int outer, int n, int inner, Buffer outBuf) {
        float[] x = xBuf.array();
        float[] out = outBuf.array();
        Reductions.softmax(x, outer, n, inner, out);
    }

    @Override
    public void logSoftmax(Buffer xBuf, int outer, int n, int inner, Buffer outBuf) {
        float[] x = xBuf.array();
        float[] out = outBuf.array();
        Reductions.logSoftmax(x, outer, n, inner, out);
    }

    @Override
    public void softmaxBackward(Buffer yBuf, Buffer gBuf, int outer, int n, int inner, Buffer dxBuf) {
        float[] y = yBuf.array();
        float[] g = gBuf.array();
        float[] dx = dxBuf.array();
        Reductions.softmaxBackward(y, g, outer, n, inner, dx);
    }

    @Override
    public void logSoftmaxBackward(Buffer yBuf, Buffer gBuf, int outer, int n, int inner, Buffer dxBuf) {
        float[] y = yBuf.array();
        float[] g = gBuf.array();
        float[] dx = dxBuf.array();
        Reductions.logSoftmaxBackward(y, g, outer, n, inner, dx);
    }

    @Override
    public void biasActivation(Buffer aBuf, Buffer biasBuf, Buffer zBuf, Buffer yBuf, int cols, ActivationKernel f, float alpha,
                               int from, int to) {
        float[] a = aBuf.array();
        float[] bias = biasBuf.array();
        float[] z = zBuf.array();
        float[] y = yBuf.array();
        int block = rowBlock(cols);
        for (int o0 = from; o0 < to; o0 += block) {
            int end = Math.min(to, o0 + block);
            for (int o = o0; o < end; o += cols) {
                for (int c = 0; c < cols; c++) {
                    z[o + c] = a[o + c] + bias[c];
                }
            }
            f.forward(z, y, o0, end, alpha);   // the rows are still in cache
        }
    }

    @Override
    public void activationGradColumnSums(Buffer gBuf, Buffer xBuf, Buffer yBuf, Buffer dBuf, Buffer dbBuf, int cols,
                                         ActivationKernel f, float alpha, int from, int to) {
        float[] g = gBuf.array();
        float[] x = xBuf.array();
        float[] y = yBuf.array();
        float[] d = dBuf.array();
        float[] db = dbBuf.array();
        if (from == 0) {
            java.util.Arrays.fill(db, 0f);
        }
        int block = rowBlock(cols);
        for (int o0 = from; o0 < to; o0 += block) {
            int end = Math.min(to, o0 + block);
            System.arraycopy(g, o0, d, o0, end - o0);
            f.backwardInPlace(x, y, d, o0, end, alpha);
            for (int o = o0; o < end; o += cols) {
                for (int c = 0; c < cols; c++) {
                    db[c] += d[o + c];
                }
            }
        }
    }

    /**
     * The floats of whole rows the fused bias passes handle at a time: rows of a convolution's
     * output are short (its channels), and one activation call per row of 32 spent more time in
     * the loops' set-up than in the arithmetic; blocks of about 2,048 floats stay in cache. The
     * elementwise arithmetic and the order of the column sums are the same as row by row.
     */
    private static int rowBlock(int cols) {
        return Math.max(1, ROW_BLOCK_FLOATS / cols) * cols;
    }

    private static final int ROW_BLOCK_FLOATS = 2048;

    @Override
    public void conv2d(ConvGeometry g, Buffer x, Buffer kernel, Buffer out, float[] scratch) {
        convolutions.forward(g, x.array(), kernel.array(), out.array(), scratch);
    }

    @Override
    public void conv2dBackwardInput(ConvGeometry g, Buffer dOut, Buffer kernel, Buffer dx, float[] scratch) {
        convolutions.backwardInput(g, dOut.array(), kernel.array(), dx.array(), scratch);
    }

    @Override
    public void conv2dBackwardKernel(ConvGeometry g, Buffer x, Buffer dOut, Buffer dKernel, float[] scratch) {
        convolutions.backwardKernel(g, x.array(), dOut.array(), dKernel.array(), scratch);
    }

    @Override
    public void maxPool2d(ConvGeometry g, Buffer x, Buffer out) {
        Pooling.max(g, x.array(), out.array());
    }

    @Override
    public void maxPool2dBackward(ConvGeometry g, Buffer x, Buffer out, Buffer dOut, Buffer dx) {
        Pooling.maxBackward(g, x.array(), out.array(), dOut.array(), dx.array());
    }

    @Override
    public void avgPool2d(ConvGeometry g, Buffer x, Buffer out) {
        Pooling.average(g, x.array(), out.array());
    }

    @Override
    public void avgPool2dBackward(ConvGeometry g, Buffer dOut, Buffer dx) {
        Pooling.averageBackward(g, dOut.array(), dx.array());
    }

    @Override
    public void channelMoments(Buffer x, int channels, Buffer stats, double[] acc) {
        ChannelKernels.moments(x.array(), channels, stats.array(), acc);
    }

    @Override
    public void channelNormalize(Buffer x, Buffer center, Buffer scale, Buffer shift, Buffer y, int channels, int from,
                                 int to) {
        ChannelKernels.normalize(x.array(), center.array(), scale.array(), shift == null ? null : shift.array(),
                y.array(), channels, from, to);
    }

    @Override
    public void channelGradSums(Buffer g, Buffer x, Buffer center, Buffer sums, double[] acc, int channels, int from,
                                int to) {
        ChannelKernels.gradSums(g.array(), x.array(), center.array(), sums.array(), acc, channels, from, to);
    }

    @Override
    public void channelLinearGrad(Buffer g, Buffer x, Buffer center, Buffer coeffs, Buffer out, int channels, int from,
                                  int to) {
        ChannelKernels.linearGrad(g.array(), x.array(), center.array(), coeffs.array(), out.array(), channels, from, to);
    }
}
