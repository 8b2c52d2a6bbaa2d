package dev.neurona.nn;

import dev.neurona.names.ConfigKeys;
import dev.neurona.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The built-in {@link Regularizer}: {@code l1·Σ|w| + l2·Σw²} (Keras's L1, L2 and L1L2), made by
 * {@link Regularizer#l1}, {@link Regularizer#l2} and {@link Regularizer#l1l2}. Its config is
 * {@code {"l1": …, "l2": …}} with no name, as model files have always held it.
 */
public final class L1L2 implements Regularizer {

    /** Its name in the registry. */
    static final String NAME = "l1l2";

    private final double l1;
    private final double l2;

    L1L2(double l1, double l2) {
        if (!(l1 >= 0) || !(l2 >= 0) || Double.isInfinite(l1) || Double.isInfinite(l2)) {
            throw new IllegalArgumentException("regularizer factors must be finite and non-negative, got l1=" + l1 + ", l2=" + l2);
        }
        this.l1 = l1;
        this.l2 = l2;
    }

    /** The factor of {@code Σ|w|}. */
    public double l1() {
        return l1;
    }

    /** The factor of {@code Σw²}. */
    public double l2() {
        return l2;
    }

    @Override
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
    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("l1", l1);
        c.put("l2", l2);
        return c;
    }

    /**
     * Rebuilds one from {@link #config()}: {@code l1} and {@code l2}, each a finite factor ≥ 0 (0
     * when absent), and optionally its name {@code "l1l2"}.
     *
     * @throws dev.neurona.names.ConfigException naming a bad or unknown key
     */
    static L1L2 fromConfig(Map<String, Object> config) {
        ConfigKeys c = ConfigKeys.of(config).only("name", "l1", "l2");
        return new L1L2(c.number("l1", 0, 0, Float.MAX_VALUE), c.number("l2", 0, 0, Float.MAX_VALUE));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof L1L2 r && r.l1 == l1 && r.l2 == l2;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(l1) * 31 + Double.hashCode(l2);
    }

    @Override
    public String toString() {
        return "L1L2(l1=" + l1 + ", l2=" + l2 + ")";
    }
}
