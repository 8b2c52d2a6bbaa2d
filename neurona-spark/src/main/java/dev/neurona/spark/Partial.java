package dev.neurona.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * What partitions send back in one round, summed by {@code treeAggregate}: a vector sum (the
 * gradient sum, or for parameter averaging the weights and optimizer slots times the samples),
 * the loss sum, the sample count and each partition's metric states.
 *
 * <p>A partition ships its vector as floats (4 bytes a value); merged vectors are kept in
 * doubles, so that the result hardly depends on the order in which Spark merges (with two
 * partitions not at all: floating-point addition commutes).
 */
final class Partial implements Serializable {

    private static final long serialVersionUID = 1L;

    /** One partition's vector, as computed. */
    private float[] own;
    /** The sum of several partitions' vectors. */
    private double[] sum;
    double lossSum;
    long count;
    /** One entry per partition that had samples: its metric states. */
    final List<double[][]> metricStates = new ArrayList<>();
    /** For parameter averaging: the optimizer-state keys and sizes laid out after the weights. */
    String[] stateKeys;
    int[] stateSizes;

    Partial() {
    }

    static Partial of(float[] vector, double lossSum, long count, double[][] metricStates) {
        Partial p = new Partial();
        p.own = vector;
        p.lossSum = lossSum;
        p.count = count;
        p.metricStates.add(metricStates);
        return p;
    }

    boolean isEmpty() {
        return count == 0;
    }

    /** Adds {@code other} into this one (or returns {@code other} when this one is empty). */
    Partial merge(Partial other) {
        if (other.isEmpty()) {
            return this;
        }
        if (isEmpty()) {
            return other;
        }
        if (sum == null) {
            sum = toDouble(own);
            own = null;
        }
        if (other.own != null) {
            for (int i = 0; i < sum.length; i++) {
                sum[i] += other.own[i];
            }
        } else {
            for (int i = 0; i < sum.length; i++) {
                sum[i] += other.sum[i];
            }
        }
        lossSum += other.lossSum;
        count += other.count;
        metricStates.addAll(other.metricStates);
        if (stateKeys == null) {
            stateKeys = other.stateKeys;
            stateSizes = other.stateSizes;
        }
        return this;
    }

    /** The summed vector divided by the sample count: a mean gradient or averaged weights. */
    float[] mean() {
        float[] out = new float[own != null ? own.length : sum.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) ((own != null ? own[i] : sum[i]) / count);
        }
        return out;
    }

    private static double[] toDouble(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }
}
