package dev.neurona.train;

import dev.neurona.losses.Loss;
import dev.neurona.metrics.Metric;
import dev.neurona.tensor.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a model is trained to minimise and what is measured on the way: one loss, loss weight
 * and list of metrics per output (Keras's {@code compile(loss={…}, loss_weights={…},
 * metrics={…})}). The total is {@code Σ weight_k · loss_k}; a model of one output has one loss
 * of weight 1, whose value is the loss itself (no multiplication, so the bits are those of a
 * plain loss). Logs follow Keras: {@code loss}, then per output of several
 * {@code <output>_loss} and {@code <output>_<metric>}.
 */
public final class Objective {

    private final List<String> outputNames;
    private final List<Loss> losses;
    private final float[] weights;
    private final List<List<Metric>> metrics;

    /**
     * @param outputNames the outputs' names, for the logs
     * @param losses one loss per output
     * @param weights one loss weight per output
     * @param metrics one list of metrics per output
     */
    public Objective(List<String> outputNames, List<Loss> losses, double[] weights, List<List<Metric>> metrics) {
        if (losses.isEmpty() || losses.size() != outputNames.size() || weights.length != losses.size()
                || metrics.size() != losses.size()) {
            throw new IllegalArgumentException("Objective: give one loss, weight and metric list per output; got "
                    + outputNames.size() + " outputs, " + losses.size() + " losses, " + weights.length + " weights and "
                    + metrics.size() + " metric lists");
        }
        this.outputNames = List.copyOf(outputNames);
        this.losses = List.copyOf(losses);
        this.weights = new float[weights.length];
        for (int i = 0; i < weights.length; i++) {
            this.weights[i] = (float) weights[i];
        }
        List<List<Metric>> copies = new ArrayList<>();
        for (List<Metric> m : metrics) {
            copies.add(List.copyOf(m));
        }
        this.metrics = List.copyOf(copies);
    }

    /** The objective of a model of one output: {@code loss} and {@code metrics}. */
    public static Objective of(Loss loss, List<Metric> metrics) {
        return new Objective(List.of("output"), List.of(loss), new double[] {1}, List.of(metrics));
    }

    /** The number of outputs. */
    public int outputCount() {
        return losses.size();
    }

    /** The loss of output {@code k}. */
    public Loss loss(int k) {
        return losses.get(k);
    }

    /** The metrics of output {@code k}. */
    public List<Metric> metrics(int k) {
        return metrics.get(k);
    }

    /** The loss of the only output, for the checks that look at one. */
    Loss single() {
        return losses.get(0);
    }

    /**
     * Each output's loss on a batch, written into {@code terms}, and their weighted sum.
     *
     * @param sampleWeight per-sample weights {@code [batch]}, or {@code null}
     */
    Tensor total(Tensor[] ys, Tensor[] predictions, Tensor sampleWeight, Tensor[] terms) {
        if (losses.size() == 1) {
            terms[0] = losses.get(0).call(ys[0], predictions[0], sampleWeight);
            return weights[0] == 1f ? terms[0] : terms[0].mul(weights[0]);
        }
        Tensor total = null;
        for (int k = 0; k < losses.size(); k++) {
            terms[k] = losses.get(k).call(ys[k], predictions[k], sampleWeight);
            Tensor weighted = weights[k] == 1f ? terms[k] : terms[k].mul(weights[k]);
            total = total == null ? weighted : total.add(weighted);
        }
        return total;
    }

    /** Resets every metric. */
    void reset() {
        for (List<Metric> list : metrics) {
            list.forEach(Metric::reset);
        }
    }

    /** Updates each output's metrics with its targets and predictions. */
    void update(Tensor[] ys, Tensor[] predictions) {
        for (int k = 0; k < metrics.size(); k++) {
            List<Metric> list = metrics.get(k);
            for (int i = 0; i < list.size(); i++) {
                list.get(i).update(ys[k], predictions[k]);
            }
        }
    }

    /** The logs: the mean loss, then (for several outputs) each output's mean loss, then the metrics. */
    Map<String, Double> logs(double meanLoss, double[] meanTerms) {
        Map<String, Double> logs = new LinkedHashMap<>();
        logs.put("loss", meanLoss);
        boolean several = losses.size() > 1;
        if (several) {
            for (int k = 0; k < losses.size(); k++) {
                logs.put(outputNames.get(k) + "_loss", meanTerms[k]);
            }
        }
        for (int k = 0; k < metrics.size(); k++) {
            for (Metric m : metrics.get(k)) {
                logs.put(several ? outputNames.get(k) + "_" + m.name() : m.name(), m.result());
            }
        }
        return Collections.unmodifiableMap(logs);
    }
}
