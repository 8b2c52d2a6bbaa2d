package dev.neurona.train;

import dev.neurona.data.Dataset;
import dev.neurona.losses.Loss;
import dev.neurona.metrics.Metric;
import dev.neurona.optim.Optimizer;
import dev.neurona.tensor.Seeds;
import dev.neurona.tensor.Tensor;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The fit loop: epochs of shuffled mini-batches, each a {@link TrainStep}, then validation,
 * logs, callbacks and the progress bar. It reads like the lecture's recipe; everything it
 * does per batch is in {@code TrainStep}.
 *
 * <p>A batch whose loss is not finite is not applied, and the run stops there (with
 * {@link TerminateOnNaN}, keeping the last finite weights) or warns once; see
 * {@code NonFiniteGuard}.
 *
 * <p>Shuffling is a function of the training position only: each epoch's order comes from a
 * generator seeded by {@code Seeds.derive(shuffleSeed, optimizer.iterations())}, the step count
 * at the epoch's start. A run resumed from a checkpoint (which restores the step count) thus
 * shuffles exactly as the uninterrupted run did, and consecutive {@code fit} calls continue
 * with fresh orders.
 */
public final class Trainer {

    private final Network network;
    private final Objective objective;
    private final Optimizer optimizer;
    private ModelSaver saver;

    /** A trainer for {@code network} with a compiled loss, optimizer and resolved metrics. */
    public Trainer(Network network, Loss loss, Optimizer optimizer, List<Metric> metrics) {
        this(network, Objective.of(loss, metrics), optimizer);
    }

    /** A trainer for {@code network} towards {@code objective} (one loss per output) with {@code optimizer}. */
    public Trainer(Network network, Objective objective, Optimizer optimizer) {
        this.network = network;
        this.objective = objective;
        this.optimizer = optimizer;
    }

    /**
     * Lets callbacks save the model through {@link TrainingContext#saveModel(Path, boolean)}.
     *
     * @return this trainer
     */
    public Trainer saver(ModelSaver saver) {
        this.saver = saver;
        return this;
    }

    /**
     * Trains on {@code data} as {@code fit} says, from {@link Fit#initialEpoch()}.
     *
     * @param defaultSeed the shuffling seed when {@link Fit#seed()} gives none
     */
    public History fit(Dataset data, Fit fit, long defaultSeed) {
        return fit(data, fit, defaultSeed, fit.initialEpoch());
    }

    /**
     * Trains on {@code data} as {@code fit} says, but from epoch {@code initialEpoch} (0-based),
     * as when resuming from a checkpoint; no epochs run when it is {@code fit.epochs()} or more.
     */
    public History fit(Dataset data, Fit fit, long defaultSeed, int initialEpoch) {
        if (initialEpoch < 0) {
            throw new IllegalArgumentException("fit: the initial epoch must not be negative, got " + initialEpoch);
        }
        // once for the whole data (never per batch), so that a bad value names the caller's row and
        // costs no step anything
        Checks.requireData("fit", "", network, objective, data);
        if (fit.validationData() != null) {
            Checks.requireData("fit", "validation ", network, objective, fit.validationData());
        }
        Tensor givenWeights = Checks.sampleWeights("fit", data, fit);
        // Keras takes the validation samples from the end, before any shuffling
        Dataset train = data;
        Dataset validation = fit.validationData();
        if (fit.validationSplit() > 0) {
            int splitAt = (int) Math.floor(data.size() * (1 - fit.validationSplit()));
            if (splitAt <= 0 || splitAt >= data.size()) {
                throw new IllegalArgumentException("fit: a validation split of " + fit.validationSplit() + " of "
                        + data.size() + " samples leaves an empty training or validation set");
            }
            Dataset weighted = givenWeights == null ? data : data.sampleWeight(givenWeights);
            train = weighted.slice(0, splitAt);
            validation = weighted.slice(splitAt, data.size());
            givenWeights = train.sampleWeight();
        }
        int n = train.size();
        int steps = (n + fit.batchSize() - 1) / fit.batchSize();
        long shuffleSeed = fit.seed() != null ? fit.seed() : defaultSeed;
        TrainStep step = new TrainStep(network, objective, optimizer);
        RunContext context = new RunContext(network, optimizer, saver, fit.epochs(), steps, initialEpoch);
        ProgressBar bar = ProgressBar.standard(fit.verbose());
        History history = new History();
        List<Callback> callbacks = fit.callbacks();
        Batches batches = new Batches(train, Checks.combinedWeights("fit", train, givenWeights, fit.classWeight()));
        NonFiniteGuard guard = new NonFiniteGuard(step, callbacks.stream().anyMatch(TerminateOnNaN.class::isInstance), bar);
        int outputs = network.outputCount();

        callbacks.forEach(c -> c.onTrainBegin(context));
        for (int epoch = initialEpoch; epoch < fit.epochs() && !context.stopRequested(); epoch++) {
            for (Callback c : callbacks) {
                c.onEpochBegin(epoch, context);
            }
            // the order depends on the training position only, so that a resumed run repeats it
            int[] order = epochOrder(n, fit.shuffle(), Seeds.derive(shuffleSeed, optimizer.iterations()));
            objective.reset();
            bar.epochBegin(epoch, fit.epochs(), steps);
            double lossSum = 0;
            double[] termSums = new double[outputs];
            int seen = 0;
            for (int b = 0; b < steps && !context.stopRequested(); b++) {
                int from = b * fit.batchSize();
                int to = Math.min(n, from + fit.batchSize());
                float batchLoss = batches.run(step, order, from, to);   // not applied when the loss is not finite
                lossSum += (double) batchLoss * (to - from);
                for (int k = 0; k < outputs; k++) {
                    termSums[k] += (double) step.outputLoss(k) * (to - from);
                }
                seen += to - from;
                guard.afterBatch(epoch, b, batchLoss, context);
                // the running logs are built only for someone who reads them, not every step
                if (!callbacks.isEmpty() || bar.drawsAfter(b + 1)) {
                    Map<String, Double> logs = logs(lossSum, termSums, seen);
                    bar.batchEnd(b + 1, logs);
                    for (Callback c : callbacks) {
                        c.onBatchEnd(b, logs, context);
                    }
                }
            }
            guard.endOfEpoch(context);   // before validation and callbacks: a checkpoint must not save overflowed weights
            Map<String, Double> epochLogs = new LinkedHashMap<>(seen == 0 ? Map.of() : logs(lossSum, termSums, seen));
            if (validation != null) {
                Evaluation.evaluate(network, objective, validation, fit.batchSize())
                        .forEach((k, v) -> epochLogs.put("val_" + k, v));
            }
            context.finishEpoch(epoch, epochLogs, history, bar, callbacks);
        }
        context.finishRun(history, bar, callbacks);
        return history;
    }

    private Map<String, Double> logs(double lossSum, double[] termSums, int seen) {
        double[] means = new double[termSums.length];
        for (int k = 0; k < means.length; k++) {
            means[k] = termSums[k] / seen;
        }
        return objective.logs(lossSum / seen, means);
    }

    /**
     * The order in which an epoch visits {@code n} samples: {@code 0 .. n-1}, shuffled
     * (Fisher–Yates with {@code new Random(seed)}) when {@code shuffle} is on. The fit loop
     * passes {@code Seeds.derive(shuffleSeed, optimizer.iterations())}; a distributed trainer
     * that does the same visits the samples in the same order.
     */
    public static int[] epochOrder(int n, boolean shuffle, long seed) {
        Random random = new Random(seed);
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

}
