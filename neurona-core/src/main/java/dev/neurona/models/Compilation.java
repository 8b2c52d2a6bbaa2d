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
 * What {@code compile} set: the optimizer, the loss and the metrics as given (names or objects),
 * checked once; the metric objects are resolved per target shape, since {@code "accuracy"}
 * means binary, categorical or sparse accuracy depending on the targets.
 */
final class Compilation {

    private final Optimizer optimizer;
    private final Loss loss;
    private final List<Object> metricSpecs;
    private List<Metric> metrics;
    private int[] resolvedFor;

    /**
     * @param metrics names (Strings) and {@link Metric} objects
     * @throws IllegalArgumentException for a null argument, an unknown metric name, or
     *         {@code "accuracy"} under a regression loss (see {@link Metrics#check})
     */
    Compilation(Optimizer optimizer, Loss loss, Object[] metrics) {
        if (optimizer == null || loss == null) {
            throw new IllegalArgumentException("compile: optimizer and loss must not be null");
        }
        for (Object m : metrics) {
            if (m == null) {
                throw new IllegalArgumentException("compile: metrics must not contain null");
            }
            Metrics.check(m, loss);
        }
        this.optimizer = optimizer;
        this.loss = loss;
        this.metricSpecs = List.of(metrics);
    }

    Optimizer optimizer() {
        return optimizer;
    }

    Loss loss() {
        return loss;
    }

    /** The metrics as given to {@code compile}. */
    List<Object> metricSpecs() {
        return metricSpecs;
    }

    /** Metric objects for targets shaped like {@code y}, resolved once per sample shape. */
    List<Metric> metricsFor(Tensor y) {
        int[] shape = y.shape();
        int[] sample = Arrays.copyOfRange(shape, 1, shape.length);
        if (metrics == null || !Arrays.equals(sample, resolvedFor)) {
            List<Metric> resolved = new ArrayList<>();
            for (Object spec : metricSpecs) {
                resolved.add(spec instanceof Metric m ? Metrics.resolve(m, loss, shape) : Metrics.get((String) spec, loss, shape));
            }
            metrics = resolved;
            resolvedFor = sample;
        }
        return metrics;
    }
}
