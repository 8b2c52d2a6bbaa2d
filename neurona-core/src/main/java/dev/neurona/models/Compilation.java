package dev.neurona.models;

import dev.neurona.losses.Loss;
import dev.neurona.metrics.Metric;
import dev.neurona.metrics.Metrics;
import dev.neurona.optim.Optimizer;
import dev.neurona.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What {@code compile} set: the optimizer and, per output, the loss, its weight and the metrics
 * as given (names or objects), checked once; the metric objects are resolved per target shape,
 * since {@code "accuracy"} means binary, categorical or sparse accuracy depending on the targets.
 */
final class Compilation {

    private final Optimizer optimizer;
    private final List<Loss> losses;
    private final double[] lossWeights;
    private final List<List<Object>> metricSpecs;
    private List<List<Metric>> metrics;
    private int[][] resolvedFor;

    /**
     * A model of one output.
     *
     * @param metrics names (Strings) and {@link Metric} objects
     * @throws IllegalArgumentException for a null argument, an unknown metric name, or
     *         {@code "accuracy"} under a regression loss (see {@link Metrics#check})
     */
    Compilation(Optimizer optimizer, Loss loss, Object[] metrics) {
        this(optimizer, List.of(requireLoss(loss)), new double[] {1}, List.of(Arrays.asList(metrics)));
    }

    /** One loss, weight and metric list per output, in output order. */
    Compilation(Optimizer optimizer, List<Loss> losses, double[] lossWeights, List<List<Object>> metrics) {
        if (optimizer == null) {
            throw new IllegalArgumentException("compile: optimizer and loss must not be null");
        }
        for (int k = 0; k < losses.size(); k++) {
            requireLoss(losses.get(k));
            for (Object m : metrics.get(k)) {
                if (m == null) {
                    throw new IllegalArgumentException("compile: metrics must not contain null");
                }
                Metrics.check(m, losses.get(k));
            }
        }
        this.optimizer = optimizer;
        this.losses = List.copyOf(losses);
        this.lossWeights = lossWeights.clone();
        List<List<Object>> specs = new ArrayList<>();
        for (List<Object> m : metrics) {
            specs.add(List.copyOf(m));
        }
        this.metricSpecs = List.copyOf(specs);
    }

    private static Loss requireLoss(Loss loss) {
        if (loss == null) {
            throw new IllegalArgumentException("compile: optimizer and loss must not be null");
        }
        return loss;
    }

    Optimizer optimizer() {
        return optimizer;
    }

    /** The loss of a model of one output (the first output's otherwise). */
    Loss loss() {
        return losses.get(0);
    }

    /** One loss per output. */
    List<Loss> losses() {
        return losses;
    }

    /** One loss weight per output. */
    double[] lossWeights() {
        return lossWeights.clone();
    }

    /** The metrics as given to {@code compile}, of a model of one output (the first output's otherwise). */
    List<Object> metricSpecs() {
        return metricSpecs.get(0);
    }

    /** The metrics as given to {@code compile}, per output. */
    List<List<Object>> allMetricSpecs() {
        return metricSpecs;
    }

    /** Metric objects for targets shaped like {@code y}, resolved once per sample shape. */
    List<Metric> metricsFor(Tensor y) {
        return metricsFor(List.of(y)).get(0);
    }

    /** Per output, metric objects for its targets, resolved once per sample shape. */
    List<List<Metric>> metricsFor(List<Tensor> ys) {
        int[][] samples = new int[ys.size()][];
        for (int k = 0; k < samples.length; k++) {
            int[] shape = ys.get(k).shape();
            samples[k] = Arrays.copyOfRange(shape, 1, shape.length);
        }
        if (metrics == null || !Arrays.deepEquals(samples, resolvedFor)) {
            List<List<Metric>> all = new ArrayList<>();
            for (int k = 0; k < ys.size(); k++) {
                Loss loss = losses.get(k);
                int[] shape = ys.get(k).shape();
                List<Metric> resolved = new ArrayList<>();
                for (Object spec : metricSpecs.get(k)) {
                    resolved.add(spec instanceof Metric m ? Metrics.resolve(m, loss, shape) : Metrics.get((String) spec, loss, shape));
                }
                all.add(resolved);
            }
            metrics = all;
            resolvedFor = samples;
        }
        return metrics;
    }
}
