package dev.neurona.nn;

import dev.neurona.names.ConfigException;
import dev.neurona.names.ConfigKeys;
import dev.neurona.tensor.Seeds;
import dev.neurona.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Dropout of whole channels, as Keras's {@code SpatialDropout2D}: in training each channel of
 * each image is zeroed with probability {@code rate} (a mask of shape {@code [batch, 1, 1,
 * channels]}) and the rest scaled by {@code 1 / (1 − rate)}; in inference the identity.
 * Neighbouring pixels of a feature map are strongly correlated, so dropping single values
 * barely regularizes a convolution; dropping the map does (Tompson et al., 2015).
 *
 * <p>Seeded like {@link Dropout}: the n-th training call's mask comes from
 * {@code Seeds.derive(seed, n)}, drawn inside the op, so a compiled step draws a new one at
 * every replay.
 */
public final class SpatialDropout2D extends RandomLayer {

    private final float rate;

    /** @param rate the fraction of channels to drop, in {@code [0, 1)} */
    public SpatialDropout2D(double rate) {
        if (!(rate >= 0 && rate < 1) || (float) rate >= 1f) {
            throw new IllegalArgumentException("SpatialDropout2D: rate must be in [0, 1), got " + rate);
        }
        this.rate = (float) rate;
    }

    /** The fraction of channels dropped in training. */
    public float rate() {
        return rate;
    }

    /**
     * The layer's own seed (Keras's {@code seed}), instead of one from the model's seed.
     *
     * @return this layer
     */
    public SpatialDropout2D seed(long seed) {
        setSeed(seed);
        return this;
    }

    @Override
    void checkInput(int[] inputShape) {
        ImageShapes.requireImages(label(), inputShape);
    }

    @Override
    public int[] outputShape(int[] inputShape) {
        ImageShapes.requireImages(label(), inputShape);
        return inputShape.clone();
    }

    @Override
    protected Tensor forward(Tensor x, Mode mode) {
        if (mode != Mode.TRAINING || rate == 0f) {
            return x;
        }
        int threshold = Seeds.threshold24(rate);
        float scale = 1f / (1f - rate);
        Tensor mask = Tensor.generate("spatial_dropout_mask", m -> {
            long stream = nextStream();   // a new mask at every run, also at each replay
            for (int i = 0; i < m.length; i++) {
                m[i] = Seeds.bits24(stream, i) < threshold ? 0f : scale;
            }
        }, x.dim(0), 1, 1, x.dim(3));
        return x.mul(mask);
    }

    @Override
    protected Map<String, Object> settings() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("rate", (double) rate);
        return withSeed(s);
    }

    @Override
    public long countParams(int[] inputShape) {
        return 0;
    }

    /** Rebuilds the layer from its config: {@code rate} (required), {@code seed}, {@code data_format} (channels_last). */
    public static SpatialDropout2D fromConfig(Map<String, Object> config) {
        ConfigKeys c = ConfigKeys.of(config).only("type", "name", "rate", "seed", "data_format");
        ImageShapes.channelsLast(c);
        double rate = c.number("rate", 0, 1);
        if (!((float) rate < 1f)) {
            throw new ConfigException("rate", "must be in [0, 1), got " + rate);
        }
        return seeded(c, new SpatialDropout2D(rate));
    }
}
