package dev.neurona.losses;

import dev.neurona.tensor.Tensor;
import java.util.Map;

/**
 * Huber loss: with {@code d = ŷ − y}, {@code l = d²/2} for {@code |d| ≤ δ}, else
 * {@code δ·(|d| − δ/2)}; averaged over the last axis. Quadratic near the target, linear far
 * from it, so outliers pull less than with mse. Keras {@code "huber"}, default {@code δ = 1}.
 *
 * <p>Written as {@code q²/2 + δ·(|d| − q)} with {@code q = min(|d|, δ)}, which is the same
 * function without a branch.
 */
public final class Huber extends ElementwiseLoss {

    private final float delta;

    /** @param delta where the loss turns from quadratic to linear; must be positive */
    public Huber(double delta) {
        if (!(delta > 0) || Double.isInfinite(delta)) {
            throw new IllegalArgumentException("huber: delta must be positive and finite, got " + delta);
        }
        this.delta = (float) delta;
    }

    /** Huber with {@code δ = 1}. */
    public Huber() {
        this(1.0);
    }

    @Override
    protected Tensor elementwise(Tensor yTrue, Tensor yPred) {
        Tensor a = yPred.sub(yTrue).abs();
        Tensor q = a.minimum(delta);
        return q.square().mul(0.5f).add(a.sub(q).mul(delta));
    }

    /** The threshold δ. */
    public double delta() {
        return delta;
    }

    @Override
    public String name() {
        return "huber";
    }

    @Override
    public Map<String, Object> config() {
        return Map.of("name", name(), "delta", (double) delta);
    }
}
