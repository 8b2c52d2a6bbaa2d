package dev.neurona.tensor;

/**
 * The cross-entropy forms as fused primitives, each with its backward beside it: the losses
 * in {@code dev.neurona.losses} build on these instead of composing {@code y·log p} from
 * elementwise ops, because that composition breaks at the edges of the float range. Every
 * form here
 * <ul>
 *   <li>skips the terms whose target is exactly 0: such a term contributes exactly 0, never
 *       {@code 0 × log 0} or {@code 0 × ∞} (= NaN), so a one-hot row with a logit of
 *       {@code −3e38} beside {@code 3e38} has the finite loss it should;</li>
 *   <li>computes in double and rounds once at the end, so that a loss or gradient whose exact
 *       value fits in a float is finite and within a few float ulps of it, for inputs anywhere
 *       in the float range (up to {@code ±Float.MAX_VALUE}); a loss whose exact value exceeds
 *       {@code Float.MAX_VALUE} is {@code +∞}, its correct rounding;</li>
 *   <li>treats the targets as constants unless they require grad (then their gradient,
 *       {@code −log p}, is computed too).</li>
 * </ul>
 * NaN anywhere in a row's input still gives NaN. Predictions and targets must have the same
 * shape; the categorical forms reduce the last axis ({@code [B, K] → [B]}), the binary forms
 * are elementwise.
 */
public final class CrossEntropy {

    private CrossEntropy() {
    }

    /** Computes one gradient of a cross-entropy form into {@code out}, for the output gradient {@code g}. */
    @FunctionalInterface
    private interface GradKernel {
        void run(float[] g, float[] out);
    }

    /** The gradients of a two-input form: each one an op, for the inputs that require grad. */
    private static Node.Backward grads(String op, Tensor prediction, Tensor targets, GradKernel dPrediction,
                                       GradKernel dTargets) {
        return g -> new Tensor[] {
                prediction.requiresGrad ? Graph.op(op + "_grad", prediction.shape.clone(),
                        o -> dPrediction.run(g.array(), o.array()), null, g, prediction, targets) : null,
                targets.requiresGrad ? Graph.op(op + "_target_grad", targets.shape.clone(),
                        o -> dTargets.run(g.array(), o.array()), null, g, prediction, targets) : null};
    }

    /**
     * {@code −Σ_k y_k·log_softmax(z)_k} along the last axis, with the log-softmax as
     * {@code (z − max) − log Σ exp(z − max)}. Gradient {@code Σ_k y_k·softmax(z) − y}.
     */
    public static Tensor softmaxWithLogits(Tensor logits, Tensor targets) {
        int k = classes("softmax cross-entropy", logits, targets);
        int rows = logits.size() / k;
        double[] max = new double[rows];
        double[] logSum = new double[rows];
        Tensor out = Graph.op("softmaxCrossEntropy", Shape.reduced(logits.shape, logits.shape.length - 1, false), o -> {
            float[] z = logits.array();
            float[] y = targets.array();
            for (int r = 0; r < rows; r++) {
                int base = r * k;
                float m = CrossEntropy.rowMax(z, base, k);
                double ls = CrossEntropy.rowLogSumExp(z, base, k, m);
                double loss = 0;
                for (int j = 0; j < k; j++) {
                    float t = y[base + j];
                    if (t != 0f) {
                        loss -= t * (((double) z[base + j] - m) - ls);
                    }
                }
                max[r] = m;
                logSum[r] = ls;
                o.array()[r] = (float) loss;
            }
        }, null, logits, targets);
        return Graph.record(out, "softmaxCrossEntropy", grads("softmaxCrossEntropy", logits, targets, (g, dz) -> {
            float[] z = logits.array();
            float[] y = targets.array();
            for (int r = 0; r < rows; r++) {
                int base = r * k;
                double gr = g[r];
                double ySum = 0;
                for (int j = 0; j < k; j++) {
                    ySum += y[base + j];
                }
                for (int j = 0; j < k; j++) {
                    double logP = ((double) z[base + j] - max[r]) - logSum[r];
                    dz[base + j] = (float) (gr * (ySum * Math.exp(logP) - y[base + j]));
                }
            }
        }, (g, dy) -> {
            float[] z = logits.array();
            for (int r = 0; r < rows; r++) {
                int base = r * k;
                double gr = g[r];
                for (int j = 0; j < k; j++) {
                    double logP = ((double) z[base + j] - max[r]) - logSum[r];
                    dy[base + j] = gr == 0 ? 0f : (float) (-gr * logP);
                }
            }
        }), logits, targets);
    }

