package dev.neurona.nn;

import dev.neurona.names.ConfigKeys;
import dev.neurona.tensor.Seeds;
import dev.neurona.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Mirrors training images at random, as Keras's {@code RandomFlip}: with mode
 * {@code "horizontal_and_vertical"} (the default) each image is flipped left–right with
 * probability ½ and, independently, upside down with probability ½; {@code "horizontal"} and
 * {@code "vertical"} flip one way only. The identity in inference. Seeded as {@link Dropout}
 * (see {@link RandomLayer}); no gradient flows back through it.
 */
public final class RandomFlip extends RandomLayer {

    /** Keras's modes. */
    static final List<String> MODES = List.of("horizontal_and_vertical", "horizontal", "vertical");

    private final String mode;
    private final boolean horizontal;
    private final boolean vertical;

    /** Flips both ways at random, Keras's default. */
    public RandomFlip() {
        this("horizontal_and_vertical");
    }

    /** {@code "horizontal_and_vertical"}, {@code "horizontal"} or {@code "vertical"}. */
    public RandomFlip(String mode) {
        if (!MODES.contains(mode)) {
            throw new IllegalArgumentException("RandomFlip: mode must be one of " + MODES + ", got "
                    + (mode == null ? "null" : "\"" + mode + "\""));
        }
        this.mode = mode;
        this.horizontal = !mode.equals("vertical");
        this.vertical = !mode.equals("horizontal");
    }

    /** The mode. */
    public String mode() {
        return mode;
    }

    /**
     * The layer's own seed (Keras's {@code seed}), instead of one from the model's seed.
     *
     * @return this layer
     */
    public RandomFlip seed(long seed) {
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
        if (mode != Mode.TRAINING) {
            return x;
        }
        int batch = x.dim(0);
        int h = x.dim(1);
        int w = x.dim(2);
        int c = x.dim(3);
        return Tensor.generate("random_flip", x, (in, out) -> {
            long stream = nextStream();
            for (int image = 0; image < batch; image++) {
                boolean flipX = horizontal && Seeds.uniform(stream, 2L * image) < 0.5f;
                boolean flipY = vertical && Seeds.uniform(stream, 2L * image + 1) < 0.5f;
                flip(in, out, image * h * w * c, h, w, c, flipX, flipY);
            }
        }, x.shape());
    }

    /** Copies one image, its columns reversed when {@code flipX} and its rows when {@code flipY}. */
    static void flip(float[] in, float[] out, int base, int h, int w, int c, boolean flipX, boolean flipY) {
        for (int y = 0; y < h; y++) {
            int sy = flipY ? h - 1 - y : y;
            if (!flipX) {
                System.arraycopy(in, base + sy * w * c, out, base + y * w * c, w * c);
                continue;
            }
            for (int x = 0; x < w; x++) {
                System.arraycopy(in, base + (sy * w + (w - 1 - x)) * c, out, base + (y * w + x) * c, c);
            }
        }
    }

    @Override
    protected Map<String, Object> settings() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("mode", mode);
        return withSeed(s);
    }

    @Override
    public long countParams(int[] inputShape) {
        return 0;
    }

    /** Rebuilds the layer from its config: {@code mode} (default horizontal_and_vertical), {@code seed}, {@code data_format}. */
    public static RandomFlip fromConfig(Map<String, Object> config) {
        ConfigKeys c = ConfigKeys.of(config).only("type", "name", "mode", "seed", "data_format");
        ImageShapes.channelsLast(c);
        String mode = c.string("mode", "horizontal_and_vertical");
        return seeded(c, LayerConfigs.built("mode", () -> new RandomFlip(mode)));
    }
}
