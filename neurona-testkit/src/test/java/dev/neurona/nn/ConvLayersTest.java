package dev.neurona.nn;

import static dev.neurona.nn.Layers.averagePooling1d;
import static dev.neurona.nn.Layers.averagePooling2d;
import static dev.neurona.nn.Layers.conv1d;
import static dev.neurona.nn.Layers.conv2d;
import static dev.neurona.nn.Layers.conv2dTranspose;
import static dev.neurona.nn.Layers.dense;
import static dev.neurona.nn.Layers.depthwiseConv2d;
import static dev.neurona.nn.Layers.flatten;
import static dev.neurona.nn.Layers.input;
import static dev.neurona.nn.Layers.maxPooling1d;
import static dev.neurona.nn.Layers.maxPooling2d;
import static dev.neurona.nn.Layers.separableConv2d;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.neurona.models.Sequential;
import dev.neurona.optim.Adam;
import dev.neurona.tensor.Tensor;
import dev.neurona.testkit.GradCheck;
import dev.neurona.testkit.LayerHarness;
import dev.neurona.train.Fit;
import dev.neurona.train.History;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The convolution and pooling layers: {@link LayerHarness} (shapes, parameter counts, config
 * round trip, one step lowering the loss), input gradients by finite differences through each
 * layer, bad input naming the layer, and a tiny convnet that learns through {@code Model.fit}.
 * Values against PyTorch are in {@link ConvLayersGoldenTest}.
 */
class ConvLayersTest {

    private static int[] s(int... shape) {
        return shape;
    }

    @Test
    void harness() {
        LayerHarness.check(() -> conv2d(4, 3, "relu"), s(6, 6, 2), s(4, 4, 4), 3 * 3 * 2 * 4 + 4);
        LayerHarness.check(() -> conv2d(4, 3).strides(2).padding("same"), s(7, 6, 2), s(4, 3, 4), 76);
        LayerHarness.check(() -> conv2d(4, 2, 3).dilationRate(2).groups(2).useBias(false), s(6, 7, 4), s(4, 3, 4),
                2 * 3 * 2 * 4);
        LayerHarness.check(() -> conv1d(3, 3, "tanh").padding("causal"), s(7, 2), s(7, 3), 3 * 2 * 3 + 3);
        LayerHarness.check(() -> conv1d(4, 2).strides(2).groups(2), s(8, 2), s(4, 4), 2 * 1 * 4 + 4);
        LayerHarness.check(() -> conv2dTranspose(3, 3).strides(2).padding("same"), s(3, 3, 2), s(6, 6, 3),
                3 * 3 * 3 * 2 + 3);
        LayerHarness.check(() -> conv2dTranspose(2, 2).strides(2), s(3, 4, 3), s(6, 8, 2), 2 * 2 * 2 * 3 + 2);
        LayerHarness.check(() -> conv2dTranspose(2, 3).strides(2).outputPadding(1), s(2, 2, 2), s(6, 6, 2), 38);
        LayerHarness.check(() -> depthwiseConv2d(3).depthMultiplier(2).padding("same"), s(5, 5, 3), s(5, 5, 6),
                3 * 3 * 3 * 2 + 6);
        LayerHarness.check(() -> separableConv2d(4, 3, "relu").depthMultiplier(2), s(6, 6, 2), s(4, 4, 4),
                3 * 3 * 2 * 2 + 4 * 4 + 4);
        LayerHarness.check(() -> maxPooling2d(2), s(5, 5, 2), s(2, 2, 2), 0);
        LayerHarness.check(() -> maxPooling2d(3).strides(2).padding("same"), s(5, 5, 2), s(3, 3, 2), 0);
        LayerHarness.check(() -> averagePooling2d(2).padding("same"), s(5, 5, 2), s(3, 3, 2), 0);
        LayerHarness.check(() -> maxPooling1d(), s(7, 3), s(3, 3), 0);
        LayerHarness.check(() -> averagePooling1d(3).strides(1).padding("same"), s(6, 2), s(6, 2), 0);
    }

