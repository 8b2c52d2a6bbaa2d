package dev.neurona.tensor.kernel;

import dev.neurona.tensor.kernel.Broadcasting.BinaryOp;
import java.util.Map;
import java.util.TreeMap;

/** A {@link Kernels} decorator that counts the calls of each method and passes them on. */
final class CountingKernels implements Kernels {

    private final Kernels inner;
    private final Map<String, Integer> calls = new TreeMap<>();
    private final Gemm gemm;

    CountingKernels(Kernels inner) {
        this.inner = inner;
        Gemm g = inner.gemm();
        this.gemm = new Gemm() {
            @Override
            public String name() {
                return g.name();
            }

            @Override
            public void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOffset,
                             int lda, float[] b, int bOffset, int ldb, float beta, float[] c, int cOffset, int ldc) {
                count("gemm");
                g.gemm(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc);
            }
        };
    }

    /** Calls per method name so far. */
    Map<String, Integer> calls() {
        return new TreeMap<>(calls);
    }

    int total() {
        return calls.values().stream().mapToInt(Integer::intValue).sum();
    }

    private void count(String method) {
        calls.merge(method, 1, Integer::sum);
    }

    @Override
    public String name() {
        return "counting " + inner.name();
    }

    @Override
    public Gemm gemm() {
        return gemm;
    }

    @Override
    public void matmul(boolean transA, boolean transB, int m, int n, int k, float alpha, Buffer a, int aOffset, int lda,
                       Buffer b, int bOffset, int ldb, float beta, Buffer c, int cOffset, int ldc) {
        count("gemm");
        inner.matmul(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc);
    }

    @Override
    public void binary(BinaryOp op, Broadcasting.Plan plan, Buffer a, Buffer b, Buffer out) {
        count("binary");
        inner.binary(op, plan, a, b, out);
    }

    @Override
    public void expand(Broadcasting.Plan plan, Buffer src, Buffer out) {
        count("expand");
        inner.expand(plan, src, out);
    }

    @Override
    public void reduceTo(Broadcasting.Plan plan, Buffer src, Buffer out) {
        count("reduceTo");
        inner.reduceTo(plan, src, out);
    }

    @Override
    public void binaryRange(BinaryOp op, Broadcasting.Plan plan, Buffer a, Buffer b, Buffer out, int from, int to) {
        count("binaryRange");
        inner.binaryRange(op, plan, a, b, out, from, to);
    }

    @Override
    public void unary(UnaryOp op, float p, float q, Buffer x, Buffer out, int from, int to) {
        count("unary");
        inner.unary(op, p, q, x, out, from, to);
    }

    @Override
    public void unaryBackward(UnaryOp op, float p, float q, Buffer g, Buffer x, Buffer y, Buffer out, int from,
                              int to) {
        count("unaryBackward");
        inner.unaryBackward(op, p, q, g, x, y, out, from, to);
    }

    @Override
    public void activation(ActivationKernel f, float alpha, Buffer x, Buffer y, int from, int to) {
        count("activation");
        inner.activation(f, alpha, x, y, from, to);
    }

    @Override
    public void activationBackward(ActivationKernel f, float alpha, Buffer x, Buffer y, Buffer g, int from, int to) {
        count("activationBackward");
        inner.activationBackward(f, alpha, x, y, g, from, to);
    }

    @Override
    public void sumAll(Buffer x, Buffer out) {
        count("sumAll");
        inner.sumAll(x, out);
    }

    @Override
    public void meanAll(Buffer x, Buffer out) {
        count("meanAll");
        inner.meanAll(x, out);
    }

    @Override
    public void meanAllBackward(Buffer g, Buffer dx) {
        count("meanAllBackward");
        inner.meanAllBackward(g, dx);
    }

    @Override
    public void sumOfSquares(Buffer x, Buffer out) {
        count("sumOfSquares");
        inner.sumOfSquares(x, out);
    }

    @Override
    public void sumOfSquaresBackward(Buffer g, Buffer x, Buffer dx) {
        count("sumOfSquaresBackward");
        inner.sumOfSquaresBackward(g, x, dx);
    }

    @Override
    public void sumOfSquaresBackwardAdd(Buffer g, Buffer x, Buffer dst) {
        count("sumOfSquaresBackwardAdd");
        inner.sumOfSquaresBackwardAdd(g, x, dst);
    }

    @Override
    public void sum(Buffer x, int outer, int n, int inner, Buffer out) {
        count("sum");
        this.inner.sum(x, outer, n, inner, out);
    }

    @Override
    public void mean(Buffer x, int outer, int n, int inner, Buffer out, double[] acc) {
        count("mean");
        this.inner.mean(x, outer, n, inner, out, acc);
    }

    @Override
    public void argExtreme(Buffer x, int outer, int n, int inner, boolean max, int[] out) {
        count("argExtreme");
        this.inner.argExtreme(x, outer, n, inner, max, out);
    }

    @Override
    public void softmax(Buffer x, int outer, int n, int inner, Buffer out) {
        count("softmax");
        this.inner.softmax(x, outer, n, inner, out);
    }

    @Override
    public void logSoftmax(Buffer x, int outer, int n, int inner, Buffer out) {
        count("logSoftmax");
        this.inner.logSoftmax(x, outer, n, inner, out);
    }

    @Override
    public void softmaxBackward(Buffer y, Buffer g, int outer, int n, int inner, Buffer dx) {
        count("softmaxBackward");
        this.inner.softmaxBackward(y, g, outer, n, inner, dx);
    }

    @Override
    public void logSoftmaxBackward(Buffer y, Buffer g, int outer, int n, int inner, Buffer dx) {
        count("logSoftmaxBackward");
        this.inner.logSoftmaxBackward(y, g, outer, n, inner, dx);
    }

    @Override
    public void biasActivation(Buffer a, Buffer bias, Buffer z, Buffer y, int cols, ActivationKernel f, float alpha,
                               int from, int to) {
        count("biasActivation");
        inner.biasActivation(a, bias, z, y, cols, f, alpha, from, to);
    }

    @Override
    public void activationGradColumnSums(Buffer g, Buffer x, Buffer y, Buffer d, Buffer db, int cols,
                                         ActivationKernel f, float alpha, int from, int to) {
        count("activationGradColumnSums");
        inner.activationGradColumnSums(g, x, y, d, db, cols, f, alpha, from, to);
    }

    @Override
    public void conv2d(ConvGeometry g, Buffer x, Buffer kernel, Buffer out, float[] scratch) {
        count("conv2d");
        inner.conv2d(g, x, kernel, out, scratch);
    }

    @Override
    public void conv2dBackwardInput(ConvGeometry g, Buffer dOut, Buffer kernel, Buffer dx, float[] scratch) {
        count("conv2dBackwardInput");
        inner.conv2dBackwardInput(g, dOut, kernel, dx, scratch);
    }

    @Override
    public void conv2dBackwardKernel(ConvGeometry g, Buffer x, Buffer dOut, Buffer dKernel, float[] scratch) {
        count("conv2dBackwardKernel");
        inner.conv2dBackwardKernel(g, x, dOut, dKernel, scratch);
    }

    @Override
    public void maxPool2d(ConvGeometry g, Buffer x, Buffer out) {
        count("maxPool2d");
        inner.maxPool2d(g, x, out);
    }

    @Override
    public void maxPool2dBackward(ConvGeometry g, Buffer x, Buffer out, Buffer dOut, Buffer dx) {
        count("maxPool2dBackward");
        inner.maxPool2dBackward(g, x, out, dOut, dx);
    }

    @Override
    public void avgPool2d(ConvGeometry g, Buffer x, Buffer out) {
        count("avgPool2d");
        inner.avgPool2d(g, x, out);
    }

    @Override
    public void avgPool2dBackward(ConvGeometry g, Buffer dOut, Buffer dx) {
        count("avgPool2dBackward");
        inner.avgPool2dBackward(g, dOut, dx);
    }

    @Override
    public void channelMoments(Buffer x, int channels, Buffer stats, double[] acc) {
        count("channelMoments");
        inner.channelMoments(x, channels, stats, acc);
    }

    @Override
    public void channelNormalize(Buffer x, Buffer center, Buffer scale, Buffer shift, Buffer y, int channels, int from,
                                 int to) {
        count("channelNormalize");
        inner.channelNormalize(x, center, scale, shift, y, channels, from, to);
    }

    @Override
    public void channelGradSums(Buffer g, Buffer x, Buffer center, Buffer sums, double[] acc, int channels, int from,
                                int to) {
        count("channelGradSums");
        inner.channelGradSums(g, x, center, sums, acc, channels, from, to);
    }

    @Override
    public void channelLinearGrad(Buffer g, Buffer x, Buffer center, Buffer coeffs, Buffer out, int channels, int from,
                                  int to) {
        count("channelLinearGrad");
        inner.channelLinearGrad(g, x, center, coeffs, out, channels, from, to);
    }
}
