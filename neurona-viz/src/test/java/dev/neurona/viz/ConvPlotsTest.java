package dev.neurona.viz;

import static dev.neurona.nn.Layers.conv2d;
import static dev.neurona.nn.Layers.dense;
import static dev.neurona.nn.Layers.flatten;
import static dev.neurona.nn.Layers.input;
import static dev.neurona.nn.Layers.maxPooling2d;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.neurona.models.Model;
import dev.neurona.models.Sequential;
import dev.neurona.nn.Conv2D;
import dev.neurona.nn.Input;
import dev.neurona.nn.Layer;
import dev.neurona.nn.Mode;
import dev.neurona.nn.SymbolicTensor;
import dev.neurona.tensor.Tensor;
import java.awt.image.BufferedImage;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The filter and feature-map pictures: every tile's cells carry the weights or activations,
 * scaled per tile as the Javadoc says (checked against values computed here, not by the plot).
 */
class ConvPlotsTest {

    private static Sequential convnet(int channels) {
        Sequential model = new Sequential(input(10, 10, channels), conv2d(6, 3, "relu"), maxPooling2d(2),
                conv2d(5, 3, "relu"), flatten(), dense(3, "softmax")).seed(7);
        model.build(10, 10, channels);
        return model;
    }

    private static Tensor image(int channels, long seed) {
        Random r = new Random(seed);
        float[] v = new float[10 * 10 * channels];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextFloat();
        }
        return Tensor.of(v, 10, 10, channels);
    }

    /** The pixel of cell (row, col) of tile {@code t} in the rendered figure. */
    private static int pixel(BufferedImage img, Figure f, int rows, int cols, int t, int row, int col) {
        int[] p = TileGrid.cellCentre(f.seriesCount(), rows, cols, img.getWidth(), img.getHeight(), t, row, col);
        return img.getRGB(p[0], p[1]) & 0xffffff;
    }

    private static int grey(double level) {
        int v = (int) Math.round(255 * level);
        return (v << 16) | (v << 8) | v;
    }

    @Test
    void oneChannelFiltersShowEachWeightScaledFromTheFiltersMinimumToItsMaximum() throws Exception {
        Sequential model = convnet(1);
        Conv2D conv = (Conv2D) model.layers().get(1);
        Figure f = Plots.convFilters(model);
        assertThat(f.seriesCount()).isEqualTo(6);
        assertThat(f.title()).contains(conv.name(), "6 kernels 3\u00d73");
        BufferedImage img = Pictures.renderedPng(f, f.width(), f.height());
        for (int filter = 0; filter < 6; filter++) {
            double min = Double.MAX_VALUE;
            double max = -Double.MAX_VALUE;
            for (int r = 0; r < 3; r++) {
                for (int c = 0; c < 3; c++) {
                    min = Math.min(min, conv.kernel().get(r, c, 0, filter));
                    max = Math.max(max, conv.kernel().get(r, c, 0, filter));
                }
            }
            for (int r = 0; r < 3; r++) {
                for (int c = 0; c < 3; c++) {
                    double level = (conv.kernel().get(r, c, 0, filter) - min) / (max - min);
                    assertThat(pixel(img, f, 3, 3, filter, r, c)).as("filter %d cell %d,%d", filter, r, c)
                            .isEqualTo(grey(level));
                }
            }
        }
        // the same at another size: the layout follows the figure's size
        Figure big = f.withSize(900, 500);
        BufferedImage bigImg = big.toImage();
        assertThat(pixel(bigImg, big, 3, 3, 4, 0, 0)).isEqualTo(pixel(img, f, 3, 3, 4, 0, 0));
    }

    @Test
    void threeChannelFiltersAreRgbAndOtherCountsAreAveraged() throws Exception {
        Sequential model = convnet(3);
        Conv2D first = (Conv2D) model.layers().get(1);
        Figure f = Plots.convFilters(model);
        assertThat(f.title()).contains("RGB");
        BufferedImage img = f.toImage();
        int filter = 2;
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (float v : slice(first, filter)) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        int rgb = pixel(img, f, 3, 3, filter, 1, 2);
        for (int ch = 0; ch < 3; ch++) {
            int expected = (int) Math.round(255 * (first.kernel().get(1, 2, ch, filter) - min) / (max - min));
            assertThat((rgb >> (16 - 8 * ch)) & 0xff).as("channel %d", ch).isEqualTo(expected);
        }

        // the second conv layer has 6 input channels: their mean, scaled per filter
        Conv2D second = (Conv2D) model.layers().get(3);
        Figure g = Plots.convFilters(model, second.name());
        assertThat(g.seriesCount()).isEqualTo(5);
        assertThat(g.title()).contains("6 input channels averaged");
        BufferedImage gi = g.toImage();
        double[][] mean = new double[3][3];
        double lo = Double.MAX_VALUE;
        double hi = -Double.MAX_VALUE;
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                for (int i = 0; i < 6; i++) {
                    mean[r][c] += second.kernel().get(r, c, i, 4) / 6.0;
                }
                lo = Math.min(lo, mean[r][c]);
                hi = Math.max(hi, mean[r][c]);
            }
        }
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                assertThat(pixel(gi, g, 3, 3, 4, r, c)).isEqualTo(grey((mean[r][c] - lo) / (hi - lo)));
            }
        }
    }

    private static float[] slice(Conv2D conv, int filter) {
        float[] out = new float[27];
        int k = 0;
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                for (int ch = 0; ch < 3; ch++) {
                    out[k++] = conv.kernel().get(r, c, ch, filter);
                }
            }
        }
        return out;
    }

    @Test
    void featureMapsAreTheLayersActivationsForTheImageScaledPerChannel() throws Exception {
        Sequential model = convnet(1);
        Layer conv1 = model.layers().get(1);
        Layer pool = model.layers().get(2);
        Layer conv2 = model.layers().get(3);
        Tensor x = image(1, 3);
        Tensor batch = x.reshape(1, 10, 10, 1);

        Tensor expected1 = conv1.call(batch, Mode.INFERENCE);   // [1, 8, 8, 6]
        Figure f = Plots.featureMaps(model, x);
        assertThat(f.seriesCount()).isEqualTo(6);
        assertThat(f.title()).contains(conv1.name(), "8\u00d78");
        checkMaps(f, expected1, 8, 6);

        Tensor expected2 = conv2.call(pool.call(expected1, Mode.INFERENCE), Mode.INFERENCE);   // [1, 2, 2, 5]
        Figure g = Plots.featureMaps(model, batch, conv2.name());
        assertThat(g.seriesCount()).isEqualTo(5);
        checkMaps(g, expected2, 2, 5);

        // [h, w] for a one-channel model reads as the same image
        assertThat(Plots.featureMaps(model, x.reshape(10, 10)).toImage().getRGB(40, 60))
                .isEqualTo(f.toImage().getRGB(40, 60));
    }

    private static void checkMaps(Figure f, Tensor maps, int side, int channels) {
        BufferedImage img = f.toImage();
        int nonConstant = 0;
        for (int k = 0; k < channels; k++) {
            double min = Double.MAX_VALUE;
            double max = -Double.MAX_VALUE;
            for (int r = 0; r < side; r++) {
                for (int c = 0; c < side; c++) {
                    min = Math.min(min, maps.get(0, r, c, k));
                    max = Math.max(max, maps.get(0, r, c, k));
                }
            }
            nonConstant += max > min ? 1 : 0;
            for (int r = 0; r < side; r++) {
                for (int c = 0; c < side; c++) {
                    double level = max > min ? (maps.get(0, r, c, k) - min) / (max - min) : 0;
                    assertThat(pixel(img, f, side, side, k, r, c)).as("channel %d cell %d,%d", k, r, c)
                            .isEqualTo(grey(level));
                }
            }
        }
        assertThat(nonConstant).as("channels with something to show").isGreaterThan(0);
    }

    @Test
    void aFunctionalChainShowsTheSameMapsAsTheSequential() {
        Sequential seq = convnet(1);
        SymbolicTensor in = Input.of(10, 10, 1);
        SymbolicTensor h = conv2d(6, 3, "relu").apply(in);
        h = maxPooling2d(2).apply(h);
        h = conv2d(5, 3, "relu").apply(h);
        h = dense(3, "softmax").apply(flatten().apply(h));
        Model functional = new Model(in, h);
        functional.build(java.util.List.of(new int[] {10, 10, 1}));
        functional.setWeights(seq.getWeights());
        Tensor x = image(1, 5);
        BufferedImage a = Plots.featureMaps(seq, x).toImage();
        BufferedImage b = Plots.featureMaps(functional, x).toImage();
        for (int y = 40; y < a.getHeight(); y += 7) {
            for (int xx = 0; xx < a.getWidth(); xx += 7) {
                assertThat(b.getRGB(xx, y)).isEqualTo(a.getRGB(xx, y));
            }
        }
    }

    @Test
    void clearErrorsForModelsWithoutConvLayersAndImagesOfTheWrongShape() {
        Sequential mlp = new Sequential(input(4), dense(3, "relu"), dense(2, "softmax"));
        mlp.build(4);
        assertThatThrownBy(() -> Plots.convFilters(mlp)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("convFilters: the model has no Conv2D layer").hasMessageContaining("dense_1 (Dense)");
        assertThatThrownBy(() -> Plots.featureMaps(mlp, Tensor.zeros(4))).hasMessageContaining("no Conv2D layer");

        Sequential model = convnet(1);
        assertThatThrownBy(() -> Plots.featureMaps(model, Tensor.zeros(28, 28, 1)))
                .hasMessageContaining("the image has shape [28, 28, 1]").hasMessageContaining("[10, 10, 1]");
        Sequential rgb = convnet(3);
        assertThatThrownBy(() -> Plots.featureMaps(rgb, Tensor.zeros(3, 10, 10))).hasMessageContaining("channels-first");
        String denseName = model.layers().get(5).name();
        assertThatThrownBy(() -> Plots.convFilters(model, denseName)).hasMessageContaining(denseName + " is a Dense")
                .hasMessageContaining("conv2d_");
        assertThatThrownBy(() -> Plots.featureMaps(model, image(1, 1), denseName))
                .hasMessageContaining("not images [batch, height, width, channels]");
        assertThatThrownBy(() -> Plots.featureMaps(model, image(1, 1), "nope"))
                .hasMessageContaining("no layer named 'nope'");
    }
}
