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

    /** The binary count, made once. */
    private final BinaryAccuracy.Hits binaryHits = new BinaryAccuracy.Hits();
    /** The categorical kinds, made on first use and reset for each batch, so that an update allocates nothing. */
    private SparseCategoricalAccuracy sparseKind;
    private CategoricalAccuracy categoricalKind;

    public Accuracy() {
        super("accuracy");
    }

    @Override
    public void update(Tensor yTrue, Tensor yPred) {
        int tr = yTrue.rank();   // ranks and dimensions, no shape copies (this runs every step)
        int pr = yPred.rank();
        int classes = pr == 0 ? 1 : yPred.dim(pr - 1);
        if (pr <= 1 || classes == 1) {
            add(binaryHits.count(name(), yTrue, yPred, 0.5f), yPred.size());
            return;
        }
        boolean sparse = tr == 0 || tr == pr - 1 || yTrue.dim(tr - 1) == 1;
        AccuracyMetric kind;
        if (sparse) {
            kind = sparseKind != null ? sparseKind : (sparseKind = new SparseCategoricalAccuracy(name()));
        } else {
            kind = categoricalKind != null ? categoricalKind : (categoricalKind = new CategoricalAccuracy(name()));
        }
        kind.reset();
        kind.update(yTrue, yPred);
        merge(kind.state);
    }

    @Override
    public Map<String, Object> config() {
        return Map.of("name", name(), "class", "accuracy");
    }
}