    @Test
    void kerasDefaultNames() {
        assertThat(List.of("Conv1D", "Conv2D", "Conv2DTranspose", "DepthwiseConv2D", "SeparableConv2D", "MaxPooling2D",
                "AveragePooling1D", "PReLU", "Dense").stream().map(Layer::snakeCase).toList())
                .containsExactly("conv1d", "conv2d", "conv2d_transpose", "depthwise_conv2d", "separable_conv2d",
                        "max_pooling2d", "average_pooling1d", "p_re_lu", "dense");
    }

    @Test
    void kerasDefaultsInTheConfig() {
        Map<String, Object> c = conv2d(32, 3).config();
        assertThat(c).containsEntry("filters", 32).containsEntry("kernel_size", List.of(3, 3))
                .containsEntry("strides", List.of(1, 1)).containsEntry("padding", "valid")
                .containsEntry("data_format", "channels_last").containsEntry("dilation_rate", List.of(1, 1))
                .containsEntry("groups", 1).containsEntry("use_bias", true);
        assertThat(maxPooling2d(3).config()).containsEntry("pool_size", List.of(3, 3))
                .containsEntry("strides", List.of(3, 3)).containsEntry("padding", "valid");
        assertThat(new MaxPooling2D().poolSize()).containsExactly(2, 2);
        assertThatThrownBy(() -> Layers.fromConfig(Map.of("type", "Conv2D", "filters", 2, "kernel_size", 3,
                "data_format", "channels_first"))).hasMessageContaining("data_format").hasMessageContaining("channels_last");
        assertThatThrownBy(() -> Layers.fromConfig(Map.of("type", "Conv2D", "filters", 2, "kernel_size", 3,
                "kernel_sise", 3))).hasMessageContaining("kernel_sise");
        assertThatThrownBy(() -> Layers.fromConfig(Map.of("type", "MaxPooling2D", "pool_size", List.of(2, 2, 2))))
                .hasMessageContaining("pool_size");
    }

    /** Convolutions are linear: the default step; max pooling is checked with a smaller one, away from near ties. */
    private static void gradient(Supplier<Layer> factory, int... sample) {
        gradient(factory, GradCheck.DEFAULT_EPS, sample);
    }

    private static void gradient(Supplier<Layer> factory, double eps, int... sample) {
        Layer layer = factory.get().name("checked");
        layer.build(sample, new Random(5));
        int[] batch = new int[sample.length + 1];
        batch[0] = 2;
        System.arraycopy(sample, 0, batch, 1, sample.length);
        Tensor x = Tensor.randn(new Random(6), batch);
        Tensor w = Tensor.randn(new Random(7), layer.call(x, Mode.INFERENCE).shape());
        GradCheck.Options options = GradCheck.Options.DEFAULTS.withEps(eps);
        GradCheck.assertGradients(options, in -> layer.call(in[0], Mode.TRAINING).mul(w).sum(), x);
    }

    @Test
    void inputGradientsByFiniteDifferences() {
        gradient(() -> conv2d(3, 3).strides(2).padding("same").dilationRate(1), 5, 5, 2);
        gradient(() -> conv2d(4, 3).dilationRate(2).groups(2).padding("same"), 5, 5, 4);
        gradient(() -> conv1d(2, 3).padding("causal").dilationRate(2), 7, 2);
        gradient(() -> conv2dTranspose(2, 3).strides(2).padding("same"), 3, 3, 2);
        gradient(() -> depthwiseConv2d(3).depthMultiplier(2), 5, 5, 2);
        gradient(() -> separableConv2d(3, 3).strides(2), 6, 6, 2);
        gradient(() -> maxPooling2d(3).strides(2).padding("same"), 1e-3, 5, 5, 2);
        gradient(() -> averagePooling2d(2).padding("same"), 5, 5, 2);
        gradient(() -> maxPooling1d(2), 1e-3, 6, 2);
        gradient(() -> averagePooling1d(3).strides(1).padding("same"), 5, 2);
    }

