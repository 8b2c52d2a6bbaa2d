package dev.neurona.tensor;

/** Records an op's output in the graph when grad mode is on and an input requires grad. */
final class Graph {

    private Graph() {
    }

    static Tensor record(Tensor out, String op, Node.Backward backward, Tensor... inputs) {
        if (!NoGrad.isGradEnabled()) {
            return out;
        }
        for (Tensor in : inputs) {
            if (in.requiresGrad) {
                out.requiresGrad = true;
                out.node = new Node(op, inputs, backward);
                return out;
            }
        }
        return out;
    }

    /**
     * A new tensor of the given shape with a fresh zero buffer; a shape too large to allocate
     * fails with its size (see {@link Shape#allocatable(String, int...)}), not an out-of-memory error.
     */
    static Tensor empty(int[] shape) {
        return new Tensor(new float[Shape.allocatable(shape)], shape);
    }
}
