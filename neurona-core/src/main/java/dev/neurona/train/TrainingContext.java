package dev.neurona.train;

import dev.neurona.tensor.Tensor;
import java.util.List;

/** What a {@link Callback} may do to a running training: ask to stop, read or set the learning rate, keep and restore weights. */
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
}
