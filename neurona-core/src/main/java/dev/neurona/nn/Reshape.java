package dev.neurona.nn;

import dev.neurona.names.ConfigException;
import dev.neurona.names.ConfigKeys;
import dev.neurona.tensor.Shape;
import dev.neurona.tensor.Tensor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Gives each sample another shape of the same size, keeping the batch, as Keras's
 * {@code Reshape}: {@code reshape(7, 7, 32)} turns {@code [batch, 1568]} into
 * {@code [batch, 7, 7, 32]}. One dimension may be {@code -1}, inferred from the others. A view:
 * nothing is copied.
 */
public final class Reshape extends Layer {

    private final int[] targetShape;
    private int[] resolved;   // the target shape with its -1 worked out, once built

    /** The shape of one sample (batch excluded); one entry may be {@code -1}. */
    public Reshape(int... targetShape) {
        if (targetShape == null || targetShape.length == 0) {
            throw new IllegalArgumentException("Reshape: target shape must hold at least one dimension");
        }
        int unknown = 0;
        for (int d : targetShape) {
            if (d == -1) {
                unknown++;
            } else if (d < 1) {
                throw new IllegalArgumentException("Reshape: dimensions must be at least 1 (one may be -1), got "
                        + Arrays.toString(targetShape));
            }
        }
        if (unknown > 1) {
            throw new IllegalArgumentException("Reshape: only one dimension may be -1, got " + Arrays.toString(targetShape));
        }
        this.targetShape = targetShape.clone();
    }

    /** The target shape as given (with its {@code -1}, if any). */
    public int[] targetShape() {
        return targetShape.clone();
    }

    @Override
    protected void createWeights(int[] inputShape, java.util.Random random) {
        resolved = outputShape(inputShape);
    }

    @Override
    public int[] outputShape(int[] inputShape) {
        long size = Shape.size(inputShape);
        long known = 1;
        int free = -1;
        for (int i = 0; i < targetShape.length; i++) {
            if (targetShape[i] == -1) {
                free = i;
            } else {
                known *= targetShape[i];
            }
        }
        int[] out = targetShape.clone();
        if (free >= 0 && size % known == 0) {
            out[free] = (int) (size / known);
        }
        if ((free >= 0 && size % known != 0) || (free < 0 && known != size)) {
            throw new IllegalArgumentException(label() + ": cannot reshape input " + Layer.batched(inputShape) + " ("
                    + size + " values per sample) to " + Layer.batched(targetShape) + " ("
                    + (free >= 0 ? "a multiple of " : "") + known + " values)");
        }
        return out;
    }

    @Override
    protected Tensor forward(Tensor x, Mode mode) {
        int[] shape = new int[targetShape.length + 1];
        shape[0] = x.dim(0);
        System.arraycopy(resolved, 0, shape, 1, resolved.length);
        return x.reshape(shape);
    }

    @Override
    protected Map<String, Object> settings() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("target_shape", Input.toList(targetShape));
        return s;
    }

    @Override
    public long countParams(int[] inputShape) {
        return 0;
    }

    /** Rebuilds the layer from its config: {@code target_shape} (required; one entry may be -1). */
    public static Reshape fromConfig(Map<String, Object> config) {
        ConfigKeys c = ConfigKeys.of(config).only("type", "name", "target_shape");
        java.util.List<Object> list = c.list("target_shape");
        int[] shape = new int[list.size()];
        for (int i = 0; i < shape.length; i++) {
            try {
                shape[i] = (int) ConfigKeys.integerValue(list.get(i), -1, Integer.MAX_VALUE);
            } catch (ConfigException e) {
                throw new ConfigException("target_shape[" + i + "]", e.problem());
            }
        }
        return LayerConfigs.built("target_shape", () -> new Reshape(shape));
    }
}
