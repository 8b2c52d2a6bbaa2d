package dev.neurona.train;

import dev.neurona.nn.Mode;
import dev.neurona.tensor.Parameter;
import dev.neurona.tensor.Tensor;
import java.util.List;

/**
 * What the training loop needs of a model: a forward pass, the parameters to update and the
 * regularization penalty. {@code Sequential} implements it; so can any other model.
 */
public interface Network {

    /** The forward pass of a batch, recording the graph when grad mode is on. */
    Tensor forward(Tensor x, Mode mode);

    /** The parameters the optimizer updates. */
    List<Parameter> trainableParameters();

    /** The sum of the layers' weight penalties, or {@code null} when there are none. */
    Tensor regularizationLoss();

    /** Copies of all weights, in Keras order. */
    List<Tensor> getWeights();

    /** Overwrites all weights with {@code weights}, in Keras order. */
    void setWeights(List<Tensor> weights);

    /**
     * The layers in order, when the network is a plain stack of them (the checks of the output
     * layer against the loss read them); empty for any other network.
     */
    default List<dev.neurona.nn.Layer> layers() {
        return List.of();
    }
}
