package dev.neurona.train;

import dev.neurona.data.Dataset;
import dev.neurona.losses.Loss;
import dev.neurona.metrics.Metric;
import dev.neurona.nn.Mode;
import dev.neurona.tensor.Compiled;
import dev.neurona.tensor.NoGrad;
import dev.neurona.tensor.Tensor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loss and metrics of a network on a dataset, in batches, without recording a graph: each
 * batch's forward pass and loss run as a {@link Compiled} step (traced on the first batch of a
 * shape, replayed after), as training's do without the backward part.
 */
public final class Evaluation {

    private Evaluation() {
    }

    /**
     * The sample-weighted mean loss (regularization included, as Keras) and each metric, in
     * that order: {@code {loss=…, accuracy=…}}.
     */
    public static Map<String, Double> evaluate(Network network, Loss loss, List<Metric> metrics,
                                               Dataset data, int batchSize) {
        return evaluate(network, Objective.of(loss, metrics), data, batchSize);
    }

    /**
     * The mean loss (weighted by the data's sample weights when it has them; regularization
     * included, as Keras), each output's loss for a model of several, and each metric.
     */
    public static Map<String, Double> evaluate(Network network, Objective objective, Dataset data, int batchSize) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("evaluate: batch size must be positive, got " + batchSize);
        }
        objective.reset();
        int inputs = network.inputCount();
        int outputs = network.outputCount();
        boolean weighted = data.sampleWeight() != null;
        double lossSum = 0;
        double weightSum = 0;
        double[] termSums = new double[outputs];
        int n = data.size();
        try (NoGrad ignored = NoGrad.enter()) {
            Tensor penalty = network.regularizationLoss();
            double regularization = penalty == null ? 0 : penalty.item();
            Compiled step = new Compiled("evaluation step", in -> {
                network.addedLoss();   // forget losses of passes nobody read
                Tensor[] yPred = new Tensor[outputs];
                if (inputs == 1 && outputs == 1) {
                    yPred[0] = network.forward(in[0], Mode.INFERENCE);
                } else {
                    List<Tensor> out = network.forwardAll(Arrays.asList(in).subList(0, inputs), Mode.INFERENCE);
                    for (int k = 0; k < outputs; k++) {
                        yPred[k] = out.get(k);
                    }
                }
                Tensor[] ys = Arrays.copyOfRange(in, inputs, inputs + outputs);
                Tensor[] terms = new Tensor[outputs];
                Tensor total = objective.total(ys, yPred, weighted ? in[inputs + outputs] : null, terms);
                Tensor added = network.addedLoss();
                if (added != null) {
                    total = total.add(added);
                }
                Tensor[] result = new Tensor[1 + 2 * outputs];
                result[0] = total;
                System.arraycopy(yPred, 0, result, 1, outputs);
                System.arraycopy(terms, 0, result, 1 + outputs, outputs);
                return result;
            });
            Tensor[] batchTargets = new Tensor[outputs];
            Tensor[] batchPredictions = new Tensor[outputs];
            for (int start = 0; start < n; start += batchSize) {
                int end = Math.min(n, start + batchSize);
                Dataset batch = start == 0 && end == n ? data : data.slice(start, end);
                Tensor[] in = new Tensor[inputs + outputs + (weighted ? 1 : 0)];
                for (int i = 0; i < inputs; i++) {
                    in[i] = batch.inputs().get(i);
                }
                for (int k = 0; k < outputs; k++) {
                    in[inputs + k] = batch.targets().get(k);
                }
                if (weighted) {
                    in[inputs + outputs] = batch.sampleWeight();
                }
                Tensor[] out = step.run(in);
                // a weighted batch's loss is a mean over its weights (Keras's sum over size), so batches count by size
                double count = end - start;
                lossSum += (out[0].item() + regularization) * count;
                weightSum += count;
                for (int k = 0; k < outputs; k++) {
                    termSums[k] += out[1 + outputs + k].item() * count;
                    batchTargets[k] = in[inputs + k];
                    batchPredictions[k] = out[1 + k];
                }
                objective.update(batchTargets, batchPredictions);
            }
        }
        double[] means = new double[outputs];
        for (int k = 0; k < outputs; k++) {
            means[k] = termSums[k] / weightSum;
        }
        return new LinkedHashMap<>(objective.logs(lossSum / weightSum, means));
    }
}
