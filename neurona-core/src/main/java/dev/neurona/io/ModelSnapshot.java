package dev.neurona.io;

import dev.neurona.tensor.Tensor;
import java.util.List;
import java.util.Map;

/**
 * Everything a model file holds, as plain data: what {@code Sequential} hands to
 * {@link ModelFiles#write} and gets back from {@link ModelFiles#read}. Keeping the format on
 * this neutral description lets {@code io} know nothing of {@code models}.
 *
 * @param architecture the network to rebuild
 * @param compile the training settings, or {@code null} for a model that was not compiled
 * @param weights every parameter by path name ({@code "dense_1/kernel"}), in the model's order
 * @param training where training stands, for resuming
 * @param libraryVersion the Neurona version that wrote the file
 * @param preprocessing how raw input rows become the model's input (a {@code TableSchema}'s
 *        {@code config()}, stored as {@code preprocessing.json}), or {@code null} for none
 */
public record ModelSnapshot(Architecture architecture, Compile compile, Map<String, Tensor> weights,
        Training training, String libraryVersion, Map<String, Object> preprocessing) {

    /** The current file format; files of a newer one are refused. */
    public static final int FORMAT_VERSION = 2;

    /** A snapshot without preprocessing. */
    public ModelSnapshot(Architecture architecture, Compile compile, Map<String, Tensor> weights, Training training,
            String libraryVersion) {
        this(architecture, compile, weights, training, libraryVersion, null);
    }

    /**
     * @param modelClass the model type, {@code "Sequential"}
     * @param seed the model's seed (weights, dropout and the default shuffling derive from it)
     * @param inputShape the shape of one sample, batch excluded
     * @param layers each layer's {@code config()}, in order
     * @param graph for a functional model (format version 2), how the layers connect:
     *        {@code inputs} (the Input layers' names), {@code outputs} and each node's
     *        {@code inputs} as {@code [layer name, application]} pairs; {@code null} for a Sequential
     */
    public record Architecture(String modelClass, long seed, int[] inputShape, List<Map<String, Object>> layers,
            Map<String, Object> graph) {

        /** The architecture of a Sequential. */
        public Architecture(String modelClass, long seed, int[] inputShape, List<Map<String, Object>> layers) {
            this(modelClass, seed, inputShape, layers, null);
        }
    }

    /**
     * @param optimizer the optimizer's {@code config()}
     * @param loss the loss's {@code config()}
     * @param metrics each metric as given to {@code compile}: a name (a String, resolved against
     *        the loss again) or a metric object's {@code config()} (a Map)
     * @param outputs for a model of several outputs, per output name its {@code loss} config,
     *        {@code weight} and {@code metrics} (then {@code loss} and {@code metrics} above are the
     *        first output's); {@code null} otherwise
     */
    public record Compile(Map<String, Object> optimizer, Map<String, Object> loss, List<Object> metrics,
            Map<String, Object> outputs) {

        /** The compile settings of a model of one output. */
        public Compile(Map<String, Object> optimizer, Map<String, Object> loss, List<Object> metrics) {
            this(optimizer, loss, metrics, null);
        }
    }

    /**
     * @param epochsCompleted the epochs completed: the {@code initialEpoch} that continues training
     * @param layerStates each stateful layer's {@code state()} by layer name
     * @param optimizerState the optimizer's exported state ({@code "<path>/<slot>"} and
     *        {@code "iterations"}), or {@code null} when left out
     */
    public record Training(int epochsCompleted, Map<String, Map<String, Object>> layerStates,
            Map<String, float[]> optimizerState) {
    }
}
