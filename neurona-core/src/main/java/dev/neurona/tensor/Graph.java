package dev.neurona.tensor;

/**
 * How every op runs and is recorded. An op is a {@link Kernel} that computes its output from
 * its inputs, plus (when differentiable) a backward rule written with ops. {@link #op} runs
 * the kernel; records the autograd node when grad mode is on and an input requires grad; and,
 * while a step is being traced for {@link Compiled}, appends the kernel to the trace so that
 * later steps replay it without allocating.
 *
 * <p>The one rule for kernels: read the inputs' and write the output's values when the kernel
 * runs ({@code x.array()} inside the lambda, never captured before), and keep any
 * data-dependent state (an arg-max index) in arrays the kernel itself fills, so that a replay
 * on new inputs recomputes it.
 */
final class Graph {

    private Graph() {
    }

    /** Computes an op's output from the values of the inputs it captured. */
    @FunctionalInterface
    interface Kernel {
        void run(Tensor out);
    }

    /**
     * Runs the op {@code name}: a new output of {@code shape} filled by {@code forward}, with
     * {@code backward} recorded for autograd ({@code null} for an op without a gradient).
     */
    static Tensor op(String name, int[] shape, Kernel forward, Node.Backward backward, Tensor... inputs) {
        return op(name, shape, forward, backward, null, inputs);
    }

    /**
     * {@link #op} for an op the planner may fuse with its neighbours: {@code fusible} says what
     * it computes (see {@link Fusible}); {@code null} for none.
     */
    static Tensor op(String name, int[] shape, Kernel forward, Node.Backward backward, Fusible fusible, Tensor... inputs) {
        Tensor out = empty(shape);
        Trace trace = Trace.current();
        if (trace == null) {
            forward.run(out);
        } else {
            trace.run(name, forward, out, inputs, fusible);
        }
        return backward == null ? out : record(out, name, backward, inputs);
    }

    /** A view of {@code x}'s values in another shape of the same size: shares its storage, copies nothing. */
    static Tensor alias(String name, Tensor x, int[] shape, Node.Backward backward) {
        return record(new Tensor(x.storage, shape), name, backward, x);
    }

    /**
     * Runs {@code effect}, which writes {@code written}'s values in place (zeroing or
     * accumulating a gradient), and traces it like a kernel.
     */
    static void effect(String name, Runnable effect, Tensor written, Tensor... read) {
        Trace trace = Trace.current();
        if (trace == null) {
            effect.run();
        } else {
            trace.effect(name, effect, written, read);
        }
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
