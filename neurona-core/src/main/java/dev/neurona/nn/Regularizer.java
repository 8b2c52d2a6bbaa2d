package dev.neurona.nn;

import dev.neurona.names.ConfigKeys;
import dev.neurona.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A weight penalty added to the loss: {@code l1·Σ|w| + l2·Σw²} (Keras's L1, L2 and L1L2;
 * Keras's default factor is 0.01).
 */
public final class Regularizer {

    private final double l1;
    private final double l2;

    private Regularizer(double l1, double l2) {
        if (!(l1 >= 0) || !(l2 >= 0) || Double.isInfinite(l1) || Double.isInfinite(l2)) {
            throw new IllegalArgumentException("regularizer factors must be finite and non-negative, got l1=" + l1 + ", l2=" + l2);
        }
        this.l1 = l1;
        this.l2 = l2;
    }

    /** {@code l1·Σ|w|}. */
    public static Regularizer l1(double l1) {
        return new Regularizer(l1, 0);
    }

    /** {@code l2·Σw²} (weight decay through the loss). */
    public static Regularizer l2(double l2) {
        return new Regularizer(0, l2);
    }

    /** {@code l1·Σ|w| + l2·Σw²}. */
    public static Regularizer l1l2(double l1, double l2) {
        return new Regularizer(l1, l2);
    }

    /** The penalty for {@code w}, a scalar that records the graph. */
    public Tensor penalty(Tensor w) {
        Tensor p = null;
        if (l1 > 0) {
            p = w.abs().sum().mul((float) l1);
        }
        if (l2 > 0) {
            Tensor q = w.sumOfSquares().mul((float) l2);
            p = p == null ? q : p.add(q);
        }
        return p == null ? Tensor.scalar(0f) : p;
    }

    /** {@code {"l1": …, "l2": …}}. */
    public Map<String, Object> config() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("l1", l1);
        c.put("l2", l2);
        return c;
    }

    /**
     * Rebuilds a regularizer from {@link #config()}: {@code l1} and {@code l2}, each a finite
     * factor ≥ 0 (0 when absent).
     *
     * @throws dev.neurona.names.ConfigException naming a bad or unknown key
     */
    public static Regularizer fromConfig(Map<String, Object> config) {
        ConfigKeys c = ConfigKeys.of(config).only("l1", "l2");
        return new Regularizer(c.number("l1", 0, 0, Float.MAX_VALUE), c.number("l2", 0, 0, Float.MAX_VALUE));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Regularizer r && r.l1 == l1 && r.l2 == l2;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(l1) * 31 + Double.hashCode(l2);
    }
}
