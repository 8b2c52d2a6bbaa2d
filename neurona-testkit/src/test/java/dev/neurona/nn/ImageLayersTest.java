package dev.neurona.nn;

import static dev.neurona.nn.Layers.cropping2d;
import static dev.neurona.nn.Layers.globalAveragePooling1d;
import static dev.neurona.nn.Layers.globalAveragePooling2d;
import static dev.neurona.nn.Layers.globalMaxPooling1d;
import static dev.neurona.nn.Layers.globalMaxPooling2d;
import static dev.neurona.nn.Layers.rescaling;
import static dev.neurona.nn.Layers.reshape;
import static dev.neurona.nn.Layers.upSampling2d;
import static dev.neurona.nn.Layers.zeroPadding2d;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.neurona.names.ConfigException;
import dev.neurona.tensor.Tensor;
import dev.neurona.testkit.GradCheck;
import dev.neurona.testkit.LayerHarness;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The deterministic image layers (padding, cropping, upsampling, reshape, global pooling,
 * rescaling): the harness, finite-difference gradients through each, small hand-checked
 * values, and bad input (wrong rank, cropping past the image, bad arguments, bad configs).
 */
class ImageLayersTest {

    @Test
    void harness() {
        LayerHarness.check(() -> zeroPadding2d(1), new int[] {3, 4, 2}, new int[] {5, 6, 2}, 0);
        LayerHarness.check(() -> zeroPadding2d(new int[][] {{0, 2}, {1, 0}}), new int[] {3, 4, 2}, new int[] {5, 5, 2}, 0);
        LayerHarness.check(() -> cropping2d(1, 0), new int[] {4, 3, 2}, new int[] {2, 3, 2}, 0);
        LayerHarness.check(() -> cropping2d(new int[][] {{1, 0}, {0, 2}}), new int[] {4, 5, 1}, new int[] {3, 3, 1}, 0);
        LayerHarness.check(() -> upSampling2d(2), new int[] {2, 3, 2}, new int[] {4, 6, 2}, 0);
        LayerHarness.check(() -> upSampling2d(2, 3).interpolation("bilinear"), new int[] {2, 3, 2}, new int[] {4, 9, 2}, 0);
        LayerHarness.check(() -> reshape(3, -1), new int[] {12}, new int[] {3, 4}, 0);
        LayerHarness.check(() -> reshape(2, 2, 3), new int[] {3, 4}, new int[] {2, 2, 3}, 0);
        LayerHarness.check(() -> globalAveragePooling2d(), new int[] {3, 4, 5}, new int[] {5}, 0);
        LayerHarness.check(() -> globalMaxPooling2d().keepdims(true), new int[] {3, 4, 5}, new int[] {1, 1, 5}, 0);
        LayerHarness.check(() -> globalAveragePooling1d().keepdims(true), new int[] {6, 3}, new int[] {1, 3}, 0);
        LayerHarness.check(() -> globalMaxPooling1d(), new int[] {6, 3}, new int[] {3}, 0);
        LayerHarness.check(() -> rescaling(1.0 / 255), new int[] {2, 2, 3}, new int[] {2, 2, 3}, 0);
        LayerHarness.check(() -> rescaling(2, -1), new int[] {4}, new int[] {4}, 0);
    }

    private static void gradients(Supplier<Layer> factory, int... shape) {
        Layer layer = factory.get().name("g");
        int[] sample = java.util.Arrays.copyOfRange(shape, 1, shape.length);
        layer.build(sample, new Random(2));
        Tensor x = Tensor.randn(new Random(5), shape);
        int[] out = layer.outputShape(sample);
        int[] batched = new int[out.length + 1];
        batched[0] = shape[0];
        System.arraycopy(out, 0, batched, 1, out.length);
        Tensor g = Tensor.randn(new Random(6), batched);
        GradCheck.assertGradients(in -> layer.call(in[0], Mode.TRAINING).mul(g).sum(), x);
    }

    @Test
    void gradientsByFiniteDifferences() {
        gradients(() -> zeroPadding2d(new int[][] {{1, 0}, {2, 1}}), 2, 3, 2, 2);
        gradients(() -> cropping2d(new int[][] {{1, 1}, {0, 1}}), 2, 4, 3, 2);
        gradients(() -> upSampling2d(2, 3), 2, 2, 3, 2);
        gradients(() -> upSampling2d(3, 2).interpolation("bilinear"), 2, 3, 2, 2);
        gradients(() -> reshape(-1, 2), 2, 3, 4);
        gradients(() -> globalAveragePooling2d(), 2, 3, 4, 2);
        gradients(() -> globalMaxPooling2d(), 2, 3, 4, 2);
        gradients(() -> globalAveragePooling1d().keepdims(true), 2, 5, 3);
        gradients(() -> globalMaxPooling1d(), 2, 5, 3);
        gradients(() -> rescaling(0.5, 0.25), 2, 3);
    }

    private static Tensor run(Layer layer, Tensor x) {
        layer.name("t");
        layer.build(java.util.Arrays.copyOfRange(x.shape(), 1, x.rank()), new Random(1));
        return layer.call(x, Mode.INFERENCE);
    }

