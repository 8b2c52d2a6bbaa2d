package dev.neurona.metrics;

import dev.neurona.tensor.HostAccess;
import dev.neurona.tensor.Tensor;
import java.util.Map;

/**
 * The confusion matrix of a {@code K}-class problem: entry {@code [i][j]} counts samples of
 * true class {@code i} predicted as class {@code j} (rows = true, columns = predicted).
 *
 * <p>Targets are class ids ({@code [B]} or {@code [B, 1]}) or one-hot rows ({@code [B, K]},
 * decoded by argmax). Predictions are scores or probabilities ({@code [B, K]}, decoded by
 * argmax), class ids, or for {@code K = 2} single probabilities ({@code > 0.5} is class 1).
 * {@link #matrix()} is the output; {@link #result()} is the accuracy (the diagonal over the
 * total), for logs. The state is the {@code K·K} counts, row-major. Named
 * {@code "confusion_matrix"}.
 */
public final class ConfusionMatrix extends AccumulatingMetric {

    private final int classes;
    /** The decoders of each side, made once with buffers reused from batch to batch, so that an update allocates nothing. */
    private final Decoder predicted = new Decoder("y_pred");
    private final Decoder actual = new Decoder("y_true");

    public ConfusionMatrix(int numClasses) {
        super(checked(numClasses) * numClasses);
        this.classes = numClasses;
    }

    private static int checked(int numClasses) {
        if (numClasses < 2) {
            throw new IllegalArgumentException("confusion_matrix: need at least 2 classes, got " + numClasses);
        }
        return numClasses;
    }

    @Override
    public String name() {
        return "confusion_matrix";
    }

    @Override
    public void update(Tensor yTrue, Tensor yPred) {
        int pn = predicted.decode(yPred);
        int tn = actual.decode(yTrue);
        if (pn != tn) {
            throw new IllegalArgumentException(name() + ": y_true holds " + tn + " samples but y_pred holds " + pn);
        }
        int[] p = predicted.ids;
        int[] t = actual.ids;
        for (int i = 0; i < pn; i++) {
            state[t[i] * classes + p[i]]++;
        }
    }

    /**
     * Decodes one side's class ids into a buffer it keeps (grown, never shrunk): one-hot or
     * score rows by argmax, else class ids or, for two classes, probabilities.
     */
    private final class Decoder implements HostAccess {
        private final String what;
        int[] ids = new int[0];
        /** Whether the values are rows of {@code classes} scores rather than one id per value. */
        private boolean rows;

        Decoder(String what) {
            this.what = what;
        }

        /** Decodes {@code y} into {@link #ids}; the number of ids. */
        int decode(Tensor y) {
            rows = y.rank() >= 2 && y.dim(-1) == classes;
            int length = rows ? y.size() / classes : y.size();
            if (ids.length < length) {
                ids = new int[length];
            }
            y.onHost(this);
            return length;
        }

        @Override
        public void apply(float[] d) {
            if (rows) {
                for (int r = 0; r < d.length / classes; r++) {
                    ids[r] = MetricInputs.argmaxRow(d, r, classes);
                }
                return;
            }
            for (int i = 0; i < d.length; i++) {
                float v = d[i];
                if (v == Math.rint(v) && v >= 0 && v < classes) {
                    ids[i] = (int) v;
                } else if (classes == 2 && v >= 0f && v <= 1f) {
                    ids[i] = v > 0.5f ? 1 : 0;
                } else {
                    throw new IllegalArgumentException(name() + ": " + what + " value " + v + " at index " + i
                            + " is not a class id in [0, " + (classes - 1) + "]");
                }
            }
        }
    }

    /** The counts, {@code [true class][predicted class]}. */
    public int[][] matrix() {
        int[][] m = new int[classes][classes];
        for (int i = 0; i < classes; i++) {
            for (int j = 0; j < classes; j++) {
                m[i][j] = (int) state[i * classes + j];
            }
        }
        return m;
    }

    /** The number of classes K. */
    public int numClasses() {
        return classes;
    }

    /** The accuracy: correct predictions (the diagonal) over all. */
    @Override
    public double result() {
        double diagonal = 0;
        double total = 0;
        for (int i = 0; i < state.length; i++) {
            total += state[i];
            diagonal += i % (classes + 1) == 0 ? state[i] : 0;
        }
        return ratio(diagonal, total);
    }

    @Override
    public Map<String, Object> config() {
        return Map.of("name", name(), "num_classes", classes);
    }
}
