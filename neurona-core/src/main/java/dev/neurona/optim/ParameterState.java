package dev.neurona.optim;

import dev.neurona.tensor.HostAccess;

/**
 * One parameter's slots plus a reusable buffer for a clipped or decayed gradient, and the host
 * code of each pass of {@link Optimizer#step} over the parameter's values and gradient: made
 * once per parameter, it is the {@link HostAccess.Pair} of both passes, so that a step
 * allocates nothing. Neither array is kept past a call.
 */
final class ParameterState implements HostAccess.Pair {

    private final Optimizer optimizer;
    final Slots slots;
    final int size;
    /** The working gradient when it differs from the parameter's own (allocated on first use). */
    float[] scratch;
    /** Whether {@link #scratch} holds this step's working gradient (else it is the parameter's own, unchanged). */
    boolean inScratch;
    /** The squared L2 norm of the working gradient after per-parameter clipping (with global clipping on). */
    double squares;
    /** Whether the next {@link #apply} is the clipping pass rather than the update. */
    boolean clipping;
    /** The {@link Optimizer#step} call that last saw this parameter (two parameters may not share a name). */
    long lastStep;

    ParameterState(Optimizer optimizer, Slots slots, int size) {
        this.optimizer = optimizer;
        this.slots = slots;
        this.size = size;
    }

    /** Runs the pass in progress on the parameter's values {@code theta} and its gradient {@code grad}. */
    @Override
    public void apply(float[] theta, float[] grad) {
        if (clipping) {
            optimizer.clip(this, grad);
        } else {
            optimizer.decayAndUpdate(this, theta, grad);
        }
    }

    /** The scratch buffer holding the working gradient, filled from {@code grad} on first use in a step. */
    float[] writable(float[] grad) {
        if (scratch == null) {
            scratch = new float[size];
        }
        if (!inScratch) {
            System.arraycopy(grad, 0, scratch, 0, size);
            inScratch = true;
        }
        return scratch;
    }
}