    @Test
    void valuesOnAHandCheckedImage() {
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4}, 1, 2, 2, 1);   // [[1, 2], [3, 4]]
        assertThat(run(zeroPadding2d(new int[][] {{1, 0}, {0, 1}}), x).toArray())
                .containsExactly(0, 0, 0, 1, 2, 0, 3, 4, 0);
        assertThat(run(cropping2d(new int[][] {{1, 0}, {0, 1}}), x).toArray()).containsExactly(3);
        assertThat(run(upSampling2d(2, 1), x).toArray()).containsExactly(1, 2, 1, 2, 3, 4, 3, 4);
        // bilinear ×2 of [1, 2] along a row: half-pixel centres give 1, 1.25, 1.75, 2
        assertThat(run(upSampling2d(1, 2).interpolation("bilinear"), Tensor.of(new float[] {1, 2}, 1, 1, 2, 1)).toArray())
                .containsExactly(1f, 1.25f, 1.75f, 2f);
        assertThat(run(globalMaxPooling2d(), x).toArray()).containsExactly(4);
        assertThat(run(globalAveragePooling2d(), x).toArray()).containsExactly(2.5f);
        assertThat(run(rescaling(0.5, 1), x).toArray()).containsExactly(1.5f, 2f, 2.5f, 3f);
        assertThat(run(reshape(4), x).shape()).containsExactly(1, 4);
    }

    @Test
    void wrongRankNamesTheExpectedImageForm() {
        for (Layer l : new Layer[] {zeroPadding2d(1), cropping2d(1), upSampling2d(2), globalMaxPooling2d(),
            globalAveragePooling2d()}) {
            assertThatThrownBy(() -> l.name("bad_" + l.typeName().toLowerCase()).build(new int[] {28, 28}, new Random(1)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(l.typeName())
                    .hasMessageContaining("[batch, height, width, channels]")
                    .hasMessageContaining("[None, 28, 28]");
        }
        assertThatThrownBy(() -> globalAveragePooling1d().name("p").build(new int[] {4, 4, 2}, new Random(1)))
                .hasMessageContaining("[batch, steps, features]").hasMessageContaining("[None, 4, 4, 2]");
    }

    @Test
    void croppingMoreThanTheImageIsRefusedWithTheShapes() {
        assertThatThrownBy(() -> cropping2d(new int[][] {{2, 1}, {0, 0}}).name("crop").build(new int[] {3, 5, 1}, new Random(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("crop (Cropping2D)")
                .hasMessageContaining("[[2, 1], [0, 0]]")
                .hasMessageContaining("[None, 3, 5, 1]");
        // the functional API finds it before anything is built
        assertThatThrownBy(() -> cropping2d(3).apply(Input.of(4, 4, 1)))
                .hasMessageContaining("Cropping2D").hasMessageContaining("[None, 4, 4, 1]");
    }

    @Test
    void badArguments() {
        assertThatThrownBy(() -> zeroPadding2d(-1)).hasMessageContaining("ZeroPadding2D").hasMessageContaining("at least 0");
        assertThatThrownBy(() -> cropping2d(new int[][] {{1}, {2, 3}})).hasMessageContaining("{{top, bottom}, {left, right}}");
        assertThatThrownBy(() -> upSampling2d(0)).hasMessageContaining("UpSampling2D").hasMessageContaining("positive");
        assertThatThrownBy(() -> upSampling2d(2).interpolation("bicubic")).hasMessageContaining("\"bicubic\"");
        assertThatThrownBy(() -> reshape(-1, -1)).hasMessageContaining("only one dimension may be -1");
        assertThatThrownBy(() -> reshape(0, 3)).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> reshape(5, -1).name("r").build(new int[] {12}, new Random(1)))
                .hasMessageContaining("r (Reshape)").hasMessageContaining("[None, 12]").hasMessageContaining("[None, 5, -1]");
        assertThatThrownBy(() -> reshape(5).name("r2").build(new int[] {2, 3}, new Random(1)))
                .hasMessageContaining("6 values per sample");
        assertThatThrownBy(() -> rescaling(Double.NaN)).hasMessageContaining("Rescaling");
    }

    @Test
    void configsAreCheckedKeyByKey() {
        assertThatThrownBy(() -> Layers.fromConfig(Map.of("type", "ZeroPadding2D", "padding", "same")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("padding");
        assertThatThrownBy(() -> Layers.fromConfig(Map.of("type", "Cropping2D", "croping", 1)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("croping");
        assertThatThrownBy(() -> Layers.fromConfig(Map.of("type", "UpSampling2D", "data_format", "channels_first")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("channels-last");
        assertThatThrownBy(() -> Layers.fromConfig(Map.of("type", "UpSampling2D", "interpolation", "area")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("interpolation");
        assertThatThrownBy(() -> Layers.fromConfig(Map.of("type", "Reshape")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("target_shape");
        assertThatThrownBy(() -> Layers.fromConfig(Map.of("type", "Reshape", "target_shape", java.util.List.of(-1, -1))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("target_shape");
        assertThatThrownBy(() -> Layers.fromConfig(Map.of("type", "GlobalMaxPooling2D", "keepdims", "yes")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("keepdims");
        assertThatThrownBy(() -> Layers.fromConfig(Map.of("type", "Rescaling")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("scale");
        // Keras's forms read back: one number, a pair, pairs of pairs
        assertThat(((ZeroPadding2D) Layers.fromConfig(Map.of("type", "ZeroPadding2D", "padding", 2))).padding())
                .isDeepEqualTo(new int[][] {{2, 2}, {2, 2}});
        assertThat(((Cropping2D) Layers.fromConfig(Map.of("type", "Cropping2D", "cropping", java.util.List.of(1, 2)))).cropping())
                .isDeepEqualTo(new int[][] {{1, 1}, {2, 2}});
        assertThat(Layers.fromConfig(Map.of("type", "UpSampling2D", "data_format", "channels_last")).config().get("size"))
                .isEqualTo(java.util.List.of(2, 2));
    }
}
