package dev.neurona.train;

import java.util.Map;
import java.util.function.BiConsumer;

/**
 * A callback from lambdas, for small one-off hooks:
 *
 * <pre>{@code
 * LambdaCallback.onEpochEnd((epoch, logs) -> System.out.println(epoch + " " + logs))
 * }</pre>
 */
public final class LambdaCallback implements Callback {

    private final BiConsumer<Integer, Map<String, Double>> epochEnd;
    private final BiConsumer<Integer, Map<String, Double>> batchEnd;

    private LambdaCallback(BiConsumer<Integer, Map<String, Double>> epochEnd,
                           BiConsumer<Integer, Map<String, Double>> batchEnd) {
        this.epochEnd = epochEnd;
        this.batchEnd = batchEnd;
    }

    /** Calls {@code action(epoch, logs)} after each epoch. */
    public static LambdaCallback onEpochEnd(BiConsumer<Integer, Map<String, Double>> action) {
        return new LambdaCallback(action, null);
    }

    /** Calls {@code action(batch, logs)} after each batch. */
    public static LambdaCallback onBatchEnd(BiConsumer<Integer, Map<String, Double>> action) {
        return new LambdaCallback(null, action);
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs, TrainingContext context) {
        if (epochEnd != null) {
            epochEnd.accept(epoch, logs);
        }
    }

    @Override
    public void onBatchEnd(int batch, Map<String, Double> logs, TrainingContext context) {
        if (batchEnd != null) {
            batchEnd.accept(batch, logs);
        }
    }
}
