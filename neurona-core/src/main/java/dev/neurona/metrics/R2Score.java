package dev.neurona.metrics;

import dev.neurona.tensor.HostAccess;
import dev.neurona.tensor.Tensor;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * Coefficient of determination per output column {@code j}:
 * {@code R²_j = 1 − SS_res,j / SS_tot,j}, with {@code SS_res = Σ(y − ŷ)²} and
 * {@code SS_tot = Σ(y − ȳ)²}; 1 is a perfect fit, 0 predicting the mean, negative worse than
 * that. Columns are combined by {@link Aggregation#UNIFORM_AVERAGE} (the plain mean, Keras's
 * {@code R2Score} default) or {@link Aggregation#VARIANCE_WEIGHTED}. A column with constant
 * targets scores 1 if predicted exactly, else 0 (scikit-learn's convention).
 *
 * <p>The state is four sums per column, {@code [n, Σy, Σy², SS_res]}; it is empty until the
 * first update fixes the number of columns ({@code ŷ}'s last axis; one column for {@code [B]}).
 * Named {@code "r2_score"}.
 */
public final class R2Score implements Metric {

    /** How per-column scores combine into one number. */
    public enum Aggregation {
        /** The plain mean over columns. */
        UNIFORM_AVERAGE,
        /** The mean weighted by each column's {@code SS_tot}: {@code 1 − Σ SS_res / Σ SS_tot}. */
        VARIANCE_WEIGHTED
    }

    private static final int SUMS = 4;

    private final Aggregation aggregation;
    private double[] state = new double[0];
    /** Reads both tensors in place; made once, so an update allocates nothing. */
    private final Sums sums = new Sums();

    /** Adds the value pairs, by column, to the sums. */
    private final class Sums implements HostAccess.Pair {
        int columns;

        @Override
        public void apply(float[] t, float[] p) {
            for (int i = 0; i < p.length; i++) {
                int s = SUMS * (i % columns);
                double y = t[i];
                double r = y - p[i];
                state[s] += 1;
                state[s + 1] += y;
                state[s + 2] += y * y;
                state[s + 3] += r * r;
            }
        }
    }

    public R2Score(Aggregation aggregation) {
        if (aggregation == null) {
            throw new IllegalArgumentException("r2_score: aggregation must not be null");
        }
        this.aggregation = aggregation;
    }

    /** Uniform average over columns. */
    public R2Score() {
        this(Aggregation.UNIFORM_AVERAGE);
    }

    @Override
    public String name() {
        return "r2_score";
    }

    @Override
    public void update(Tensor yTrue, Tensor yPred) {
        MetricInputs.sameSize(name(), yTrue, yPred);
        int columns = yPred.rank() <= 1 ? 1 : yPred.dim(-1);
        if (state.length == 0) {
            state = new double[SUMS * columns];
        } else if (state.length != SUMS * columns) {
            throw new IllegalArgumentException(name() + ": y_pred has " + columns + " columns but earlier batches had "
                    + state.length / SUMS);
        }
        sums.columns = columns;
        yTrue.onHost(yPred, sums);
    }

    /** R² of each column. */
    public double[] rawScores() {
        double[] out = new double[state.length / SUMS];
        for (int j = 0; j < out.length; j++) {
            double ssRes = state[SUMS * j + 3];
            double ssTot = totalSumOfSquares(j);
            out[j] = ssTot > 0 ? 1 - ssRes / ssTot : (ssRes == 0 ? 1.0 : 0.0);
        }
        return out;
    }

    private double totalSumOfSquares(int column) {
        double n = state[SUMS * column];
        double sum = state[SUMS * column + 1];
        return Math.max(state[SUMS * column + 2] - sum * sum / n, 0.0);
    }

    @Override
    public double result() {
        double[] raw = rawScores();
        if (raw.length == 0) {
            return 0.0;
        }
        if (aggregation == Aggregation.UNIFORM_AVERAGE) {
            return Arrays.stream(raw).average().orElse(0.0);
        }
        double ssRes = 0;
        double ssTot = 0;
        for (int j = 0; j < raw.length; j++) {
            ssRes += state[SUMS * j + 3];
            ssTot += totalSumOfSquares(j);
        }
        return ssTot > 0 ? 1 - ssRes / ssTot : (ssRes == 0 ? 1.0 : 0.0);
    }

    @Override
    public void reset() {
        state = new double[0];
    }

    @Override
    public double[] state() {
        return state.clone();
    }

    @Override
    public void merge(double[] otherState) {
        if (otherState == null || otherState.length % SUMS != 0) {
            throw new IllegalArgumentException(name() + ": a state must hold " + SUMS + " sums per column");
        }
        if (otherState.length == 0) {
            return;
        }
        if (state.length == 0) {
            state = otherState.clone();
            return;
        }
        if (otherState.length != state.length) {
            throw new IllegalArgumentException(name() + ": cannot merge a state of " + otherState.length / SUMS
                    + " columns into one of " + state.length / SUMS);
        }
        for (int i = 0; i < state.length; i++) {
            state[i] += otherState[i];
        }
    }

    @Override
    public Map<String, Object> config() {
        return Map.of("name", name(), "class_aggregation", aggregation.name().toLowerCase(Locale.ROOT));
    }
}
