package dev.neurona.train;

import dev.neurona.data.Dataset;
import dev.neurona.losses.Loss;
import dev.neurona.metrics.Metric;
import dev.neurona.nn.Mode;
import dev.neurona.tensor.Compiled;
import dev.neurona.tensor.NoGrad;
import dev.neurona.tensor.Tensor;
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
        if (batchSize <= 0) {
            throw new IllegalArgumentException("evaluate: batch size must be positive, got " + batchSize);
        }
        metrics.forEach(Metric::reset);
        double lossSum = 0;
        int n = data.size();
        try (NoGrad ignored = NoGrad.enter()) {
            Tensor penalty = network.regularizationLoss();
            double regularization = penalty == null ? 0 : penalty.item();
            Compiled step = new Compiled("evaluation step", in -> {
                Tensor yPred = network.forward(in[0], Mode.INFERENCE);
                return new Tensor[] {loss.call(in[1], yPred), yPred};
            });
            for (int start = 0; start < n; start += batchSize) {
                int end = Math.min(n, start + batchSize);
                Dataset batch = start == 0 && end == n ? data : data.slice(start, end);
                Tensor[] out = step.run(batch.x(), batch.y());
                Tensor yPred = out[1];
                lossSum += (out[0].item() + regularization) * (end - start);
                for (Metric m : metrics) {
                    m.update(batch.y(), yPred);
                }
            }
        }
        Map<String, Double> logs = new LinkedHashMap<>();
        logs.put("loss", lossSum / n);
        for (Metric m : metrics) {
            logs.put(m.name(), m.result());
        }
        return logs;
    }
}
