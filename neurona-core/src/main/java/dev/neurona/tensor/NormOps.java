package dev.neurona.tensor;

import dev.neurona.tensor.kernel.Buffer;
import dev.neurona.tensor.kernel.Kernels;
import dev.neurona.tensor.kernel.Backend;
import java.util.ArrayList;
import java.util.List;

/**
 * Batch normalization over the last axis as fused primitives: one pass for the batch's moments,
 * one for the normalization (a range kernel, so the planner runs it tile by tile with the
 * activation after it), and a backward of one reducing pass ({@code Σ g}, {@code Σ g·(x − μ)})
 * and one elementwise pass, {@code dx = γ/σ · (g − mean(g) − x̂·mean(g·x̂))}, instead of the
 * dozen broadcasting ops and full-size intermediates of the composite. The moments are taken
 * under the op: the backward accounts for their dependence on {@code x}, so no gradient flows
 * through them separately. The backward's ops have no backward of their own (no second
 * derivatives through batch normalization).
 */
final class NormOps {

    private NormOps() {
    }

    static Tensor batchNorm(Tensor x, Tensor gamma, Tensor beta, Parameter movingMean, Parameter movingVariance,
                            float momentum, float epsilon) {
        int channels = channels("batchNorm", x);
        checkVector("batchNorm", "gamma", gamma, channels);
        checkVector("batchNorm", "beta", beta, channels);
        checkVector("batchNorm", "movingMean", movingMean, channels);
        checkVector("batchNorm", "movingVariance", movingVariance, channels);
        if (!(epsilon > 0f) || !Float.isFinite(epsilon)) {
            throw new IllegalArgumentException("batchNorm: epsilon must be a positive float, got " + epsilon);
        }
        if (!(momentum >= 0f && momentum <= 1f)) {
            throw new IllegalArgumentException("batchNorm: momentum must be in [0, 1], got " + momentum);
        }
        Kernels k = Backend.kernels();
        int n = x.size();
        double[] acc = new double[2 * channels];
        Tensor moments = Graph.op("batch_moments", new int[] {2, channels},
                o -> k.channelMoments(x.storage, channels, o.storage, acc), null, x);
        if (movingMean != null) {
            movingAverage(movingMean, moments, 0, momentum);
        }
        if (movingVariance != null) {
            movingAverage(movingVariance, moments, channels, momentum);
        }
        float[] scale = new float[channels];
        float[] shift = new float[channels];
        Buffer scaleBuf = Buffer.wrap(scale);
        Buffer shiftBuf = Buffer.wrap(shift);
        Runnable prepare = () -> {
            float[] m = moments.array();
            float[] g = gamma == null ? null : gamma.array();
            float[] b = beta == null ? null : beta.array();
            for (int c = 0; c < channels; c++) {
                double inv = 1.0 / Math.sqrt((double) m[channels + c] + epsilon);
                scale[c] = (float) (g == null ? inv : g[c] * inv);
                shift[c] = b == null ? 0f : b[c];
            }
        };
        Fusible.Range range = (out, from, to) -> k.channelNormalize(x.storage, moments.storage, scaleBuf, shiftBuf, out,
                channels, from, to);
        Tensor[] inputs = present(x, moments, gamma, beta);
        Tensor y = Graph.op("batch_norm", x.shape.clone(), o -> {
            prepare.run();
            range.run(o.storage, 0, n);
        }, null, new Fusible.Pointwise(range, prepare, channels, n, false), inputs);
        return Graph.record(y, "batch_norm", grad -> {
            Tensor sums = gradSums(k, grad, x, moments, channels);
            Tensor dx = x.requiresGrad ? inputGrad(k, grad, x, moments, sums, gamma, channels, epsilon) : null;
            Tensor dGamma = gamma != null && gamma.requiresGrad ? Graph.op("batch_norm_grad_gamma",
                    new int[] {channels}, o -> {
                        float[] s = sums.array();
                        float[] m = moments.array();
                        float[] d = o.array();
                        for (int c = 0; c < channels; c++) {
                            d[c] = (float) (s[channels + c] / Math.sqrt((double) m[channels + c] + epsilon));
                        }
                    }, null, sums, moments) : null;
            Tensor dBeta = beta != null && beta.requiresGrad ? Graph.op("batch_norm_grad_beta", new int[] {channels},
                    o -> System.arraycopy(sums.array(), 0, o.array(), 0, channels), null, sums) : null;
            return gradients(inputs, dx, gamma, dGamma, beta, dBeta);
        }, inputs);
    }

