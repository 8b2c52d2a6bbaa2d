package dev.neurona.tensor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The backward engine: an iterative topological sort of the recorded graph, a reverse walk
 * that applies each op's backward rule, and accumulation into the leaves' gradients. It is
 * iterative so that a chain of any length cannot overflow the stack.
 */
final class Autograd {

    private Autograd() {
    }

    static void backward(Tensor root, Tensor gradOutput) {
        if (!root.requiresGrad) {
            throw new IllegalStateException("backward(): this tensor does not require grad; mark an input with "
                    + "requiresGrad(true) before computing it");
        }
        if (root.released) {
            throw new IllegalStateException("backward(): the graph of this tensor was released by an earlier backward(); "
                    + "compute it again to differentiate again");
        }
        if (gradOutput == null || !java.util.Arrays.equals(gradOutput.shape, root.shape)) {
            throw new IllegalArgumentException("backward(gradOutput): gradOutput must have the tensor's shape "
                    + Shape.toString(root.shape) + ", got "
                    + (gradOutput == null ? "null" : Shape.toString(gradOutput.shape)));
        }
        if (root.node == null) {
            root.accumulateGrad(gradOutput);
            return;
        }
        List<Tensor> order = topologicalOrder(root);
        Map<Tensor, Tensor> grads = new IdentityHashMap<>();
        grads.put(root, gradOutput);
        try (NoGrad ignored = NoGrad.enter()) {
            for (int t = order.size() - 1; t >= 0; t--) {
                Tensor out = order.get(t);
                Tensor g = grads.remove(out);
                if (g == null) {
                    continue;
                }
                Node node = out.node;
                Tensor[] inputGrads = node.backward.apply(g);
                for (int i = 0; i < node.inputs.length; i++) {
                    Tensor in = node.inputs[i];
                    Tensor gi = inputGrads[i];
                    if (!in.requiresGrad || gi == null) {
                        continue;
                    }
                    if (!java.util.Arrays.equals(gi.shape, in.shape)) {
                        throw new IllegalStateException("backward of '" + node.op + "' produced a gradient of shape "
                                + Shape.toString(gi.shape) + " for an input of shape " + Shape.toString(in.shape));
                    }
                    if (in.released) {
                        throw new IllegalStateException("backward(): '" + node.op + "' uses a tensor whose graph an "
                                + "earlier backward() released; compute it again to differentiate again");
                    }
                    if (in.node == null) {
                        in.accumulateGrad(gi);
                    } else {
                        grads.merge(in, gi, Autograd::sum);
                    }
                }
            }
        } finally {
            for (Tensor t : order) {
                t.node = null;
                t.released = true;
            }
        }
    }

    /** Two contributions to one gradient, added (an op, so that a compiled step replays it). */
    private static Tensor sum(Tensor a, Tensor b) {
        Fusible.Range add = (out, from, to) -> {
            float[] o = out.array;
            float[] x = a.array();
            float[] y = b.array();
            for (int i = from; i < to; i++) {
                o[i] = x[i] + y[i];
            }
        };
        int n = a.size();
        return Graph.op("add_grad", a.shape, out -> add.run(out.storage, 0, n), null, Fusible.Pointwise.of(add, n), a, b);
    }

    /** Non-leaf tensors reachable from {@code root}, every op's inputs before its output. */
    private static List<Tensor> topologicalOrder(Tensor root) {
        List<Tensor> order = new ArrayList<>();
        Set<Tensor> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        ArrayDeque<Tensor> stack = new ArrayDeque<>();
        ArrayDeque<Integer> next = new ArrayDeque<>();
        stack.push(root);
        next.push(0);
        seen.add(root);
        while (!stack.isEmpty()) {
            Tensor t = stack.peek();
            int i = next.pop();
            Tensor[] inputs = t.node.inputs;
            if (i < inputs.length) {
                next.push(i + 1);
                Tensor in = inputs[i];
                if (in.node != null && in.requiresGrad && seen.add(in)) {
                    stack.push(in);
                    next.push(0);
                }
            } else {
                stack.pop();
                order.add(t);
            }
        }
        return order;
    }
}
