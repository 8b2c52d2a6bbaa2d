package dev.neurona.losses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.neurona.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LossesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    // ---------------------------------------------------------------- names and configs

    @Test
    void everyNameResolvesAndItsConfigRoundTripsThroughJson() throws Exception {
        for (String name : Losses.names()) {
            Loss loss = Losses.get(name);
            assertThat(loss.name()).isEqualTo(name);
            String json = JSON.writeValueAsString(loss.config());
            Loss again = Losses.fromConfig(JSON.readValue(json, new TypeReference<Map<String, Object>>() { }));
            assertThat(again.getClass()).isEqualTo(loss.getClass());
            assertThat(again.config()).isEqualTo(loss.config());
        }
    }

    @Test
    void parametersRoundTrip() {
        for (Loss loss : List.of(Losses.huber(2.5), Losses.binaryCrossentropy(true, 0.1),
                Losses.categoricalCrossentropy(true, 0.2), Losses.sparseCategoricalCrossentropy(true))) {
            assertThat(Losses.fromConfig(loss.config()).config()).isEqualTo(loss.config());
        }
        assertThat(((Huber) Losses.fromConfig(Map.of("name", "huber", "delta", 2.5))).delta()).isEqualTo(2.5);
    }

    @Test
    void kerasNamesAliasesAndClassNamesResolve() {
        assertThat(Losses.get("mean_squared_error")).isInstanceOf(MeanSquaredError.class);
        assertThat(Losses.get("MSE")).isInstanceOf(MeanSquaredError.class);
        assertThat(Losses.get("BinaryCrossentropy")).isInstanceOf(BinaryCrossentropy.class);
        assertThat(Losses.get("kld")).isInstanceOf(KLDivergence.class);
        assertThat(Losses.get("logcosh")).isInstanceOf(LogCosh.class);
        assertThat(Losses.get("mean_absolute_percentage_error")).isInstanceOf(MeanAbsolutePercentageError.class);
    }

    @Test
    void unknownNameListsTheKnownOnes() {
        assertThatThrownBy(() -> Losses.get("cross_entropy"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cross_entropy")
                .hasMessageContaining("categorical_crossentropy")
                .hasMessageContaining("mse");
    }

    // ---------------------------------------------------------------- reduction and formulas

    @Test
    void sampleWeightsScaleEachSampleAndDivideByTheBatchSize() {
        Tensor y = Tensor.of(new float[][] {{0, 0}, {0, 0}, {0, 0}});
        Tensor p = Tensor.of(new float[][] {{1, 1}, {2, 2}, {3, 3}});   // per-sample mse 1, 4, 9
        Tensor w = Tensor.of(1f, 0f, 2f);
        assertThat(Losses.mse().call(y, p).item()).isCloseTo(14f / 3, within(1e-6f));
        assertThat(Losses.mse().call(y, p, w).item()).isCloseTo((1 + 0 + 18) / 3f, within(1e-6f));
        assertThat(Losses.mse().call(y, p, w.reshape(3, 1)).item()).isCloseTo(19f / 3, within(1e-6f));
        assertThatThrownBy(() -> Losses.mse().call(y, p, Tensor.of(1f, 2f)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 entries for a batch of 3");
    }

    @Test
    void columnVectorAndFlatTargetsAreInterchangeable() {
        Tensor p = Tensor.of(new float[][] {{0.2f}, {0.9f}});
        Tensor flat = Tensor.of(0f, 1f);
        float expected = Losses.binaryCrossentropy().call(flat.reshape(2, 1), p).item();
        assertThat(Losses.binaryCrossentropy().call(flat, p).item()).isEqualTo(expected);
        assertThat(Losses.mse().perSample(flat, p).shape()).containsExactly(2);
    }

    @Test
    void hingeConvertsZeroOneLabelsToSigned() {
        Tensor p = Tensor.of(new float[][] {{0.3f, -0.8f}, {1.5f, -0.2f}});
        Tensor signed = Tensor.of(new float[][] {{1, -1}, {-1, 1}});
        Tensor zeroOne = Tensor.of(new float[][] {{1, 0}, {0, 1}});
        for (Loss loss : List.of(Losses.hinge(), Losses.squaredHinge(), Losses.perceptron())) {
            assertThat(loss.call(zeroOne, p).item()).as(loss.name()).isEqualTo(loss.call(signed, p).item());
        }
        // hinge by hand: max(1 - y p, 0) = [0.7, 0.2; 2.5, 1.2] -> mean 1.15
        assertThat(Losses.hinge().call(signed, p).item()).isCloseTo(1.15f, within(1e-6f));
        // perceptron: max(-y p, 0) = [0, 0; 1.5, 0.2] -> mean 0.425
        assertThat(Losses.perceptron().call(signed, p).item()).isCloseTo(0.425f, within(1e-6f));
    }

    @Test
    void labelSmoothingOnAHandExample() {
        Tensor y = Tensor.of(new float[][] {{0, 1, 0}});
        Tensor p = Tensor.of(new float[][] {{0.2f, 0.7f, 0.1f}});
        // s = 0.3, K = 3: targets become y(1 - s) + s/K = [0.1, 0.8, 0.1]
        double expected = -(0.1 * Math.log(0.2) + 0.8 * Math.log(0.7) + 0.1 * Math.log(0.1));
        assertThat(Losses.categoricalCrossentropy(false, 0.3).call(y, p).item()).isCloseTo((float) expected, within(1e-6f));
        // binary: y(1 - s) + s/2 = 0.85 for y = 1
        Tensor yb = Tensor.of(new float[][] {{1}});
        Tensor pb = Tensor.of(new float[][] {{0.6f}});
        double bce = -(0.85 * Math.log(0.6) + 0.15 * Math.log(0.4));
        assertThat(Losses.binaryCrossentropy(false, 0.3).call(yb, pb).item()).isCloseTo((float) bce, within(1e-6f));
    }

    @Test
    void fromLogitsEqualsTheProbabilityVersionOnModerateInputs() {
        Random random = new Random(3);
        Tensor z = Tensor.randn(random, 6, 4).mul(2f);
        Tensor ids = Tensor.of(0f, 3f, 1f, 2f, 2f, 0f);
        Tensor oneHot = Tensor.zeros(6, 4);
        for (int r = 0; r < 6; r++) {
            oneHot.data()[r * 4 + (int) ids.data()[r]] = 1f;
        }
        Tensor bits = Tensor.rand(random, 6, 4).gt(0.5f);
        assertClose(Losses.binaryCrossentropy(true).perSample(bits, z), Losses.binaryCrossentropy().perSample(bits, z.sigmoid()));
        assertClose(Losses.categoricalCrossentropy(true).perSample(oneHot, z),
                Losses.categoricalCrossentropy().perSample(oneHot, z.softmax(-1)));
        assertClose(Losses.sparseCategoricalCrossentropy(true).perSample(ids, z),
                Losses.sparseCategoricalCrossentropy().perSample(ids, z.softmax(-1)));
        assertClose(Losses.sparseCategoricalCrossentropy(true).perSample(ids.reshape(6, 1), z),
                Losses.categoricalCrossentropy(true).perSample(oneHot, z));
    }

    private static void assertClose(Tensor actual, Tensor expected) {
        float[] a = actual.toArray();
        float[] e = expected.toArray();
        assertThat(a).hasSameSizeAs(e);
        for (int i = 0; i < a.length; i++) {
            assertThat(a[i]).isCloseTo(e[i], within(1e-5f + 1e-5f * Math.abs(e[i])));
        }
    }

    @Test
    void logitLossesStayFiniteAtPlusMinusAThousand() {
        Tensor z = Tensor.of(new float[][] {{1000f, -1000f, 0f}, {-1000f, 1000f, 1000f}}).requiresGrad(true);
        Tensor bits = Tensor.of(new float[][] {{0, 0, 1}, {0, 1, 0}});
        Tensor bce = Losses.binaryCrossentropy(true).call(bits, z);
        // per element: 1000, 0, log 2, 0, 0, 1000
        assertThat(bce.item()).isCloseTo((float) ((2000 + Math.log(2)) / 6), within(1e-3f));
        bce.backward();
        assertFinite(z.grad());
        // gradient (sigmoid(z) - y) / 6, also exactly at z = 0
        assertThat(z.grad().toArray()).containsExactly(new float[] {1f / 6, 0f, -0.5f / 6, 0f, 0f, 1f / 6}, within(1e-7f));

        Tensor z2 = Tensor.of(new float[][] {{1000f, -1000f, 0f}, {-1000f, 1000f, 500f}}).requiresGrad(true);
        Tensor oneHot = Tensor.of(new float[][] {{0, 1, 0}, {0, 1, 0}});
        Tensor cce = Losses.categoricalCrossentropy(true).call(oneHot, z2);
        assertThat(cce.item()).isCloseTo(1000f, within(1e-3f));   // (2000 + 0) / 2
        cce.backward();
        assertFinite(z2.grad());
        Tensor z3 = z2.detach().requiresGrad(true);
        Tensor scce = Losses.sparseCategoricalCrossentropy(true).call(Tensor.of(1f, 1f), z3);
        assertThat(scce.item()).isEqualTo(cce.item());
        scce.backward();
        assertThat(z3.grad().toArray()).containsExactly(z2.grad().toArray());
    }

    @Test
    void probabilityLossesAreClippedAtTheEdges() {
        Tensor p = Tensor.of(new float[][] {{0f, 1f}}).requiresGrad(true);
        Tensor y = Tensor.of(new float[][] {{1f, 0f}});
        Tensor bce = Losses.binaryCrossentropy().call(y, p);
        assertThat(Float.isFinite(bce.item())).isTrue();
        bce.backward();
        assertFinite(p.grad());
    }

    private static void assertFinite(Tensor t) {
        for (float v : t.toArray()) {
            assertThat(Float.isFinite(v)).as("finite: " + t).isTrue();
        }
    }

    @Test
    void regressionLossesByHand() {
        Tensor y = Tensor.of(new float[][] {{1f, 2f}});
        Tensor p = Tensor.of(new float[][] {{1.5f, 5f}});   // d = 0.5, 3
        assertThat(Losses.mae().call(y, p).item()).isCloseTo(1.75f, within(1e-6f));
        assertThat(Losses.huber().call(y, p).item()).isCloseTo((0.125f + 2.5f) / 2, within(1e-6f));
        assertThat(Losses.huber(4).call(y, p).item()).isCloseTo((0.125f + 4.5f) / 2, within(1e-6f));
        assertThat(Losses.mape().call(y, p).item()).isCloseTo((50f + 150f) / 2, within(1e-4f));
        double msle = (Math.pow(Math.log(2.5) - Math.log(2), 2) + Math.pow(Math.log(6) - Math.log(3), 2)) / 2;
        assertThat(Losses.msle().call(y, p).item()).isCloseTo((float) msle, within(1e-6f));
        double logCosh = (Math.log(Math.cosh(0.5)) + Math.log(Math.cosh(3))) / 2;
        assertThat(Losses.logCosh().call(y, p).item()).isCloseTo((float) logCosh, within(1e-6f));
        assertThat(Losses.cosineSimilarity().call(y, y.mul(3f)).item()).isCloseTo(-1f, within(1e-6f));
    }

    @Test
    void categoricalHingeByHand() {
        Tensor y = Tensor.of(new float[][] {{0, 1, 0}, {1, 0, 0}});
        Tensor p = Tensor.of(new float[][] {{0.2f, 0.5f, 0.9f}, {2f, 0.5f, 0.1f}});
        // row 0: neg 0.9, pos 0.5 -> 1.4; row 1: neg 0.5, pos 2 -> 0
        assertThat(Losses.categoricalHinge().perSample(y, p).toArray()).containsExactly(new float[] {1.4f, 0f}, within(1e-6f));
    }

    // ---------------------------------------------------------------- bad input

    @Test
    void shapeMismatchNamesBothShapes() {
        assertThatThrownBy(() -> Losses.mse().call(Tensor.zeros(4, 3), Tensor.zeros(4, 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mse").hasMessageContaining("[4, 3]").hasMessageContaining("[4, 2]");
        assertThatThrownBy(() -> Losses.klDivergence().call(Tensor.zeros(4, 3), Tensor.zeros(5, 3)))
                .hasMessageContaining("[4, 3]").hasMessageContaining("[5, 3]");
    }

    @Test
    void categoricalCrossentropyRejectsClassIdsAndNonOneHotTargets() {
        Tensor p = Tensor.full(0.25f, 3, 4);
        assertThatThrownBy(() -> Losses.categoricalCrossentropy().call(Tensor.of(0f, 1f, 3f), p))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("one-hot").hasMessageContaining("[3]").hasMessageContaining("[3, 4]")
                .hasMessageContaining("sparse_categorical_crossentropy");
        Tensor notOneHot = Tensor.of(new float[][] {{0, 1, 0, 0}, {1, 1, 0, 0}, {0, 0, 0, 1}});
        assertThatThrownBy(() -> Losses.categoricalCrossentropy(true).call(notOneHot, p))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not one-hot").hasMessageContaining("row 1")
                .hasMessageContaining("sparse_categorical_crossentropy");
    }

    @Test
    void sparseCrossentropyNamesTheBadLabel() {
        Tensor z = Tensor.zeros(3, 4);
        assertThatThrownBy(() -> Losses.sparseCategoricalCrossentropy(true).call(Tensor.of(0f, 4f, 1f), z))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("4.0").hasMessageContaining("row 1").hasMessageContaining("4 classes")
                .hasMessageContaining("out of range");
        assertThatThrownBy(() -> Losses.sparseCategoricalCrossentropy(true).call(Tensor.of(0f, 1f, 1.5f), z))
                .hasMessageContaining("1.5").hasMessageContaining("row 2").hasMessageContaining("not an integer");
        assertThatThrownBy(() -> Losses.sparseCategoricalCrossentropy(true).call(Tensor.of(-1f, 1f, 1f), z))
                .hasMessageContaining("-1.0").hasMessageContaining("row 0");
        assertThatThrownBy(() -> Losses.sparseCategoricalCrossentropy(true).call(Tensor.zeros(3, 4), z))
                .hasMessageContaining("[3, 4]").hasMessageContaining("categorical_crossentropy");
    }

    @Test
    void hingeRejectsLabelsOutsideTheTwoConventions() {
        Tensor p = Tensor.zeros(2, 2);
        assertThatThrownBy(() -> Losses.hinge().call(Tensor.of(new float[][] {{1, 2}, {0, 1}}), p))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2.0").hasMessageContaining("-1/+1");
        assertThatThrownBy(() -> Losses.squaredHinge().call(Tensor.of(new float[][] {{1, -1}, {0, 1}}), p))
                .hasMessageContaining("mix");
    }

    @Test
    void badHyperParametersAreRejected() {
        assertThatThrownBy(() -> Losses.huber(0)).hasMessageContaining("delta").hasMessageContaining("0.0");
        assertThatThrownBy(() -> Losses.categoricalCrossentropy(false, 1.5)).hasMessageContaining("label_smoothing");
    }
}