    /**
     * Keras's categorical cross-entropy from probabilities along the last axis: each row is
     * divided by its sum, clipped to {@code [epsilon, 1 − epsilon]}, and
     * {@code −Σ_k y_k·log q_k} taken. Clipped entries pass no gradient.
     *
     * <p>When {@code probabilities} is the output of {@link Tensor#softmax(int)} along the last
     * axis, the same loss is computed from that softmax's logits in one fused primitive, with
     * the gradient straight to the logits (see {@code ActivatedCrossEntropy}).
     */
    public static Tensor categorical(Tensor probabilities, Tensor targets, float epsilon) {
        int k = classes("categorical cross-entropy", probabilities, targets);
        if (probabilities.logits != null && probabilities.softmaxOfLogits && !targets.requiresGrad) {
            return ActivatedCrossEntropy.softmax(probabilities.logits, targets, k, epsilon);
        }
        int rows = probabilities.size() / k;
        double lo = epsilon;
        double hi = 1f - epsilon;
        double[] rowSum = new double[rows];
        Tensor out = Graph.op("categoricalCrossEntropy",
                Shape.reduced(probabilities.shape, probabilities.shape.length - 1, false), o -> {
            float[] p = probabilities.array();
            float[] y = targets.array();
            for (int r = 0; r < rows; r++) {
                int base = r * k;
                double sum = 0;
                for (int j = 0; j < k; j++) {
                    sum += p[base + j];
                }
                double loss = 0;
                for (int j = 0; j < k; j++) {
                    float t = y[base + j];
                    if (t != 0f) {
                        loss -= t * Math.log(clip(p[base + j] / sum, lo, hi));
                    }
                }
                rowSum[r] = sum;
                o.array()[r] = (float) loss;
            }
        }, null, probabilities, targets);
        return Graph.record(out, "categoricalCrossEntropy", grads("categoricalCrossEntropy", probabilities, targets,
                (g, dp) -> {
            float[] p = probabilities.array();
            float[] y = targets.array();
            for (int r = 0; r < rows; r++) {
                int base = r * k;
                double gr = g[r];
                double sum = rowSum[r];
                // dL/dq_j = −y_j/q_j inside the clip range; dL/dp_j = (dL/dq_j − Σ_k dL/dq_k·q_k) / sum
                double dotQ = 0;
                for (int j = 0; j < k; j++) {
                    double q = p[base + j] / sum;
                    if (y[base + j] != 0f && q >= lo && q <= hi) {
                        dotQ -= y[base + j];
                    }
                }
                for (int j = 0; j < k; j++) {
                    double q = p[base + j] / sum;
                    boolean inside = q >= lo && q <= hi;
                    double dq = y[base + j] != 0f && inside ? -y[base + j] / q : 0;
                    dp[base + j] = (float) (gr * (dq - dotQ) / sum);
                }
            }
        }, (g, dy) -> {
            float[] p = probabilities.array();
            for (int r = 0; r < rows; r++) {
                int base = r * k;
                double gr = g[r];
                double sum = rowSum[r];
                for (int j = 0; j < k; j++) {
                    double q = p[base + j] / sum;
                    dy[base + j] = gr == 0 ? 0f : (float) (-gr * Math.log(clip(q, lo, hi)));
                }
            }
        }), probabilities, targets);
    }

    /**
     * Binary cross-entropy from logits, elementwise: {@code max(z, 0) − z·y + log(1 + e^−|z|)}
     * (the loss of {@code sigmoid(z)} without ever forming it). Gradient {@code sigmoid(z) − y}.
     */
    public static Tensor binaryWithLogits(Tensor logits, Tensor targets) {
        sameShape("binary cross-entropy", logits, targets);
        Tensor out = Graph.op("binaryCrossEntropyWithLogits", logits.shape.clone(), o -> {
            float[] z = logits.array();
            float[] y = targets.array();
            float[] l = o.array();
            for (int i = 0; i < z.length; i++) {
                double zi = z[i];
                double loss = Math.max(zi, 0) + Math.log1p(Math.exp(-Math.abs(zi)));
                if (y[i] != 0f) {
                    loss -= zi * y[i];
                }
                l[i] = (float) loss;
            }
        }, null, logits, targets);
        return Graph.record(out, "binaryCrossEntropyWithLogits", grads("binaryCrossEntropyWithLogits", logits, targets,
                (g, dz) -> {
            float[] z = logits.array();
            float[] y = targets.array();
            for (int i = 0; i < z.length; i++) {
                double zi = z[i];
                double sigmoid = zi >= 0 ? 1 / (1 + Math.exp(-zi)) : Math.exp(zi) / (1 + Math.exp(zi));
                dz[i] = (float) (g[i] * (sigmoid - y[i]));
            }
        }, (g, dy) -> {
            float[] z = logits.array();
            for (int i = 0; i < z.length; i++) {
                dy[i] = (float) (-(double) g[i] * z[i]);
            }
        }), logits, targets);
    }

