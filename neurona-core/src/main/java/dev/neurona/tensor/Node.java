package dev.neurona.tensor;

/**
 * The record autograd keeps for one operation's output: the op's name, its inputs and the
 * rule that turns the output's gradient into the inputs' gradients.
 */
final class Node {

    /** Computes the gradient of each input from the gradient of the output. */
    @FunctionalInterface
    interface Backward {
        /**
         * @param gradOutput the gradient with respect to the op's output (its shape)
         * @return one gradient per input, in input order, each of that input's shape; an entry
         *         may be {@code null} when the input needs none
         */
        Tensor[] apply(Tensor gradOutput);
    }

    final String op;
    final Tensor[] inputs;
    final Backward backward;

    Node(String op, Tensor[] inputs, Backward backward) {
        this.op = op;
        this.inputs = inputs;
        this.backward = backward;
    }
}
