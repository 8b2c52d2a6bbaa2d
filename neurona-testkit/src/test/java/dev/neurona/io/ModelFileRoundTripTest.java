package dev.neurona.io;

import static dev.neurona.io.Fixtures.assertSameModel;
import static dev.neurona.io.Fixtures.assertSameWeights;
import static dev.neurona.nn.Layers.activation;
import static dev.neurona.nn.Layers.dense;
import static dev.neurona.nn.Layers.dropout;
import static dev.neurona.nn.Layers.flatten;
import static dev.neurona.nn.Layers.input;
import static dev.neurona.nn.Layers.prelu;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.neurona.activations.Activations;
import dev.neurona.losses.Losses;
import dev.neurona.metrics.Metrics;
import dev.neurona.models.Sequential;
import dev.neurona.nn.Dense;
import dev.neurona.nn.PReLU;
import dev.neurona.nn.Regularizer;
import dev.neurona.nn.init.Initializers;
import dev.neurona.optim.Adam;
import dev.neurona.optim.ExponentialDecay;
import dev.neurona.optim.Optimizers;
import dev.neurona.optim.SGD;
import dev.neurona.tensor.Tensor;
import dev.neurona.train.Fit;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Save → load gives the same model: architecture, weights, compile settings, optimizer state, predictions. */
class ModelFileRoundTripTest {

    private static final List<String> OPTIMIZERS =
            List.of("sgd", "adam", "adamw", "adamax", "nadam", "rmsprop", "adagrad", "adadelta");

    @TempDir
    Path dir;

    private Sequential roundTrip(Sequential model) throws IOException {
        Path file = dir.resolve("model.nrn");
        model.save(file);
        return Sequential.load(file);
    }

    @Test
    void everyLayerTypeRoundTripsWithBitIdenticalPredictions() throws IOException {
        Sequential model = new Sequential(
                flatten(2, 3),
                new Dense(5).activation("tanh").kernelInitializer(Initializers.heNormal())
                        .biasInitializer(Initializers.constant(0.1)).kernelRegularizer(Regularizer.l2(0.01))
                        .biasRegularizer(Regularizer.l1(0.001)),
                new PReLU(Initializers.constant(0.25)),
                dropout(0.3),
                new Dense(4).useBias(false),
                prelu(),
                activation("softmax")).seed(11);
        model.compile(new Adam(0.01), "categorical_crossentropy", "accuracy");
        Tensor x = Tensor.randn(new java.util.Random(2), 8, 2, 3);
        Tensor y = Fixtures.classification(3, 8, 4, 4)[1];
        model.fit(x, y, Fit.epochs(2).batchSize(4).verbose(0));

        Sequential loaded = roundTrip(model);

        assertSameModel(model, loaded);
        assertThat(loaded.predict(x).toArray()).containsExactly(model.predict(x).toArray());
        for (var layer : model.layers()) {   // the loader's pre-build bound relies on this
            assertThat(layer.countParams(layer.inputShape())).as(layer.toString()).isEqualTo(layer.countParams());
        }
        Sequential withInput = new Sequential(input(3), dense(2, "relu")).seed(5);
        assertSameModel(withInput, roundTrip(withInput));
    }

    @Test
    void everyActivationRoundTripsByName() throws IOException {
        Tensor x = Tensor.randn(new java.util.Random(4), 5, 3);
        List<String> names = new ArrayList<>(Activations.names());
        names.add("leaky_relu");
        for (String name : names) {
            Sequential model = new Sequential(input(3), dense(4, name), activation(name)).seed(name.hashCode());
            Sequential loaded = roundTrip(model);
            assertThat(loaded.layers().get(1).config()).as(name).isEqualTo(model.layers().get(1).config());
            assertThat(loaded.predict(x).toArray()).as(name).containsExactly(model.predict(x).toArray());
        }
        Sequential custom = new Sequential(input(3), dense(4, Activations.leakyRelu(0.2)),
                activation(Activations.elu(0.5)), activation(Activations.gelu(true)), activation(Activations.softmax(1)));
        Sequential loaded = roundTrip(custom);
        assertSameModel(custom, loaded);
        assertThat(loaded.predict(x).toArray()).containsExactly(custom.predict(x).toArray());
    }

    @Test
    void everyLossRoundTrips() throws IOException {
        for (String name : Losses.names()) {
            Sequential model = new Sequential(input(3), dense(2, "sigmoid"));
            model.compile(new SGD(0.1), Losses.get(name));
            Sequential loaded = roundTrip(model);
            assertThat(loaded.loss().config()).as(name).isEqualTo(model.loss().config());
        }
        Sequential model = new Sequential(input(3), dense(2));
        model.compile(new SGD(0.1), Losses.categoricalCrossentropy(true, 0.1));
        assertThat(roundTrip(model).loss().config()).isEqualTo(model.loss().config());
        model.compile(new SGD(0.1), Losses.huber(2.5));
        assertThat(roundTrip(model).loss().config()).isEqualTo(model.loss().config());
    }

