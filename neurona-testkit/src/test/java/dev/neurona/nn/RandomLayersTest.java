package dev.neurona.nn;

import static dev.neurona.nn.Layers.randomFlip;
import static dev.neurona.nn.Layers.randomRotation;
import static dev.neurona.nn.Layers.randomTranslation;
import static dev.neurona.nn.Layers.randomZoom;
import static dev.neurona.nn.Layers.spatialDropout2d;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.neurona.names.ConfigException;
import dev.neurona.tensor.Compiled;
import dev.neurona.tensor.Tensor;
import dev.neurona.testkit.LayerHarness;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The layers that draw random values in training (SpatialDropout2D and the augmentation
 * layers): the harness, the identity in inference, the same draws for the same seed and state
 * (eager and compiled alike, new ones at every replay), transforms checked by hand (flips, a
 * 180° rotation, a one-pixel translation under each fill mode, a zoom), and bad input.
 */
class RandomLayersTest {

    static Stream<Supplier<Layer>> randomLayers() {
        return Stream.of(() -> spatialDropout2d(0.3), () -> randomFlip(), () -> randomFlip("vertical"),
                () -> randomTranslation(0.2, 0.3), () -> randomRotation(0.1).fillMode("constant").interpolation("nearest"),
                () -> randomZoom(0.2), () -> randomZoom(0.1, 0.3).fillMode("wrap").fillValue(0.5));
    }

    @ParameterizedTest
    @MethodSource("randomLayers")
    void harnessAndIdentityInInference(Supplier<Layer> factory) {
        LayerHarness.check(factory, new int[] {5, 4, 2}, new int[] {5, 4, 2}, 0);
        Layer l = factory.get().name("r");
        l.build(new int[] {5, 4, 2}, new Random(1));
        Tensor x = Tensor.randn(new Random(2), 3, 5, 4, 2);
        assertThat(l.call(x, Mode.INFERENCE).toArray()).containsExactly(x.toArray());
    }

    @ParameterizedTest
    @MethodSource("randomLayers")
    void theSameSeedAndStateDrawTheSameAndACompiledStepDrawsAnewAtEveryReplay(Supplier<Layer> factory) {
        Layer eager = factory.get().name("r");
        Layer compiled = factory.get().name("r");
        Layer other = factory.get().name("r");
        eager.build(new int[] {6, 6, 3}, new Random(4));
        compiled.build(new int[] {6, 6, 3}, new Random(4));
        other.build(new int[] {6, 6, 3}, new Random(5));
        Compiled step = new Compiled("augment", in -> new Tensor[] {compiled.call(in[0], Mode.TRAINING)});
        Tensor x = Tensor.randn(new Random(6), 8, 6, 6, 3);
        float[] previous = null;
        boolean differsFromOther = false;
        for (int i = 0; i < 4; i++) {
            float[] a = eager.call(x, Mode.TRAINING).toArray();
            assertThat(step.run(x)[0].toArray()).as("call %d", i).containsExactly(a);
            differsFromOther |= !Arrays.equals(a, other.call(x, Mode.TRAINING).toArray());
            if (previous != null) {
                assertThat(a).as("call %d draws anew", i).isNotEqualTo(previous);
            }
            previous = a;
        }
        assertThat(step.isEager()).as(String.valueOf(step.eagerReason())).isFalse();
        assertThat(differsFromOther).as("another seed draws otherwise").isTrue();
        assertThat(eager.state()).containsEntry("calls", 4L);

        Layer resumed = factory.get().name("r");
        resumed.build(new int[] {6, 6, 3}, new Random(99));
        resumed.loadState(eager.state());
        assertThat(resumed.call(x, Mode.TRAINING).toArray()).as("state restored: the next draw is the same")
                .containsExactly(eager.call(x, Mode.TRAINING).toArray());
    }

    @Test
    void anExplicitSeedWinsOverTheModelsAndRoundTrips() {
        Layer a = randomRotation(0.2).seed(42).name("r");
        Layer b = randomRotation(0.2).seed(42).name("r");
        a.build(new int[] {5, 5, 1}, new Random(1));
        b.build(new int[] {5, 5, 1}, new Random(2));
        Tensor x = Tensor.randn(new Random(3), 2, 5, 5, 1);
        assertThat(a.call(x, Mode.TRAINING).toArray()).containsExactly(b.call(x, Mode.TRAINING).toArray());
        assertThat(a.config()).containsEntry("seed", 42L);
        assertThat(LayerHarness.roundTrip(a).config()).isEqualTo(LayerHarness.roundTrip(b).config());
    }

