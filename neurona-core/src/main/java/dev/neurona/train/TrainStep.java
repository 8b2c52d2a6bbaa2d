package dev.neurona.train;

import dev.neurona.losses.Loss;
import dev.neurona.metrics.Metric;
import dev.neurona.nn.Mode;
import dev.neurona.optim.Optimizer;
import dev.neurona.tensor.Parameter;
import dev.neurona.tensor.Tensor;
import java.util.List;

/**
 * One training step on one batch, independent of where batches come from (the local fit
 * loop and Spark both call it): forward, loss, backward, optimizer update, metric update.
 *
 * <p>Multilayer perceptrons take the {@link FusedMlp} fast path, which computes the same
 * gradients without recording a graph or allocating; every other network, and any batch
 * with sample weights, goes through autograd.
 */
public final class TrainStep {

    private final Network network;
    private final Loss loss;
    private final Optimizer optimizer;
    private final List<Metric> metrics;
    private final List<Parameter> parameters;
    private FusedMlp plan;
    private boolean planned;

    /** A step for {@code network} trained with {@code loss} and {@code optimizer}, updating {@code metrics}. */
    public TrainStep(Network network, Loss loss, Optimizer optimizer, List<Metric> metrics) {
        this.network = network;
        this.loss = loss;
        this.optimizer = optimizer;
        this.metrics = List.copyOf(metrics);
        this.parameters = List.copyOf(network.trainableParameters());
    }

    /**
     * Zeroes the gradients, computes them for the batch and applies the optimizer.
     *
     * @param sampleWeight per-sample weights {@code [batch]}, or {@code null}
     * @return the batch's loss (regularization included), possibly NaN
     */
    public float run(Tensor x, Tensor y, Tensor sampleWeight) {
        for (int i = 0; i < parameters.size(); i++) {
            parameters.get(i).zeroGrad();
        }
        float value = computeGradients(x, y, sampleWeight);
        optimizer.step(parameters);
        return value;
    }

    /**
     * Computes the batch's loss and adds its gradient to every trainable parameter's
     * {@link Parameter#grad()}, and updates the metrics; applies nothing. Spark sums these
     * gradients over partitions before one optimizer update.
     *
     * @return the batch's loss (regularization included)
     */
    public float computeGradients(Tensor x, Tensor y, Tensor sampleWeight) {
        FusedMlp fused = plan();
        if (fused != null && sampleWeight == null && fused.accepts(x, y)) {
            return fused.computeGradients(x, y, metrics);
        }
        Tensor yPred = network.forward(x, Mode.TRAINING);
        Tensor value = loss.call(y, yPred, sampleWeight);
        Tensor penalty = network.regularizationLoss();
        if (penalty != null) {
            value = value.add(penalty);
        }
        value.backward();
        Tensor predictions = yPred.detach();
        for (Metric m : metrics) {
            m.update(y, predictions);
        }
        return value.item();
    }

    /** The fast path, compiled on first use and again if a layer's activation was changed since. */
    private FusedMlp plan() {
        if (!planned || (plan != null && !plan.isCurrent())) {
            plan = FusedMlp.compile(network.layers(), loss);
            planned = true;
        }
        return plan;
    }
}
