package dev.neurona.models;

import dev.neurona.data.Dataset;
import dev.neurona.tensor.Seeds;
import dev.neurona.train.Callback;
import dev.neurona.train.Fit;
import dev.neurona.train.History;
import dev.neurona.train.ProgressBar;
import dev.neurona.train.RunContext;
import dev.neurona.train.Trainer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fit loop of a model that overrides {@link Model#trainStep}: epochs of shuffled batches,
 * each handed to the model's own step, whose returned values are averaged over the epoch's
 * samples; the progress bar, callbacks (stop requests, checkpoints) and the history as in any
 * fit. Learning-rate callbacks need a compiled optimizer, so they do not apply here.
 */
final class CustomSteps {

    private final Model model;

    private CustomSteps(Model model) {
        this.model = model;
    }

    /** The loop for {@code model}, or {@code null} when it keeps the standard step. */
    static CustomSteps of(Model model) {
        try {
            Class<?> owner = model.getClass().getMethod("trainStep", List.class, List.class).getDeclaringClass();
            return owner == Model.class ? null : new CustomSteps(model);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

    History fit(Dataset data, Fit fit, long shuffleSeed, int initialEpoch) {
        if (fit.validationSplit() > 0 || fit.validationData() != null || fit.classWeight() != null) {
            throw new IllegalArgumentException("fit: a model with its own trainStep takes no validation data, "
                    + "validation split or class weights; evaluate it in a callback or after fit");
        }
        int n = data.size();
        int steps = (n + fit.batchSize() - 1) / fit.batchSize();
        long seed = fit.seed() != null ? fit.seed() : shuffleSeed;
        RunContext context = new RunContext(model, model.optimizer(), model.saver(), fit.epochs(), steps, initialEpoch);
        ProgressBar bar = ProgressBar.standard(fit.verbose());
        History history = new History();
        List<Callback> callbacks = fit.callbacks();
        callbacks.forEach(c -> c.onTrainBegin(context));
        for (int epoch = initialEpoch; epoch < fit.epochs() && !context.stopRequested(); epoch++) {
            for (Callback c : callbacks) {
                c.onEpochBegin(epoch, context);
            }
            int[] order = Trainer.epochOrder(n, fit.shuffle(), Seeds.derive(seed, epoch));
            bar.epochBegin(epoch, fit.epochs(), steps);
            Map<String, Double> sums = new LinkedHashMap<>();
            int seen = 0;
            Map<String, Double> logs = Map.of();
            for (int b = 0; b < steps && !context.stopRequested(); b++) {
                int from = b * fit.batchSize();
                int to = Math.min(n, from + fit.batchSize());
                Dataset batch = data.take(java.util.Arrays.copyOfRange(order, from, to));
                Map<String, Double> values = model.trainStep(batch.inputs(), batch.targets());
                if (values == null) {
                    throw new IllegalStateException(model.typeName() + ".trainStep returned null; return the values "
                            + "to log, such as Map.of(\"loss\", value)");
                }
                for (Map.Entry<String, Double> e : values.entrySet()) {
                    sums.merge(e.getKey(), e.getValue() * (to - from), Double::sum);
                }
                seen += to - from;
                logs = means(sums, seen);
                bar.batchEnd(b + 1, logs);
                for (Callback c : callbacks) {
                    c.onBatchEnd(b, logs, context);
                }
            }
            context.finishEpoch(epoch, logs, history, bar, callbacks);
        }
        context.finishRun(history, bar, callbacks);
        return history;
    }

    private static Map<String, Double> means(Map<String, Double> sums, int seen) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Map.Entry<String, Double> e : sums.entrySet()) {
            out.put(e.getKey(), e.getValue() / seen);
        }
        return out;
    }
}
