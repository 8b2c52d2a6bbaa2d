package dev.neurona.train;

import dev.neurona.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * What a {@link Callback} may do to a running training: ask to stop, read or set the learning
 * rate, keep and restore weights, save the model.
 */
public interface TrainingContext {

    /** Asks the loop to stop after the current batch; the reason is reported and kept in the {@link History}. */
    void requestStop(String reason);

    /** Whether a stop was requested. */
    boolean stopRequested();

    /** The optimizer's current learning rate. */
    double learningRate();

    /** Changes the optimizer's learning rate from the next step on. */
    void setLearningRate(double learningRate);

    /** A copy of the model's weights (for restoring the best ones later). */
    List<Tensor> getWeights();

    /** Puts back weights from {@link #getWeights()}. */
    void setWeights(List<Tensor> weights);

    /** The number of epochs the run was asked for. */
    int epochs();

    /** Batches per epoch. */
    int stepsPerEpoch();

    /**
     * Writes the model, with its optimizer state and the training position (the epochs
     * completed so far), to {@code path}, atomically: a run resumed from the file continues
     * exactly. Meant for {@link Callback#onEpochEnd}; a model saved in the middle of an epoch
     * records the epochs completed before it.
     *
     * @throws IOException when the file cannot be written (any previous file stays intact)
     * @throws UnsupportedOperationException when the trained model cannot be saved
     */
    default void saveModel(Path path) throws IOException {
        saveModel(path, true);
    }

    /**
     * {@link #saveModel(Path)}, leaving out the optimizer state when {@code includeOptimizer} is
     * false. The default refuses: only a run that was given a {@link ModelSaver} can save.
     */
    default void saveModel(Path path, boolean includeOptimizer) throws IOException {
        throw new UnsupportedOperationException("this training run has no model saver; fit the model through "
                + "Model.fit (or give the Trainer a ModelSaver) to save it from a callback");
    }
}
