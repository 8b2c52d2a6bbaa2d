package dev.neurona.nn;

import dev.neurona.tensor.Parameter;
import dev.neurona.tensor.Shape;
import dev.neurona.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The shape checks and bookkeeping of {@link Layer}, kept apart so that the base class reads as its contract. */
final class LayerShapes {

    private LayerShapes() {
    }

    /**
     * A Keras axis of the batched tensor ({@code -1} the last, {@code 1} the first of a sample) as
     * a 0-based axis of one sample of rank {@code rank}.
     *
     * @throws IllegalArgumentException naming the layer when it is the batch axis or out of range
     */
    static int sampleAxis(String label, int axis, int rank) {
        int a = axis < 0 ? rank + 1 + axis : axis;
        if (a < 1 || a > rank) {
            throw new IllegalArgumentException(label + ": axis " + axis + " is out of range for inputs of rank "
                    + (rank + 1) + " (batch included)");
        }
        return a - 1;
    }

    /** Whether {@code shapes} are exactly the {@code built} ones. */
    static boolean same(int[][] built, List<int[]> shapes) {
        if (shapes.size() != built.length) {
            return false;
        }
        for (int i = 0; i < built.length; i++) {
            if (!Arrays.equals(built[i], shapes.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** {@code [None, 4]} for one shape, {@code [[None, 4], [None, 3]]} for several. */
    static String describe(int[][] shapes) {
        if (shapes.length == 1) {
            return Layer.batched(shapes[0]);
        }
        return Arrays.stream(shapes).map(Layer::batched).collect(Collectors.joining(", ", "[", "]"));
    }

    /** One sample of zeros per input shape ({@code [1, shape…]}). */
    static List<Tensor> zeros(int[][] shapes) {
        List<Tensor> zeros = new ArrayList<>();
        for (int[] s : shapes) {
            int[] batch = new int[s.length + 1];
            batch[0] = 1;
            System.arraycopy(s, 0, batch, 1, s.length);
            zeros.add(Tensor.zeros(batch));
        }
        return zeros;
    }

    /** Fails unless {@code x} is {@code [batch, shape…]}, naming the layer and both shapes. */
    static void require(String label, Tensor x, int[] shape) {
        int[] s = x.shape();
        if (s.length != shape.length + 1 || !Arrays.equals(Arrays.copyOfRange(s, 1, s.length), shape)) {
            throw new IllegalArgumentException(label + " expects input of shape " + Layer.batched(shape)
                    + ", got " + Shape.toString(s));
        }
    }

    /** {@code own} then every child's parameters, each once (a layer shared by two children counts once). */
    static List<Parameter> union(List<Parameter> own, List<Layer> children) {
        Set<Parameter> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Parameter> out = new ArrayList<>();
        for (Parameter p : own) {
            if (seen.add(p)) {
                out.add(p);
            }
        }
        for (Layer child : children) {
            for (Parameter p : child.parameters()) {
                if (seen.add(p)) {
                    out.add(p);
                }
            }
        }
        return Collections.unmodifiableList(out);
    }

    /** {@code layer} applied to symbolic {@code inputs}: the output's shape computed (and so checked) now. */
    static SymbolicTensor apply(Layer layer, List<SymbolicTensor> inputs) {
        if (inputs == null || inputs.isEmpty() || inputs.stream().anyMatch(java.util.Objects::isNull)) {
            throw new IllegalArgumentException(layer.label() + ".apply: give one or more symbolic tensors (from Input.of or "
                    + "another layer's apply), got " + inputs);
        }
        if (layer instanceof Input) {
            throw new IllegalArgumentException("an Input layer is not applied: Input.of(shape) gives the symbolic input");
        }
        List<int[]> shapes = inputs.stream().map(SymbolicTensor::shape).toList();
        int[] out;
        try {
            out = layer.outputShape(shapes);
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(layer.label() + " cannot take input of shape "
                    + describe(shapes.toArray(int[][]::new)) + ": " + e.getMessage(), e);
        }
        return new SymbolicTensor(layer, List.copyOf(inputs), out);
    }
}