    private static Tensor image(int h, int w) {
        float[] v = new float[h * w];
        for (int i = 0; i < v.length; i++) {
            v[i] = i + 1;
        }
        return Tensor.of(v, 1, h, w, 1);
    }

    private static float[] train(Layer l, Tensor x) {
        l.name("t");
        l.build(Arrays.copyOfRange(x.shape(), 1, x.rank()), new Random(1));
        return l.call(x, Mode.TRAINING).toArray();
    }

    @Test
    void aHalfTurnIsBothFlips() {
        Tensor x = image(4, 5);
        float[] flipped = x.flip(1, 2).toArray();
        assertThat(train(new RandomRotation(new double[] {0.5, 0.5}).interpolation("nearest"), x)).containsExactly(flipped);
        float[] bilinear = train(new RandomRotation(new double[] {0.5, 0.5}), x);
        for (int i = 0; i < flipped.length; i++) {
            assertThat(bilinear[i]).isCloseTo(flipped[i], org.assertj.core.data.Offset.offset(1e-4f));
        }
        assertThat(train(new RandomRotation(new double[] {0, 0}), x)).as("no turn").containsExactly(x.toArray());
    }

    @Test
    void aOnePixelShiftDownUnderEachFillMode() {
        Tensor x = image(4, 3);   // rows [1 2 3] [4 5 6] [7 8 9] [10 11 12]
        double[] oneRow = {0.25, 0.25};   // a quarter of 4 rows
        double[] none = {0, 0};
        List<Float> moved = List.of(1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f, 9f);
        Map<String, float[]> firstRow = Map.of("reflect", new float[] {1, 2, 3}, "nearest", new float[] {1, 2, 3},
                "wrap", new float[] {10, 11, 12}, "constant", new float[] {-1, -1, -1});
        for (Map.Entry<String, float[]> e : firstRow.entrySet()) {
            float[] out = train(new RandomTranslation(oneRow, none).fillMode(e.getKey()).fillValue(-1), x);
            assertThat(Arrays.copyOfRange(out, 0, 3)).as(e.getKey()).containsExactly(e.getValue());
            for (int i = 3; i < 12; i++) {
                assertThat(out[i]).as("%s [%d]", e.getKey(), i).isEqualTo(moved.get(i - 3));
            }
        }
        // one column right, reflected at the left edge
        assertThat(train(new RandomTranslation(none, new double[] {1.0 / 3, 1.0 / 3}).interpolation("nearest"), x))
                .containsExactly(1, 1, 2, 4, 4, 5, 7, 7, 8, 10, 10, 11);
    }

    @Test
    void aZoomInByTwoReadsTheCentre() {
        Tensor x = image(5, 5);   // value at (row y, column x) is 5y + x + 1
        float[] out = train(new RandomZoom(new double[] {-0.5, -0.5}, null), x);   // zoom 0.5: input = 0.5·out + 1
        assertThat(out[2 * 5 + 2]).as("the centre stays").isEqualTo(13f);
        assertThat(out[0]).as("the corner reads (1, 1)").isEqualTo(7f);
        assertThat(out[1]).as("(0, 1) reads between (1, 1) and (1, 2)").isEqualTo(7.5f);
        assertThat(train(new RandomZoom(new double[] {0, 0}, null), x)).as("zoom 1").containsExactly(x.toArray());
    }

    @Test
    void flipsGiveTheImageOrItsMirror() {
        Random r = new Random(8);
        Tensor x = Tensor.randn(r, 32, 3, 4, 2);
        for (String mode : new String[] {"horizontal", "vertical", "horizontal_and_vertical"}) {
            float[] out = train(randomFlip(mode), x);
            java.util.Set<Integer> seen = new java.util.HashSet<>();
            for (int i = 0; i < 32; i++) {
                Tensor one = x.slice(0, i, i + 1, 1);
                float[] got = Arrays.copyOfRange(out, i * 24, (i + 1) * 24);
                List<float[]> allowed = switch (mode) {
                    case "horizontal" -> List.of(one.toArray(), one.flip(2).toArray());
                    case "vertical" -> List.of(one.toArray(), one.flip(1).toArray());
                    default -> List.of(one.toArray(), one.flip(2).toArray(), one.flip(1).toArray(), one.flip(1, 2).toArray());
                };
                int which = -1;
                for (int k = 0; k < allowed.size(); k++) {
                    if (Arrays.equals(got, allowed.get(k))) {
                        which = k;
                    }
                }
                assertThat(which).as("%s image %d is one of its flips", mode, i).isNotNegative();
                seen.add(which);
            }
            assertThat(seen).as("%s: every flip turns up in 32 images", mode).hasSize(mode.contains("and") ? 4 : 2);
        }
    }

