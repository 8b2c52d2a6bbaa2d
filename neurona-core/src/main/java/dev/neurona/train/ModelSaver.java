package dev.neurona.train;

import java.io.IOException;
import java.nio.file.Path;

/**
 * How the fit loop writes the model it trains, handed to the {@link Trainer} by the model
 * (which knows its file format) so that callbacks can save through the
 * {@link TrainingContext} without {@code train} depending on models or files.
 */
@FunctionalInterface
public interface ModelSaver {

    /**
     * Writes the model to {@code path}.
     *
     * @param epochsCompleted the training position to record: the {@code initialEpoch} that
     *        continues this run
     * @param includeOptimizer whether to include the optimizer's state (needed to resume exactly)
     */
    void save(Path path, int epochsCompleted, boolean includeOptimizer) throws IOException;
}
