package dev.neurona.tensor;

/**
 * Keras's cross-entropy from probabilities, when the probabilities are a softmax's or a
 * sigmoid's output, computed in one fused primitive from the logits they came from: the same
 * loss (probabilities clipped to {@code [ε, 1 − ε]}, clipped entries passing no gradient),
 * with the clip applied to {@code log p} in the log domain, which needs no {@code p} at all,
 * and the gradient straight to the logits in closed form ({@code q·Σy − y} for softmax,
 * {@code σ − y} for sigmoid, inside the clip), so the activation's own backward is skipped.
 * {@link CrossEntropy#categorical} and {@link CrossEntropy#binary} choose this form; it stays
 * finite where the clip makes the probability form finite (logits of {@code ±3e38}).
 * Targets are constants here (a target that requires grad takes the general form).
 */
final class ActivatedCrossEntropy {

    private ActivatedCrossEntropy() {
    }

    /** {@code −Σ_k y_k·log clip(softmax(z)_k)} along the last axis. */
    static Tensor softmax(Tensor logits, Tensor targets, int k, float epsilon) {
        int rows = logits.size() / k;
        double logLo = Math.log(epsilon);
        double logHi = Math.log(1f - epsilon);
        double[] max = new double[rows];
        double[] logSum = new double[rows];
        Tensor out = Graph.op("softmaxCategoricalCrossEntropy", Shape.reduced(logits.shape, logits.shape.length - 1, false),
                o -> {
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
                        loss -= t * Math.min(Math.max(((double) z[base + j] - m) - ls, logLo), logHi);
                    }
                }
                max[r] = m;
                logSum[r] = ls;
                o.array()[r] = (float) loss;
            }
        }, null, logits, targets);
        return Graph.record(out, "softmaxCategoricalCrossEntropy", g -> new Tensor[] {
                Graph.op("softmaxCategoricalCrossEntropy_grad", logits.shape.clone(), dz -> {
            float[] z = logits.array();
            float[] y = targets.array();
            float[] gs = g.array();
            float[] d = dz.array();
            for (int r = 0; r < rows; r++) {
                int base = r * k;
                // dL/dz_j = Σ_k y_k·[k inside]·q_j − y_j·[j inside]
                double inside = 0;
                for (int j = 0; j < k; j++) {
                    double logQ = ((double) z[base + j] - max[r]) - logSum[r];
                    if (y[base + j] != 0f && logQ >= logLo && logQ <= logHi) {
                        inside += y[base + j];
                    }
                }
                for (int j = 0; j < k; j++) {
                    double logQ = ((double) z[base + j] - max[r]) - logSum[r];
                    double own = y[base + j] != 0f && logQ >= logLo && logQ <= logHi ? y[base + j] : 0;
                    d[base + j] = (float) (gs[r] * (inside * Math.exp(logQ) - own));
                }
            }
        }, null, g, logits, targets), null}, logits, targets);
    }

    /** {@code −(y·log clip(σ(z)) + (1 − y)·log(1 − clip(σ(z))))} elementwise. */
    static Tensor sigmoid(Tensor logits, Tensor targets, float epsilon) {
        float lo = epsilon;
        float hi = 1f - epsilon;   // rounded to float, as the probability form's clip
        double logLo = Math.log(lo);
        double logHi = Math.log(hi);
        double logNotLo = Math.log(1.0 - hi);   // 1 − clip(p) lies in [1 − hi, 1 − lo]
        double logNotHi = Math.log(1.0 - lo);
        Tensor out = Graph.op("sigmoidBinaryCrossEntropy", logits.shape.clone(), o -> {
            float[] z = logits.array();
            float[] y = targets.array();
            float[] l = o.array();
            for (int i = 0; i < z.length; i++) {
                double zi = z[i];
                // log σ(z) = −softplus(−z), log(1 − σ(z)) = −softplus(z); clipping p clips both logs
                double logP = Math.min(Math.max(-softplus(-zi), logLo), logHi);
                double logNotP = Math.min(Math.max(-softplus(zi), logNotLo), logNotHi);
                double t = y[i];
                double loss = 0;
                if (t != 0) {
                    loss -= t * logP;
                }
                if (t != 1) {
                    loss -= (1 - t) * logNotP;
                }
                l[i] = (float) loss;
            }
        }, null, logits, targets);
        return Graph.record(out, "sigmoidBinaryCrossEntropy", g -> new Tensor[] {
                Graph.op("sigmoidBinaryCrossEntropy_grad", logits.shape.clone(), dz -> {
            float[] z = logits.array();
            float[] y = targets.array();
            float[] gs = g.array();
            float[] d = dz.array();
            for (int i = 0; i < z.length; i++) {
                double zi = z[i];
                double logP = -softplus(-zi);
                boolean inside = logP >= logLo && logP <= logHi;
                double p = zi >= 0 ? 1 / (1 + Math.exp(-zi)) : Math.exp(zi) / (1 + Math.exp(zi));
                d[i] = inside ? (float) (gs[i] * (p - y[i])) : 0f;
            }
        }, null, g, logits, targets), null}, logits, targets);
    }

    /** {@code log(1 + e^x)} without overflow. */
    private static double softplus(double x) {
        return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
    }
}
