package dev.neurona.models;

import dev.neurona.nn.Layer;
import dev.neurona.nn.Mode;
import dev.neurona.tensor.NoGrad;
import dev.neurona.tensor.Shape;
import dev.neurona.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** A model's shape checks: building it for the data it is first given, and the shapes a batch must have. */
final class ModelShapes {

    private ModelShapes() {
    }

    /**
     * Builds {@code model} for batches like {@code xs} when it cannot know its shapes otherwise,
     * and checks every batch against the model's input shapes.
     *
     * @throws IllegalArgumentException for the wrong number of batches, a batch without a batch
     *         axis, or a batch of another sample shape (naming the input and both shapes)
     */
    static void ensureBuiltFor(Model model, List<Tensor> xs) {
        if (model.isBuilt() && xs.size() == 1 && model.inputCount() == 1 && fits(xs.get(0), model.inputShape())) {
            return;   // the common case (every predict call), checked without building lists
        }
        if (xs.size() != model.inputCount()) {
            throw new IllegalArgumentException("the model has " + model.inputCount() + " input(s) " + model.inputNames()
                    + ", got " + xs.size() + " batch(es)");
        }
        for (Tensor x : xs) {
            if (x.rank() < 2) {
                throw new IllegalArgumentException("the model needs a batch of samples, shape [batch, features…], got "
                        + Shape.toString(x.shape()));
            }
        }
        if (!model.isBuilt() && model.knownInputShapes() == null) {
            List<int[]> shapes = new ArrayList<>();
            for (Tensor x : xs) {
                shapes.add(Arrays.copyOfRange(x.shape(), 1, x.rank()));
            }
            model.build(shapes, new Random(model.seed()));
        }
        model.ensureBuilt();
        List<int[]> shapes = model.inputShapes();
        for (int i = 0; i < xs.size(); i++) {
            Tensor x = xs.get(i);
            int[] s = shapes.get(i);
            if (!fits(x, s)) {
                String which = xs.size() == 1 ? "" : " '" + model.inputNames().get(i) + "'";
                throw new IllegalArgumentException("the model expects input" + which + " of shape " + Layer.batched(s)
                        + ", got " + Shape.toString(x.shape()));
            }
        }
    }

    /** Whether {@code x} is a batch of samples shaped {@code sample}. */
    static boolean fits(Tensor x, int[] sample) {
        boolean fits = x.rank() == sample.length + 1;
        for (int d = 0; fits && d < sample.length; d++) {
            fits = x.dim(d + 1) == sample[d];
        }
        return fits;
    }

    /** The output shape of a built model of one input, found by running it on one sample of zeros; {@code null} before build. */
    static int[] tracedOutputShape(Model model) {
        if (!model.isBuilt() || model.inputCount() != 1) {
            return null;
        }
        try (NoGrad ignored = NoGrad.enter()) {
            int[] in = model.inputShape();
            int[] batch = new int[in.length + 1];
            batch[0] = 1;
            System.arraycopy(in, 0, batch, 1, in.length);
            int[] s = model.forward(Tensor.zeros(batch), Mode.INFERENCE).shape();
            model.clearAddedLosses();
            return Arrays.copyOfRange(s, 1, s.length);
        }
    }

    /** The weights {@code model} has or would create: a graph's layers at their first application, or the built children. */
    static long countParams(Model model) {
        long n = 0;
        if (model.graph() != null) {
            java.util.Set<Layer> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            for (ModelGraph.Node node : model.graph().nodes()) {
                if (seen.add(node.layer())) {
                    n += node.layer().isBuilt() ? node.layer().countParams()
                            : node.layer().countParams(node.tensor().inputs().get(0).shape());
                }
            }
            return n;
        }
        for (Layer layer : model.children()) {
            n += layer.isBuilt() ? layer.countParams() : 0;
        }
        return n;
    }
}
