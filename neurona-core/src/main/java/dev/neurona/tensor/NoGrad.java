package dev.neurona.tensor;

/**
 * A scope in which operations record no graph, for inference and for optimizer updates:
 *
 * <pre>{@code
 * try (NoGrad ignored = NoGrad.enter()) {
 *     Tensor y = model.forward(x);   // no graph, no saved inputs
 * }
 * }</pre>
 *
 * Scopes nest; closing one restores the mode that was in force when it was entered. Grad
 * mode is per thread (the only thread-local state in Neurona).
 */
public final class NoGrad implements AutoCloseable {

    private static final ThreadLocal<boolean[]> ENABLED = ThreadLocal.withInitial(() -> new boolean[] {true});

    private final boolean previous;
    private boolean closed;

    private NoGrad() {
        boolean[] flag = ENABLED.get();
        previous = flag[0];
        flag[0] = false;
    }

    /** Turns graph recording off on this thread until {@link #close()}. */
    public static NoGrad enter() {
        return new NoGrad();
    }

    /** Whether operations on this thread currently record a graph. */
    public static boolean isGradEnabled() {
        return ENABLED.get()[0];
    }

    @Override
    public void close() {
        if (!closed) {
            ENABLED.get()[0] = previous;
            closed = true;
        }
    }
}
