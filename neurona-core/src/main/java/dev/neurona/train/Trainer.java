package dev.neurona.train;

import dev.neurona.data.Dataset;
import dev.neurona.losses.Loss;
import dev.neurona.metrics.Metric;
import dev.neurona.optim.Optimizer;
import dev.neurona.tensor.Tensor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The fit loop: epochs of shuffled mini-batches, each a {@link TrainStep}, then validation,
 * logs, callbacks and the progress bar. It reads like the lecture's recipe; everything it
 * does per batch is in {@code TrainStep}.
 */
public final class Trainer {

    private final Network network;
    private final Loss loss;
    private final Optimizer optimizer;
    private final List<Metric> metrics;

    /** A trainer for {@code network} with a compiled loss, optimizer and resolved metrics. */
    public Trainer(Network network, Loss loss, Optimizer optimizer, List<Metric> metrics) {
        this.network = network;
        this.loss = loss;
        this.optimizer = optimizer;
        this.metrics = List.copyOf(metrics);
    }

    /**
     * Trains on {@code data} as {@code fit} says.
     *
     * @param defaultSeed the shuffling seed when {@link Fit#seed()} gives none
     */
    public History fit(Dataset data, Fit fit, long defaultSeed) {
        Checks.requireFinite("fit", "x", data.x());
        Checks.requireFinite("fit", "y", data.y());
        // Keras takes the validation samples from the end, before any shuffling
        Dataset train = data;
        Dataset validation = fit.validationData();
        if (fit.validationSplit() > 0) {
            int splitAt = (int) Math.floor(data.size() * (1 - fit.validationSplit()));
            if (splitAt <= 0 || splitAt >= data.size()) {
                throw new IllegalArgumentException("fit: a validation split of " + fit.validationSplit() + " of "
                        + data.size() + " samples leaves an empty training or validation set");
            }
            train = data.slice(0, splitAt);
            validation = data.slice(splitAt, data.size());
        }
        int n = train.size();
        int steps = (n + fit.batchSize() - 1) / fit.batchSize();
        Random shuffling = new Random(fit.seed() != null ? fit.seed() : defaultSeed);
        TrainStep step = new TrainStep(network, loss, optimizer, metrics);
        Context context = new Context(fit.epochs(), steps);
        ProgressBar bar = ProgressBar.standard(fit.verbose());
        History history = new History();
        List<Callback> callbacks = fit.callbacks();

        callbacks.forEach(c -> c.onTrainBegin(context));
        for (int epoch = fit.initialEpoch(); epoch < fit.epochs() && !context.stopRequested(); epoch++) {
            for (Callback c : callbacks) {
                c.onEpochBegin(epoch, context);
            }
            int[] order = order(n, fit.shuffle(), shuffling);
            metrics.forEach(Metric::reset);
            bar.epochBegin(epoch, fit.epochs(), steps);
            double lossSum = 0;
            int seen = 0;
            Map<String, Double> logs = Map.of();
            for (int b = 0; b < steps && !context.stopRequested(); b++) {
                int[] rows = java.util.Arrays.copyOfRange(order, b * fit.batchSize(), Math.min(n, (b + 1) * fit.batchSize()));
                Tensor x = train.x().take(rows);
                Tensor y = train.y().take(rows);
                Tensor weights = fit.classWeight() == null ? null : Checks.classWeights(y, fit.classWeight());
                float batchLoss = step.run(x, y, weights);
                lossSum += (double) batchLoss * rows.length;
                seen += rows.length;
                logs = logs(lossSum / seen);
                bar.batchEnd(b + 1, logs);
                for (Callback c : callbacks) {
                    c.onBatchEnd(b, logs, context);
                }
            }
            Map<String, Double> epochLogs = new LinkedHashMap<>(logs);
            if (validation != null) {
                Evaluation.evaluate(network, loss, metrics, validation, fit.batchSize())
                        .forEach((k, v) -> epochLogs.put("val_" + k, v));
            }
            Map<String, Double> frozen = Collections.unmodifiableMap(epochLogs);
            history.add(frozen);
            bar.epochEnd(frozen);
            for (Callback c : callbacks) {
                c.onEpochEnd(epoch, frozen, context);
            }
        }
        callbacks.forEach(c -> c.onTrainEnd(context));
        if (context.stopReason != null) {
            history.stopReason(context.stopReason);
            bar.message(context.stopReason);
        }
        return history;
    }

    private Map<String, Double> logs(double meanLoss) {
        Map<String, Double> logs = new LinkedHashMap<>();
        logs.put("loss", meanLoss);
        for (Metric m : metrics) {
            logs.put(m.name(), m.result());
        }
        return Collections.unmodifiableMap(logs);
    }

    private static int[] order(int n, boolean shuffle, Random random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        if (shuffle) {
            for (int i = n - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }
        return order;
    }

    /** The callbacks' view of this run. */
    private final class Context implements TrainingContext {
        private final int epochs;
        private final int steps;
        private String stopReason;

        Context(int epochs, int steps) {
            this.epochs = epochs;
            this.steps = steps;
        }

        @Override
        public void requestStop(String reason) {
            if (stopReason == null) {
                stopReason = reason == null ? "stop requested" : reason;
            }
        }

        @Override
        public boolean stopRequested() {
            return stopReason != null;
        }

        @Override
        public double learningRate() {
            return optimizer.learningRate();
        }

        @Override
        public void setLearningRate(double learningRate) {
            optimizer.learningRate(learningRate);
        }

        @Override
        public List<Tensor> getWeights() {
            return network.getWeights();
        }

        @Override
        public void setWeights(List<Tensor> weights) {
            network.setWeights(weights);
        }

        @Override
        public int epochs() {
            return epochs;
        }

        @Override
        public int stepsPerEpoch() {
            return steps;
        }
    }
}