    @Test
    void badInputNamesTheLayerAndTheShapes() {
        assertThatThrownBy(() -> {
            Sequential wrongRank = new Sequential(input(28, 28), conv2d(4, 3));
            wrongRank.compile(new Adam(0.01), "mse");
            wrongRank.predict(Tensor.zeros(1, 28, 28));
        })
                .hasMessageContaining("Conv2D").hasMessageContaining("[batch, height, width, channels]")
                .hasMessageContaining("[None, 28, 28]");
        assertThatThrownBy(() -> conv2d(4, 5).name("c").build(s(3, 32, 32), new Random(1)))
                .hasMessageContaining("(Conv2D)").hasMessageContaining("larger than the input's 3")
                .hasMessageContaining("channels-first");
        assertThatThrownBy(() -> conv2d(4, 3).groups(3)).hasMessageContaining("divide the 4 filters");
        assertThatThrownBy(() -> conv2d(6, 3).groups(3).name("g").build(s(5, 5, 4), new Random(1)))
                .hasMessageContaining("4 channels do not divide into 3 groups");
        assertThatThrownBy(() -> conv2d(4, 3).strides(0)).hasMessageContaining("strides must be at least 1");
        assertThatThrownBy(() -> conv2d(4, 3).dilationRate(0, 1)).hasMessageContaining("dilation_rate");
        assertThatThrownBy(() -> conv2d(4, 3).padding("full")).hasMessageContaining("\"valid\" or \"same\"");
        assertThatThrownBy(() -> new Conv2D(0, 3)).hasMessageContaining("filters must be positive");
        assertThatThrownBy(() -> conv2dTranspose(2, 3).strides(2).outputPadding(2).name("t")
                .build(s(3, 3, 1), new Random(1))).hasMessageContaining("output_padding 2");
        assertThatThrownBy(() -> maxPooling2d(3).name("p").build(s(2, 2, 1), new Random(1)))
                .hasMessageContaining("(MaxPooling2D)").hasMessageContaining("larger than the input's 2");
    }

    @Test
    void aConvnetSavesAndLoadsWithItsWeights(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        Sequential model = new Sequential(input(9, 9, 2), conv2d(3, 3, "relu").padding("same").strides(2),
                depthwiseConv2d(2).depthMultiplier(2), separableConv2d(4, 2), conv2dTranspose(2, 2).strides(2),
                maxPooling2d(2), flatten(), dense(2)).seed(4);
        model.compile(new Adam(0.01), "mse");
        Tensor x = Tensor.randn(new Random(1), 3, 9, 9, 2);
        model.fit(x, Tensor.randn(new Random(2), 3, 2), Fit.epochs(2).batchSize(3).verbose(0));
        java.nio.file.Path file = dir.resolve("convnet.nrn");
        model.save(file);
        Sequential loaded = Sequential.load(file);
        assertThat(loaded.predict(x).toArray()).containsExactly(model.predict(x).toArray());
        assertThat(loaded.layers().get(1).config()).isEqualTo(model.layers().get(1).config());
    }

    @Test
    void aTinyConvnetLearnsThroughFit() {
        // two classes of 8x8 images: a bright horizontal bar or a bright vertical bar, at random places, with noise
        Random r = new Random(11);
        int n = 64;
        float[] images = new float[n * 8 * 8];
        float[] labels = new float[n * 2];
        for (int i = 0; i < n; i++) {
            int cls = i % 2;
            int at = 1 + r.nextInt(6);
            for (int y = 0; y < 8; y++) {
                for (int x = 0; x < 8; x++) {
                    boolean on = cls == 0 ? y == at : x == at;
                    images[(i * 8 + y) * 8 + x] = (on ? 1f : 0f) + 0.2f * (float) r.nextGaussian();
                }
            }
            labels[i * 2 + cls] = 1;
        }
        Tensor x = Tensor.of(images, n, 8, 8, 1);
        Tensor y = Tensor.of(labels, n, 2);
        Sequential model = new Sequential(input(8, 8, 1), conv2d(4, 3, "relu").padding("same"), maxPooling2d(2),
                conv2d(4, 3, "relu"), averagePooling2d(2), flatten(), dense(2, "softmax")).seed(3);
        model.compile(new Adam(0.02), "categorical_crossentropy", "accuracy");
        History history = model.fit(x, y, Fit.epochs(15).batchSize(16).verbose(0));
        List<Double> loss = history.get("loss");
        assertThat(loss.get(loss.size() - 1)).as("loss by epoch " + loss).isLessThan(loss.get(0) * 0.5);
        assertThat(model.evaluate(x, y).get("accuracy")).isGreaterThan(0.9);
    }
}