    /**
     * Binary cross-entropy from probabilities, elementwise, as Keras:
     * {@code −(y·log p + (1 − y)·log(1 − p))} with {@code p} clipped to
     * {@code [epsilon, 1 − epsilon]}; each term is skipped where its factor ({@code y} or
     * {@code 1 − y}) is 0. Clipped entries pass no gradient. For a sigmoid's output the same
     * loss is computed from its logits in one fused primitive (see {@code ActivatedCrossEntropy}).
     */
    public static Tensor binary(Tensor probabilities, Tensor targets, float epsilon) {
        sameShape("binary cross-entropy", probabilities, targets);
        if (probabilities.logits != null && !probabilities.softmaxOfLogits && !targets.requiresGrad) {
            return ActivatedCrossEntropy.sigmoid(probabilities.logits, targets, epsilon);
        }
        float lo = epsilon;
        float hi = 1f - epsilon;
        Tensor out = Graph.op("binaryCrossEntropy", probabilities.shape.clone(), o -> {
            float[] p = probabilities.array();
            float[] y = targets.array();
            float[] l = o.array();
            for (int i = 0; i < p.length; i++) {
                double pc = Math.min(Math.max(p[i], lo), hi);
                double t = y[i];
                double loss = 0;
                if (t != 0) {
                    loss -= t * Math.log(pc);
                }
                if (t != 1) {
                    loss -= (1 - t) * Math.log(1 - pc);
                }
                l[i] = (float) loss;
            }
        }, null, probabilities, targets);
        return Graph.record(out, "binaryCrossEntropy", grads("binaryCrossEntropy", probabilities, targets, (g, dp) -> {
            float[] p = probabilities.array();
            float[] y = targets.array();
            for (int i = 0; i < p.length; i++) {
                double pc = Math.min(Math.max(p[i], lo), hi);
                double t = y[i];
                dp[i] = p[i] >= lo && p[i] <= hi ? (float) (g[i] * (-t / pc + (1 - t) / (1 - pc))) : 0f;
            }
        }, (g, dy) -> {
            float[] p = probabilities.array();
            for (int i = 0; i < p.length; i++) {
                double pc = Math.min(Math.max(p[i], lo), hi);
                dy[i] = (float) (-(double) g[i] * (Math.log(pc) - Math.log(1 - pc)));
            }
        }), probabilities, targets);
    }

    /** The largest of {@code z[base .. base + k)} (NaN when one is NaN). */
    static float rowMax(float[] z, int base, int k) {
        float m = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < k; j++) {
            m = Math.max(m, z[base + j]);
        }
        return m;
    }

    /** {@code log Σ_j exp(z_j − m)} over the row, in double. */
    static double rowLogSumExp(float[] z, int base, int k, float m) {
        double sum = 0;
        for (int j = 0; j < k; j++) {
            sum += Math.exp((double) z[base + j] - m);
        }
        return Math.log(sum);
    }

    private static double clip(double q, double lo, double hi) {
        return Math.min(Math.max(q, lo), hi);
    }

    /** The number of classes (the last axis) of two tensors of one shape. */
    private static int classes(String op, Tensor prediction, Tensor targets) {
        sameShape(op, prediction, targets);
        if (prediction.shape.length == 0) {
            throw new IllegalArgumentException(op + ": needs a class axis, got a scalar");
        }
        return prediction.shape[prediction.shape.length - 1];
    }

    private static void sameShape(String op, Tensor prediction, Tensor targets) {
        if (!java.util.Arrays.equals(prediction.shape, targets.shape)) {
            throw new IllegalArgumentException(op + ": targets of shape " + Shape.toString(targets.shape)
                    + " for predictions of shape " + Shape.toString(prediction.shape) + "; they must be equal");
        }
    }
}
