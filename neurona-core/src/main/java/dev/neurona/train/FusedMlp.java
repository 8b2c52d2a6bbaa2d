package dev.neurona.train;

import dev.neurona.activations.Activation;
import dev.neurona.activations.Elu;
import dev.neurona.activations.Gelu;
import dev.neurona.activations.LeakyRelu;
import dev.neurona.activations.Softmax;
import dev.neurona.losses.BinaryCrossentropy;
import dev.neurona.losses.CategoricalCrossentropy;
import dev.neurona.losses.Loss;
import dev.neurona.losses.MeanSquaredError;
import dev.neurona.nn.Dense;
import dev.neurona.nn.Dropout;
import dev.neurona.nn.Flatten;
import dev.neurona.nn.Input;
import dev.neurona.nn.Layer;
import dev.neurona.nn.Normalization;
import dev.neurona.tensor.Parameter;
import dev.neurona.tensor.Tensor;
import dev.neurona.tensor.kernel.ActivationKernel;
import dev.neurona.tensor.kernel.Backend;
import dev.neurona.tensor.kernel.Gemm;
import dev.neurona.tensor.kernel.Reductions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The fast path for multilayer perceptrons: a stack of Dense layers (optionally after
 * Input, Flatten and one Normalization) run as fused kernels over buffers allocated once
 * per batch size, so that the steady-state training step allocates nothing.
 *
 * <p>Forward: per layer one GEMM, then bias and activation in one pass. Backward: the
 * loss's gradient at the output in closed form (cross-entropy through softmax or sigmoid,
 * mean squared error through any activation), then per layer {@code dW = Xᵀ·dZ} and
 * {@code dX = dZ·Wᵀ} through the GEMM's transpose flags, the bias gradient summed in the
 * same pass. It computes what autograd computes for the same network — forward values
 * bit for bit, gradients up to the order of float additions — and the tests hold it to the
 * autograd path. Anything else (dropout, PReLU, regularizers, sample weights, other losses
 * or activations) returns {@code null} from {@link #compile} and runs through autograd.
 */
public final class FusedMlp {

    /** The loss's gradient forms this path knows. */
    private enum Objective { CCE, CCE_LOGITS, BCE, BCE_LOGITS, MSE }

    /** One Dense layer as the fast path runs it. */
    private record Stage(Dense layer, Activation activation, int in, int out, float[] kernel, float[] bias,
                         Parameter kernelParam, Parameter biasParam, ActivationKernel act, float alpha, boolean softmax) {
    }

    /** The buffers for one batch size. */
    private static final class Buffers {
        final int rows;
        final float[] normalized;
        final float[][] z;
        final float[][] a;
        final float[][] g;
        final Tensor output;

        Buffers(FusedMlp plan, int rows) {
            this.rows = rows;
            normalized = plan.normalization == null ? null : new float[rows * plan.inputWidth];
            int n = plan.stages.length;
            z = new float[n][];
            a = new float[n][];
            g = new float[n][];
            for (int s = 0; s < n; s++) {
                Stage st = plan.stages[s];
                z[s] = new float[rows * st.out];
                a[s] = st.act == ActivationKernel.LINEAR && !st.softmax ? z[s] : new float[rows * st.out];
                g[s] = new float[rows * st.out];
            }
            output = Tensor.wrap(a[n - 1], rows, plan.stages[n - 1].out);
        }
    }

    private static final float EPSILON = 1e-7f;
    /** Buffer sets kept at once: training needs two (full batches and the last one). */
    private static final int MAX_BATCH_SIZES = 4;
    /** How far a categorical target row may sum from 1, as the loss allows. */
    private static final double ROW_SUM_TOLERANCE = 1e-3;

    private final Normalization normalization;
    private final int inputWidth;
    private final Stage[] stages;
    private final Objective objective;
    private final Gemm gemm = Backend.gemm();
    private final Map<Integer, Buffers> buffers = new HashMap<>();
    private Buffers lastBuffers;

    private FusedMlp(Normalization normalization, int inputWidth, Stage[] stages, Objective objective) {
        this.normalization = normalization;
        this.inputWidth = inputWidth;
        this.stages = stages;
        this.objective = objective;
    }

    /**
     * The fast path for {@code layers} trained with {@code loss} (or only run forward for
     * inference, with a {@code null} loss, where dropout layers pass data through), or
     * {@code null} when the network or loss is not one it handles.
     */
    public static FusedMlp compile(List<Layer> layers, Loss loss) {
        if (layers.isEmpty() || !layers.get(0).isBuilt()) {
            return null;
        }
        Normalization normalization = null;
        List<Stage> stages = new java.util.ArrayList<>();
        int width = -1;
        for (Layer layer : layers) {
            if (layer instanceof Input || layer instanceof Flatten || (loss == null && layer instanceof Dropout)) {
                continue;   // no-ops on contiguous rows (dropout too, at inference)
            }
            int[] in = layer.inputShape();
            if (layer instanceof Normalization n && stages.isEmpty() && normalization == null && in.length == 1) {
                normalization = n;
                width = in[0];
            } else if (layer instanceof Dense d && in.length == 1 && d.regularizationLoss() == null) {
                Stage stage = stage(d, in[0]);
                if (stage == null || !d.kernel().trainable() || (d.bias() != null && !d.bias().trainable())) {
                    return null;
                }
                if (width < 0) {
                    width = in[0];
                }
                stages.add(stage);
            } else {
                return null;
            }
        }
        if (stages.isEmpty()) {
            return null;
        }
        for (int s = 0; s < stages.size() - 1; s++) {
            if (stages.get(s).softmax) {
                return null;
            }
        }
        Stage last = stages.get(stages.size() - 1);
        Objective objective = loss == null ? null : objective(loss, last);
        if (loss != null && objective == null) {
            return null;
        }
        return new FusedMlp(normalization, width, stages.toArray(Stage[]::new), objective);
    }

    private static Stage stage(Dense d, int in) {
        Activation a = d.activation();
        ActivationKernel act;
        float alpha = 0f;
        boolean softmax = false;
        if (a instanceof Softmax sm) {
            if (sm.axis() != -1) {
                return null;
            }
            act = ActivationKernel.LINEAR;
            softmax = true;
        } else if (a instanceof LeakyRelu lr) {
            act = ActivationKernel.LEAKY_RELU;
            alpha = (float) lr.alpha();
        } else if (a instanceof Elu elu) {
            act = ActivationKernel.ELU;
            alpha = (float) elu.alpha();
        } else if (a instanceof Gelu gelu) {
            act = gelu.approximate() ? ActivationKernel.GELU_TANH : ActivationKernel.GELU;
        } else {
            act = switch (a.name()) {
                case "linear" -> ActivationKernel.LINEAR;
                case "relu" -> ActivationKernel.RELU;
                case "sigmoid" -> ActivationKernel.SIGMOID;
                case "tanh" -> ActivationKernel.TANH;
                case "selu" -> ActivationKernel.SELU;
                case "softplus" -> ActivationKernel.SOFTPLUS;
                case "softsign" -> ActivationKernel.SOFTSIGN;
                case "silu" -> ActivationKernel.SILU;
                case "hard_sigmoid" -> ActivationKernel.HARD_SIGMOID;
                default -> null;
            };
            if (act == null || a.getClass().getPackage() != Softmax.class.getPackage()) {
                return null;
            }
        }
        Parameter k = d.kernel();
        Parameter b = d.bias();
        return new Stage(d, a, in, d.units(), k.data(), b == null ? null : b.data(), k, b, act, alpha, softmax);
    }

    private static Objective objective(Loss loss, Stage last) {
        boolean linear = last.act == ActivationKernel.LINEAR && !last.softmax;
        if (loss instanceof CategoricalCrossentropy cce && cce.labelSmoothing() == 0) {
            if (!cce.fromLogits() && last.softmax) {
                return Objective.CCE;
            }
            return cce.fromLogits() && linear ? Objective.CCE_LOGITS : null;
        }
        if (loss instanceof BinaryCrossentropy bce && bce.labelSmoothing() == 0) {
            if (!bce.fromLogits() && last.act == ActivationKernel.SIGMOID) {
                return Objective.BCE;
            }
            return bce.fromLogits() && linear ? Objective.BCE_LOGITS : null;
        }
        return loss instanceof MeanSquaredError && !last.softmax ? Objective.MSE : null;
    }

    /** Whether the layers still have the activations this plan was compiled for. */
    public boolean isCurrent() {
        for (Stage s : stages) {
            if (s.layer.activation() != s.activation) {
                return false;
            }
        }
        return true;
    }

    private Buffers buffers(int rows) {
        if (lastBuffers != null && lastBuffers.rows == rows) {
            return lastBuffers;   // the common case, without boxing the batch size for the map
        }
        Buffers b = buffers.get(rows);
        if (b == null) {
            if (buffers.size() >= MAX_BATCH_SIZES) {
                buffers.clear();   // predictions of many different sizes must not keep a buffer set each
            }
            b = new Buffers(this, rows);
            buffers.put(rows, b);
        }
        lastBuffers = b;
        return b;
    }

    /**
     * The network's output for {@code x} ({@code [rows, …]} with {@code inputWidth} values per
     * row), as a tensor over an internal buffer that the next call overwrites.
     */
    public synchronized Tensor forward(Tensor x) {
        return forward(x.data(), 0, x.dim(0));
    }

    /**
     * The output for {@code rows} samples stored in {@code x} from {@code offset} on, as a
     * tensor over an internal buffer that the next call overwrites.
     */
    public synchronized Tensor forward(float[] x, int offset, int rows) {
        Buffers b = buffers(rows);
        forward(x, offset, rows, b);
        return b.output;
    }

    /** The number of values in one input sample. */
    public int inputWidth() {
        return inputWidth;
    }

    /**
     * Whether this plan can train on this batch: {@code y} is {@code [rows, outputs]} and, for
     * categorical cross-entropy, its rows are distributions. Batches it declines go through
     * autograd, whose loss reports what is wrong with them.
     */
    public boolean accepts(Tensor x, Tensor y) {
        int outputs = stages[stages.length - 1].out;
        if (objective == null || y.rank() != 2 || y.dim(0) != x.dim(0) || y.dim(1) != outputs
                || x.size() != x.dim(0) * inputWidth) {
            return false;
        }
        if (objective == Objective.CCE || objective == Objective.CCE_LOGITS) {
            float[] t = y.data();
            for (int r = 0; r < y.dim(0); r++) {
                double sum = 0;
                for (int j = 0; j < outputs; j++) {
                    float v = t[r * outputs + j];
                    if (!(v >= 0f)) {
                        return false;
                    }
                    sum += v;
                }
                if (Math.abs(sum - 1.0) > ROW_SUM_TOLERANCE) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * One training step's gradients on a batch this plan {@link #accepts}: forward, loss, and
     * backward into every parameter's {@link Parameter#grad()}, then the metrics on the
     * batch's predictions.
     *
     * @param accumulate add to the gradients, as autograd does; {@code false} overwrites them
     *        (a training step that would zero them first saves that pass)
     * @return the batch's mean loss
     */
    public synchronized float computeGradients(Tensor x, Tensor y, List<dev.neurona.metrics.Metric> metrics,
                                               boolean accumulate) {
        int rows = x.dim(0);
        Buffers b = buffers(rows);
        forward(x.data(), 0, rows, b);
        float loss = outputGradient(y.data(), rows, b);
        backward(x.data(), rows, b, accumulate);
        for (int i = 0; i < metrics.size(); i++) {
            metrics.get(i).update(y, b.output);
        }
        return loss;
    }

    private void forward(float[] x, int offset, int rows, Buffers b) {
        float[] input = x;
        int inputOffset = offset;
        if (normalization != null) {
            float[] mean = normalization.mean().data();
            float[] variance = normalization.variance().data();
            float[] out = b.normalized;
            for (int r = 0; r < rows; r++) {
                int base = r * inputWidth;
                for (int j = 0; j < inputWidth; j++) {
                    out[base + j] = (x[offset + base + j] - mean[j]) / (float) Math.sqrt(variance[j] + Normalization.EPSILON);
                }
            }
            input = out;
            inputOffset = 0;
        }
        for (int s = 0; s < stages.length; s++) {
            Stage st = stages[s];
            float[] z = b.z[s];
            gemm.gemm(false, false, rows, st.out, st.in, 1f, input, inputOffset, st.in, st.kernel, 0, st.out, 0f, z, 0, st.out);
            inputOffset = 0;
            if (st.bias != null) {
                float[] bias = st.bias;
                for (int r = 0; r < rows; r++) {
                    int base = r * st.out;
                    for (int j = 0; j < st.out; j++) {
                        z[base + j] += bias[j];
                    }
                }
            }
            if (st.softmax) {
                Reductions.softmax(z, rows, st.out, 1, b.a[s]);
            } else {
                st.act.forward(z, b.a[s], rows * st.out, st.alpha);
            }
            input = b.a[s];
        }
    }

    /** The loss, and its gradient with respect to the last pre-activation in {@code g[last]}. */
    private float outputGradient(float[] y, int rows, Buffers b) {
        int last = stages.length - 1;
        Stage st = stages[last];
        int k = st.out;
        int n = rows * k;
        float[] p = b.a[last];
        float[] z = b.z[last];
        float[] g = b.g[last];
        double loss = 0;
        switch (objective) {
            case CCE -> {
                // ∂L/∂p = −y/(B·p) where p lies inside the clip range, then softmax's backward
                for (int i = 0; i < n; i++) {
                    float pc = Math.min(Math.max(p[i], EPSILON), 1f - EPSILON);
                    loss -= y[i] == 0f ? 0 : y[i] * Math.log(pc);
                    g[i] = p[i] >= EPSILON && p[i] <= 1f - EPSILON ? -y[i] / (rows * p[i]) : 0f;
                }
                Reductions.softmaxBackward(p, g, rows, k, 1, g);
                return (float) (loss / rows);
            }
            case CCE_LOGITS -> {
                Reductions.softmax(z, rows, k, 1, g);   // probabilities first, then the gradient in place
                for (int r = 0; r < rows; r++) {
                    double max = Double.NEGATIVE_INFINITY;
                    double ySum = 0;
                    for (int j = 0; j < k; j++) {
                        max = Math.max(max, z[r * k + j]);
                        ySum += y[r * k + j];
                    }
                    double sum = 0;
                    for (int j = 0; j < k; j++) {
                        sum += Math.exp(z[r * k + j] - max);
                    }
                    // (z − max) − log Σ, never z − (max + log Σ): that sum rounds log Σ away for large max
                    double logSum = Math.log(sum);
                    for (int j = 0; j < k; j++) {
                        int i = r * k + j;
                        if (y[i] != 0f) {   // a zero target adds exactly 0, never 0 × −∞
                            loss -= y[i] * ((z[i] - max) - logSum);
                        }
                        g[i] = (float) ((g[i] * ySum - y[i]) / rows);
                    }
                }
                return (float) (loss / rows);
            }
            case BCE -> {
                for (int i = 0; i < n; i++) {
                    float pc = Math.min(Math.max(p[i], EPSILON), 1f - EPSILON);
                    loss -= (y[i] == 0f ? 0 : y[i] * Math.log(pc)) + (y[i] == 1f ? 0 : (1 - y[i]) * Math.log(1 - pc));
                    float dp = p[i] >= EPSILON && p[i] <= 1f - EPSILON ? (-y[i] / p[i] + (1f - y[i]) / (1f - p[i])) / n : 0f;
                    g[i] = dp * p[i] * (1f - p[i]);
                }
                return (float) (loss / n);
            }
            case BCE_LOGITS -> {
                for (int i = 0; i < n; i++) {
                    double zi = z[i];
                    loss += Math.max(zi, 0) - (y[i] == 0f ? 0 : zi * y[i]) + Math.log1p(Math.exp(-Math.abs(zi)));
                    g[i] = (ActivationKernel.sigmoid(z[i]) - y[i]) / n;
                }
                return (float) (loss / n);
            }
            case MSE -> {
                for (int i = 0; i < n; i++) {
                    float d = p[i] - y[i];
                    loss += (double) d * d;
                    g[i] = 2f * d / n;
                }
                st.act.backwardInPlace(z, p, g, n, st.alpha);
                return (float) (loss / n);
            }
            default -> throw new AssertionError(objective);
        }
    }

    /** The parameter's gradient buffer, created (zero) on first use. */
    private static float[] gradient(Parameter p) {
        if (p.grad() == null) {
            p.zeroGrad();
        }
        return p.grad().data();
    }

    /** The number of parameters this plan trains (every Dense layer's kernel and bias). */
    public int parameterCount() {
        int n = 0;
        for (Stage st : stages) {
            n += st.biasParam == null ? 1 : 2;
        }
        return n;
    }

    private void backward(float[] x, int rows, Buffers b, boolean accumulate) {
        for (int s = stages.length - 1; s >= 0; s--) {
            Stage st = stages[s];
            float[] dz = b.g[s];
            float[] input = s > 0 ? b.a[s - 1] : normalization != null ? b.normalized : x;
            gemm.gemm(true, false, st.in, st.out, rows, 1f, input, 0, st.in, dz, 0, st.out, accumulate ? 1f : 0f,
                    gradient(st.kernelParam), 0, st.out);
            if (st.biasParam != null) {
                float[] db = gradient(st.biasParam);
                if (!accumulate) {
                    java.util.Arrays.fill(db, 0f);
                }
                for (int r = 0; r < rows; r++) {
                    int base = r * st.out;
                    for (int j = 0; j < st.out; j++) {
                        db[j] += dz[base + j];
                    }
                }
            }
            if (s > 0) {
                Stage prev = stages[s - 1];
                float[] dPrev = b.g[s - 1];
                gemm.gemm(false, true, rows, st.in, st.out, 1f, dz, 0, st.out, st.kernel, 0, st.out, 0f, dPrev, 0, st.in);
                prev.act.backwardInPlace(b.z[s - 1], b.a[s - 1], dPrev, rows * st.in, prev.alpha);
            }
        }
    }
}