    /**
     * {@code y = (x − center)·scale + shift} per channel of the last axis: batch normalization in
     * inference (center the moving mean, scale {@code γ/sqrt(σ² + ε)}, shift β), differentiable
     * in all four. A convolution whose output only this reads is folded into it by the planner
     * (the kernel scaled, the shift added after), as inference engines fold batch normalization.
     */
    static Tensor normalizeChannels(Tensor x, Tensor center, Tensor scale, Tensor shift) {
        int channels = channels("normalizeChannels", x);
        if (center == null || scale == null) {
            throw new IllegalArgumentException("normalizeChannels: center and scale must not be null");
        }
        checkVector("normalizeChannels", "center", center, channels);
        checkVector("normalizeChannels", "scale", scale, channels);
        checkVector("normalizeChannels", "shift", shift, channels);
        Kernels k = Backend.kernels();
        int n = x.size();
        Storage shiftStorage = shift == null ? null : shift.storage;
        Fusible.ChannelNormalize fusible = new Fusible.ChannelNormalize(x.storage, center.storage, scale.storage,
                shiftStorage, channels);
        Tensor[] inputs = present(x, center, scale, shift);
        Tensor y = Graph.op("channel_normalize", x.shape.clone(), o -> k.channelNormalize(x.storage, center.storage,
                scale.storage, shiftStorage, o.storage, channels, 0, n), null, fusible, inputs);
        return Graph.record(y, "channel_normalize", grad -> {
            boolean vectors = center.requiresGrad || scale.requiresGrad || shift != null && shift.requiresGrad;
            Tensor sums = vectors ? gradSums(k, grad, x, center, channels) : null;   // only the vectors' gradients read it
            Buffer zeros = Buffer.wrap(new float[channels]);
            Tensor dx = x.requiresGrad ? Graph.op("channel_normalize_grad_input", x.shape.clone(),
                    o -> k.channelNormalize(grad.storage, zeros, scale.storage, null, o.storage, channels, 0, n),
                    null, grad, scale) : null;
            Tensor dCenter = center.requiresGrad ? Graph.op("channel_normalize_grad_center", new int[] {channels},
                    o -> {
                        float[] s = sums.array();
                        float[] sc = scale.array();
                        float[] d = o.array();
                        for (int c = 0; c < channels; c++) {
                            d[c] = -s[c] * sc[c];
                        }
                    }, null, sums, scale) : null;
            Tensor dScale = scale.requiresGrad ? Graph.op("channel_normalize_grad_scale", new int[] {channels},
                    o -> System.arraycopy(sums.array(), channels, o.array(), 0, channels), null, sums) : null;
            Tensor dShift = shift != null && shift.requiresGrad ? Graph.op("channel_normalize_grad_shift",
                    new int[] {channels}, o -> System.arraycopy(sums.array(), 0, o.array(), 0, channels), null, sums)
                    : null;
            return shift == null ? new Tensor[] {dx, dCenter, dScale} : new Tensor[] {dx, dCenter, dScale, dShift};
        }, inputs);
    }

