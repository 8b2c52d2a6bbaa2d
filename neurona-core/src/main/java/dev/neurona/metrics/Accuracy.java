package dev.neurona.metrics;

import dev.neurona.tensor.Tensor;
import java.util.Map;

/**
 * {@code "accuracy"} that picks its kind from the shapes of each batch, for use where no loss
 * is known: a single output column ({@code ŷ} of {@code [B]} or {@code [B, 1]}) is binary
 * (threshold 0.5), targets with one fewer axis or a trailing 1 are class ids (sparse
 * categorical), anything else is categorical. Where the loss is known,
 * {@link Metrics#get(String, dev.neurona.losses.Loss, int[])} and
 * {@link Metrics#resolve(Metric, dev.neurona.losses.Loss, int[])} choose the kind from it, as
 * Keras does (which also covers multi-label binary cross-entropy).
 */
public final class Accuracy extends AccuracyMetric {

    public Accuracy() {
        super("accuracy");
    }

    @Override
    public void update(Tensor yTrue, Tensor yPred) {
        int[] t = yTrue.shape();
        int[] p = yPred.shape();
        int classes = p.length == 0 ? 1 : p[p.length - 1];
        if (p.length <= 1 || classes == 1) {
            add(BinaryAccuracy.countCorrect(name(), yTrue, yPred, 0.5f), yPred.size());
            return;
        }
        boolean sparse = t.length == 0 || t.length == p.length - 1 || t[t.length - 1] == 1;
        AccuracyMetric kind = sparse ? new SparseCategoricalAccuracy(name()) : new CategoricalAccuracy(name());
        kind.update(yTrue, yPred);
        merge(kind.state);
    }

    @Override
    public Map<String, Object> config() {
        return Map.of("name", name(), "class", "accuracy");
    }
}