    @Test
    void everyOptimizerRoundTripsWithItsStateAndContinuesIdentically() throws IOException {
        Tensor[] data = Fixtures.classification(5, 40, 3, 2);
        for (String name : OPTIMIZERS) {
            Sequential model = new Sequential(input(3), dense(6, "relu"), dense(2, "softmax")).seed(3);
            model.compile(Optimizers.get(name), "categorical_crossentropy");
            model.fit(data[0], data[1], Fit.epochs(2).batchSize(8).verbose(0));

            Sequential loaded = roundTrip(model);
            assertSameModel(model, loaded);
            Map<String, float[]> expectedState = model.optimizer().exportState();
            Map<String, float[]> loadedState = loaded.optimizer().exportState();
            assertThat(loadedState.keySet()).as(name).isEqualTo(expectedState.keySet());
            expectedState.forEach((k, v) -> assertThat(loadedState.get(k)).as(name + " " + k).containsExactly(v));

            model.fit(data[0], data[1], Fit.epochs(2).batchSize(8).verbose(0));
            loaded.fit(data[0], data[1], Fit.epochs(2).batchSize(8).verbose(0));
            assertSameWeights(model, loaded);
        }
    }

    @Test
    void optimizerSettingsAndSchedulesRoundTrip() throws IOException {
        Sequential model = new Sequential(input(2), dense(1));
        model.compile(new SGD(0.1).momentum(0.9).nesterov(true).clipNorm(1.0).weightDecay(1e-4)
                .learningRate(new ExponentialDecay(0.1, 10, 0.5)), Losses.mse());
        assertThat(roundTrip(model).optimizer().config()).isEqualTo(model.optimizer().config());
    }

    @Test
    void metricsRoundTripAsGivenAndEvaluateAlike() throws IOException {
        Tensor[] data = Fixtures.classification(6, 30, 3, 1);
        Sequential model = new Sequential(input(3), dense(1, "sigmoid")).seed(8);
        model.compile(new Adam(0.01), Losses.binaryCrossentropy(), Metrics.accuracy(), Metrics.precision(),
                Metrics.auc(), Metrics.binaryAccuracy(0.3));
        model.fit(data[0], data[1], Fit.epochs(1).verbose(0));
        Sequential loaded = roundTrip(model);
        assertThat(loaded.evaluate(data[0], data[1])).isEqualTo(model.evaluate(data[0], data[1]));

        Sequential byName = new Sequential(input(3), dense(1, "sigmoid"));
        byName.compile("rmsprop", "binary_crossentropy", "accuracy", "mae", "recall");
        assertThat(roundTrip(byName).evaluate(data[0], data[1]).keySet())
                .containsExactly("loss", "accuracy", "mae", "recall");
    }

    @Test
    void uncompiledModelsRoundTripUncompiled() throws IOException {
        Sequential model = new Sequential(input(4), dense(3, "relu"), dense(1)).seed(9);
        Sequential loaded = roundTrip(model);
        assertSameModel(model, loaded);
        assertThat(loaded.isCompiled()).isFalse();
        assertThatThrownBy(() -> model.save(dir.resolve("x.nrn"), true))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not compiled");
        assertThatThrownBy(() -> new Sequential(dense(3)).save(dir.resolve("y.nrn")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not built");
    }

    @Test
    void theFileHoldsConfigWeightsAndOptimizerEntries() throws IOException {
        Sequential model = new Sequential(input(2), dense(3), dense(1)).seed(1);
        model.compile(new Adam(0.01), "mse");
        model.fit(Tensor.of(new float[][] {{1, 2}, {3, 4}}), Tensor.of(new float[][] {{1}, {0}}), Fit.epochs(1).verbose(0));
        Path file = dir.resolve("m.nrn");
        model.save(file);
        Map<String, byte[]> entries = Fixtures.entries(file);
        assertThat(entries.keySet()).containsExactly("config.json", "weights.npz", "optimizer.npz");
        String json = new String(entries.get("config.json"), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(json).contains("\"format_version\" : " + dev.neurona.io.ModelSnapshot.FORMAT_VERSION, "\"library_version\"", "\"Sequential\"", "\"input_shape\"");
        Path weights = dir.resolve("w.npz");
        java.nio.file.Files.write(weights, entries.get("weights.npz"));
        assertThat(Fixtures.entries(weights).keySet())
                .containsExactly("dense_1/kernel.npy", "dense_1/bias.npy", "dense_2/kernel.npy", "dense_2/bias.npy");
        java.nio.file.Files.write(weights, entries.get("optimizer.npz"));
        assertThat(Fixtures.entries(weights).keySet()).contains("iterations.npy", "dense_1/kernel/m.npy",
                "dense_2/bias/v.npy");

        model.save(file, false);
        assertThat(Fixtures.entries(file).keySet()).containsExactly("config.json", "weights.npz");
        Sequential loaded = Sequential.load(file);
        assertThat(loaded.isCompiled()).isTrue();
        assertThat(loaded.optimizer().iterations()).isZero();
    }

    @Test
    void savingTwiceGivesTheSameBytes() throws IOException {
        Sequential model = new Sequential(input(2), dense(3), dense(1)).seed(1);
        model.compile(new Adam(0.01), "mse");
        model.save(dir.resolve("a.nrn"));
        model.save(dir.resolve("b.nrn"));
        assertThat(dir.resolve("b.nrn")).hasSameBinaryContentAs(dir.resolve("a.nrn"));
    }
}
