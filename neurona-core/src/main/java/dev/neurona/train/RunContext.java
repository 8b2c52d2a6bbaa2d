package dev.neurona.train;

import dev.neurona.optim.Optimizer;
import dev.neurona.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@link TrainingContext} of one training run, shared by every training loop (local
 * and Spark): it records a stop request and the training position, forwards the rest to
 * the network, its optimizer and, for checkpoints, a {@link ModelSaver}, and closes epochs
 * and the run the same way for every loop.
 */
public final class RunContext implements TrainingContext {

    private final Network network;
    private final Optimizer optimizer;
    private final ModelSaver saver;
    private final int epochs;
    private final int steps;
    private String stopReason;
    private int epochsCompleted;

    /**
     * @param saver how checkpoints are written, or {@code null} when this run cannot save
     * @param initialEpoch the epochs already completed when the run starts
     */
    public RunContext(Network network, Optimizer optimizer, ModelSaver saver, int epochs, int steps, int initialEpoch) {
        this.network = network;
        this.optimizer = optimizer;
        this.saver = saver;
        this.epochs = epochs;
        this.steps = steps;
        this.epochsCompleted = initialEpoch;
    }

    /** Records that epoch {@code epoch} (0-based) is done: checkpoints written now resume after it. */
    public void epochCompleted(int epoch) {
        epochsCompleted = epoch + 1;
    }

    /**
     * Closes epoch {@code epoch}: freezes its logs, adds them to the history, prints the
     * epoch's line and tells the callbacks.
     */
    public void finishEpoch(int epoch, Map<String, Double> logs, History history, ProgressBar bar,
                            List<Callback> callbacks) {
        Map<String, Double> frozen = Collections.unmodifiableMap(new LinkedHashMap<>(logs));
        history.add(frozen);
        epochCompleted(epoch);
        bar.epochEnd(frozen);
        for (Callback c : callbacks) {
            c.onEpochEnd(epoch, frozen, this);
        }
    }

    /** Closes the run: tells the callbacks, then records and prints why it stopped early, if it did. */
    public void finishRun(History history, ProgressBar bar, List<Callback> callbacks) {
        callbacks.forEach(c -> c.onTrainEnd(this));
        if (stopReason != null) {
            history.stopReason(stopReason);
            bar.message(stopReason);
        }
    }

    /** The reason given with the first stop request, or {@code null}. */
    public String stopReason() {
        return stopReason;
    }

    @Override
    public void saveModel(Path path, boolean includeOptimizer) throws IOException {
        if (saver == null) {
            TrainingContext.super.saveModel(path, includeOptimizer);
            return;
        }
        saver.save(path, epochsCompleted, includeOptimizer);
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
