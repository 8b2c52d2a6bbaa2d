package dev.neurona.train;

import dev.neurona.nn.Layer;
import dev.neurona.nn.Mode;
import dev.neurona.tensor.Parameter;
import dev.neurona.tensor.Tensor;
import java.util.List;

/**
 * What the training loop needs of a model: a forward pass, the parameters to update and the
 * regularization penalty. {@code Model} (and so {@code Sequential}) implements it; so can any
 * other model.
 */
public interface Network {

    /** The forward pass of a batch, recording the graph when grad mode is on (one input, one output). */
    Tensor forward(Tensor x, Mode mode);

    /**
     * The forward pass of a model of several inputs or outputs: one batch per input, in order;
     * one result per output. By default the single-input {@link #forward(Tensor, Mode)}.
     */
    default List<Tensor> forwardAll(List<Tensor> inputs, Mode mode) {
        if (inputs.size() != 1) {
            throw new IllegalArgumentException("the model takes one input, got " + inputs.size());
        }
        return List.of(forward(inputs.get(0), mode));
    }

    /** The number of inputs. */
    default int inputCount() {
        return 1;
    }

    /** The number of outputs. */
    default int outputCount() {
        return 1;
    }

    /** The parameters the optimizer updates. */
    List<Parameter> trainableParameters();

    /** The sum of the layers' weight penalties, or {@code null} when there are none. */
    Tensor regularizationLoss();

    /**
     * Losses the forward pass just added ({@code Model.addLoss}, a VAE's KL term), summed, or
     * {@code null} when there are none; read right after the forward pass it belongs to.
     */
    default Tensor addedLoss() {
        return null;
    }

    /** Copies of all weights, in Keras order. */
    List<Tensor> getWeights();

    /** Overwrites all weights with {@code weights}, in Keras order. */
    void setWeights(List<Tensor> weights);

    /**
     * The layers in order, when the network is a plain stack of them (the checks of the output
     * layer against the loss read them); empty for any other network.
     */
    default List<Layer> layers() {
        return List.of();
    }

    /**
     * The layers that lead to output {@code k}, ending with the one that produces it (the
     * checks of the output layer against its loss read the last ones); by default
     * {@link #layers()}.
     */
    default List<Layer> outputLayers(int k) {
        return layers();
    }

    /**
     * The shape of one sample of output {@code k} (batch excluded), or {@code null} when the
     * network does not know it before running; for samples of {@code inputShape} by default
     * through {@link #layers()}.
     */
    default int[] outputShape(int k, int[] inputShape) {
        List<Layer> layers = layers();
        if (layers.isEmpty() || inputShape == null) {
            return null;
        }
        int[] s = inputShape;
        for (Layer layer : layers) {
            s = layer.outputShape(s);
        }
        return s;
    }
}