    @Test
    void spatialDropoutDropsWholeChannels() {
        Tensor x = Tensor.ones(16, 3, 3, 8);
        float[] out = train(spatialDropout2d(0.25), x);
        int dropped = 0;
        for (int b = 0; b < 16; b++) {
            for (int c = 0; c < 8; c++) {
                float first = out[(b * 9) * 8 + c];
                assertThat(first).isIn(0f, 1f / 0.75f);
                for (int p = 0; p < 9; p++) {
                    assertThat(out[(b * 9 + p) * 8 + c]).as("image %d channel %d is one value", b, c).isEqualTo(first);
                }
                dropped += first == 0f ? 1 : 0;
            }
        }
        assertThat(dropped).as("about a quarter of 128 channels").isBetween(16, 48);
    }

    @Test
    void aSavedModelKeepsEachRandomLayersPositionAndPredictsIdentically(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        dev.neurona.models.Sequential m = new dev.neurona.models.Sequential(Layers.input(4, 4, 2), randomFlip(),
                randomRotation(0.1), spatialDropout2d(0.2), Layers.flatten(), Layers.dense(2));
        m.compile(new dev.neurona.optim.SGD(0.01), "mse");
        Tensor x = Tensor.randn(new Random(1), 12, 4, 4, 2);
        Tensor y = Tensor.randn(new Random(2), 12, 2);
        m.fit(x, y, dev.neurona.train.Fit.epochs(2).batchSize(4).verbose(0));
        java.nio.file.Path file = dir.resolve("augmented.nrn");
        m.save(file);
        dev.neurona.models.Sequential back = dev.neurona.models.Sequential.load(file);
        for (int i = 1; i <= 3; i++) {
            assertThat(back.layers().get(i).state()).as(back.layers().get(i).name()).isEqualTo(m.layers().get(i).state())
                    .containsEntry("calls", 6L);
        }
        assertThat(back.predict(x).toArray()).containsExactly(m.predict(x).toArray());
    }

    @Test
    void badInput() {
        for (Layer l : new Layer[] {spatialDropout2d(0.1), randomFlip(), randomRotation(0.1), randomZoom(0.1),
            randomTranslation(0.1, 0.1)}) {
            assertThatThrownBy(() -> l.name("aug").build(new int[] {28, 28}, new Random(1)))
                    .hasMessageContaining("aug (" + l.typeName() + ")").hasMessageContaining("[batch, height, width, channels]")
                    .hasMessageContaining("[None, 28, 28]");
        }
        assertThatThrownBy(() -> randomFlip("diagonal")).hasMessageContaining("RandomFlip").hasMessageContaining("horizontal");
        assertThatThrownBy(() -> randomTranslation(1.5, 0)).hasMessageContaining("RandomTranslation: height_factor");
        assertThatThrownBy(() -> randomZoom(0.1, -2)).hasMessageContaining("RandomZoom: width_factor");
        assertThatThrownBy(() -> randomRotation(0.1).fillMode("mirror")).hasMessageContaining("fill_mode")
                .hasMessageContaining("reflect");
        assertThatThrownBy(() -> randomRotation(0.1).interpolation("bicubic")).hasMessageContaining("interpolation");
        assertThatThrownBy(() -> spatialDropout2d(1)).hasMessageContaining("SpatialDropout2D: rate");
        assertThatThrownBy(() -> Layers.fromConfig(Map.of("type", "RandomZoom")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("height_factor");
        assertThatThrownBy(() -> Layers.fromConfig(Map.of("type", "RandomTranslation", "height_factor", 0.1,
                "width_factor", List.of(0.1, 2)))).isInstanceOf(ConfigException.class).hasMessageContaining("width_factor");
        assertThatThrownBy(() -> Layers.fromConfig(Map.of("type", "RandomRotation", "factor", 0.1, "fill_mode", "edge")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("fill_mode");
        assertThatThrownBy(() -> Layers.fromConfig(Map.of("type", "RandomFlip", "seed", "x")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("seed");
        assertThatThrownBy(() -> Layers.fromConfig(Map.of("type", "SpatialDropout2D", "rate", 0.1, "noise_shape", 1)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("noise_shape");
        // Keras's forms: a pair is sorted, one number f means [-|f|, |f|]
        assertThat(Layers.fromConfig(Map.of("type", "RandomZoom", "height_factor", List.of(0.2, -0.1))).config())
                .containsEntry("height_factor", List.of(-0.1, 0.2));
        assertThat(Layers.fromConfig(Map.of("type", "RandomRotation", "factor", -0.2)).config()).containsEntry("factor", 0.2);
    }
}