    /** {@code [Σ g, Σ g·(x − center)]} per channel: one reducing pass (a chain's last member). */
    private static Tensor gradSums(Kernels k, Tensor grad, Tensor x, Tensor center, int channels) {
        int n = x.size();
        double[] acc = new double[2 * channels];
        Fusible.Range range = (out, from, to) -> k.channelGradSums(grad.storage, x.storage, center.storage, out, acc,
                channels, from, to);
        return Graph.op("batch_norm_grad_sums", new int[] {2, channels}, o -> range.run(o.storage, 0, n), null,
                new Fusible.Pointwise(range, null, channels, n, true), grad, x, center);
    }

    /** {@code dx = k·g − k·q·(x − μ) − k·mean(g)} with {@code k = γ/σ}, {@code q = Σ g·(x − μ)/(N·σ²)}. */
    private static Tensor inputGrad(Kernels k, Tensor grad, Tensor x, Tensor moments, Tensor sums, Tensor gamma,
                                    int channels, float epsilon) {
        int n = x.size();
        double rows = (double) n / channels;
        float[] coeffs = new float[3 * channels];
        Buffer coeffBuf = Buffer.wrap(coeffs);
        Runnable prepare = () -> {
            float[] m = moments.array();
            float[] s = sums.array();
            float[] g = gamma == null ? null : gamma.array();
            for (int c = 0; c < channels; c++) {
                double var = (double) m[channels + c] + epsilon;
                double kc = (g == null ? 1.0 : g[c]) / Math.sqrt(var);
                double q = s[channels + c] / (rows * var);
                coeffs[c] = (float) kc;
                coeffs[channels + c] = (float) (-kc * q);
                coeffs[2 * channels + c] = (float) (-kc * s[c] / rows);
            }
        };
        Fusible.Range range = (out, from, to) -> k.channelLinearGrad(grad.storage, x.storage, moments.storage, coeffBuf,
                out, channels, from, to);
        Tensor[] reads = gamma == null ? new Tensor[] {grad, x, moments, sums} : new Tensor[] {grad, x, moments, sums, gamma};
        return Graph.op("batch_norm_grad_input", x.shape.clone(), o -> {
            prepare.run();
            range.run(o.storage, 0, n);
        }, null, new Fusible.Pointwise(range, prepare, channels, n, false), reads);
    }

    /** Updates {@code p} from the moments' row at {@code offset}: {@code p = p·momentum + stat·(1 − momentum)}. */
    private static void movingAverage(Parameter p, Tensor moments, int offset, float momentum) {
        float take = 1f - momentum;
        Graph.effect("moving_average", () -> {
            float[] m = p.array();
            float[] v = moments.array();
            for (int i = 0; i < m.length; i++) {
                m[i] = m[i] * momentum + v[offset + i] * take;
            }
        }, p, p, moments);
    }

    private static int channels(String op, Tensor x) {
        if (x == null || x.shape.length < 2) {
            throw new IllegalArgumentException(op + ": the input must be [batch, …, channels] (rank 2 or more), got "
                    + (x == null ? "null" : "shape " + Shape.toString(x.shape)));
        }
        return x.shape[x.shape.length - 1];
    }

    private static void checkVector(String op, String what, Tensor v, int channels) {
        if (v != null && v.size() != channels) {
            throw new IllegalArgumentException(op + ": " + what + " must hold one value per channel (" + channels
                    + "), got shape " + Shape.toString(v.shape));
        }
    }

    private static Tensor[] present(Tensor... tensors) {
        List<Tensor> out = new ArrayList<>();
        for (Tensor t : tensors) {
            if (t != null) {
                out.add(t);
            }
        }
        return out.toArray(new Tensor[0]);
    }

    /** Gradients for {@code [x, moments, gamma?, beta?]} in the order {@link #present} kept them. */
    private static Tensor[] gradients(Tensor[] inputs, Tensor dx, Tensor gamma, Tensor dGamma, Tensor beta,
                                      Tensor dBeta) {
        Tensor[] out = new Tensor[inputs.length];
        out[0] = dx;
        for (int i = 2; i < inputs.length; i++) {
            out[i] = inputs[i] == gamma ? dGamma : inputs[i] == beta ? dBeta : null;
        }
        return out;
    }
}
