package dev.neurona.viz;

import dev.neurona.models.Model;
import dev.neurona.models.Sequential;
import dev.neurona.nn.Dense;
import dev.neurona.nn.Input;
import dev.neurona.nn.Layer;
import java.util.List;

/**
 * What the pictures need to know about a {@link Model} of any kind: whether it has one input
 * and one output (the plots that feed it a tensor and read one back), and its layers as one
 * chain from input to output (the network diagram and the neuron maps, which walk the layers
 * in order).
 */
final class ModelLayers {

    private ModelLayers() {
    }

    /** Whether the model takes one input and gives one output. */
    static boolean single(Model model) {
        return model.inputCount() == 1 && model.outputCount() == 1;
    }

    /**
     * Fails unless the model takes one input and gives one output.
     *
     * @throws IllegalArgumentException naming {@code what}, the counts and what is needed
     */
    static void requireSingle(Model model, String what) {
        if (!single(model)) {
            throw new IllegalArgumentException(what + ": the model has " + model.inputCount() + " input(s) and "
                    + model.outputCount() + " output(s); this picture needs a model of one input and one output");
        }
    }

    /**
     * The layers from input to output, in the order the data passes them (a functional model's
     * {@code Input} left out): a Sequential's layers, or a functional model's when its graph is
     * one chain (one input, one output, no layer that joins branches).
     *
     * @throws IllegalArgumentException for a functional model that is not a chain, naming its
     *         counts or the layer that joins branches, and for a subclassed model (whose order is
     *         in its code)
     */
    static List<Layer> chain(Model model, String what) {
        if (model instanceof Sequential) {
            return model.layers();
        }
        if (!"Functional".equals(model.typeName())) {
            throw new IllegalArgumentException(what + ": the model is a subclassed model ("
                    + model.typeName() + "), whose layer order is in its forward method; this picture draws a "
                    + "Sequential model or a functional model whose layers form one chain");
        }
        if (!single(model)) {
            throw new IllegalArgumentException(what + ": the functional model has "
                    + model.inputCount() + " input(s) and " + model.outputCount() + " output(s); this picture draws "
                    + "one chain of layers from one input to one output");
        }
        List<Layer> path = model.outputLayers(0);
        if (path.isEmpty() || !(path.get(0) instanceof Input)) {
            String joiner = path.isEmpty() ? "a layer" : "'" + path.get(0).name() + "' (" + path.get(0).typeName() + ")";
            throw new IllegalArgumentException(what + ": the functional model is not one chain "
                    + "of layers: " + joiner + " joins branches; this picture draws one chain from input to output");
        }
        return path.subList(1, path.size());
    }

    /** Whether {@link #chain} succeeds. */
    static boolean isChain(Model model) {
        if (model instanceof Sequential) {
            return true;
        }
        if (!"Functional".equals(model.typeName()) || !single(model)) {
            return false;
        }
        List<Layer> path = model.outputLayers(0);
        return !path.isEmpty() && path.get(0) instanceof Input;
    }

    /** The Dense layers of the model's chain, in order. */
    static List<Dense> denseLayers(List<Layer> chain) {
        return chain.stream().filter(l -> l instanceof Dense).map(l -> (Dense) l).toList();
    }

    /** The layers whose last activation decides how an output reads as a class: the path to the output, else all. */
    static List<Layer> towardsOutput(Model model) {
        List<Layer> path = model.outputLayers(0);
        return path.isEmpty() ? model.layers() : path;
    }
}
