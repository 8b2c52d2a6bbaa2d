package dev.neurona.nn;

import dev.neurona.names.ConfigKeys;
import dev.neurona.names.Registry;
import dev.neurona.tensor.Tensor;
import java.util.Map;

/**
 * A weight penalty added to the loss. The built-in one is {@link L1L2}, {@code l1·Σ|w| + l2·Σw²}
 * (Keras's L1, L2 and L1L2; Keras's default factor is 0.01); a user's own implements this
 * interface, carries its registered name under {@code "name"} in its {@link #config()} and is
 * registered with {@link Registry#register}.
 */
@Registry.Kind(noun = "regularizer", plural = "regularizers", builtins = Layers.class)
public interface Regularizer {

    /** The penalty for {@code w}, a scalar that records the graph. */
    Tensor penalty(Tensor w);

    /** The configuration {@link #fromConfig(Map)} rebuilds an equal regularizer from. */
    Map<String, Object> config();

    /** {@code l1·Σ|w|}. */
    static Regularizer l1(double l1) {
        return new L1L2(l1, 0);
    }

    /** {@code l2·Σw²} (weight decay through the loss). */
    static Regularizer l2(double l2) {
        return new L1L2(0, l2);
    }

    /** {@code l1·Σ|w| + l2·Σw²}. */
    static Regularizer l1l2(double l1, double l2) {
        return new L1L2(l1, l2);
    }

    /**
     * Rebuilds a regularizer from {@link #config()}: the one its {@code "name"} names in the
     * {@link Registry}; a config without a name is {@link L1L2}'s (as every model file holds it).
     *
     * @throws dev.neurona.names.ConfigException naming a bad or unknown key, or an unknown name
     */
    static Regularizer fromConfig(Map<String, Object> config) {
        ConfigKeys c = ConfigKeys.of(config);
        return Registry.fromConfig(Regularizer.class, "name", c.has("name") ? c.string("name") : L1L2.NAME, config);
    }
}
