package dev.neurona.names;

import static dev.neurona.nn.Layers.dense;
import static dev.neurona.nn.Layers.input;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.neurona.activations.Activation;
import dev.neurona.activations.Activations;
import dev.neurona.io.ModelFileException;
import dev.neurona.losses.Loss;
import dev.neurona.losses.Losses;
import dev.neurona.models.Sequential;
import dev.neurona.nn.Layer;
import dev.neurona.nn.Layers;
import dev.neurona.nn.Mode;
import dev.neurona.tensor.Tensor;
import dev.neurona.train.Fit;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user's own layer, activation and loss, registered with {@link Registry}, work wherever the
 * built-in ones do: by name in {@code dense(...)} and {@code compile(...)}, and through
 * {@code Sequential.save}/{@code load}. Every registration is undone after each test, so the
 * rest of the suite sees only the built-ins.
 */
class RegistryTest {

    @TempDir
    Path dir;

    @AfterEach
    void unregister() {
        for (Class<?> type : List.of(Square.class, Half.class, Quartic.class, OtherSquare.class)) {
            Registry.unregister(type);
        }
    }

    /** {@code y = scale·x²}: a user's layer with one setting. */
    static final class Square extends Layer {
        private final double scale;

        Square(double scale) {
            this.scale = scale;
        }

        static Square fromConfig(Map<String, Object> config) {
            return new Square(ConfigKeys.of(config).only("type", "name", "scale").number("scale", -Float.MAX_VALUE,
                    Float.MAX_VALUE));
        }

        @Override
        protected Tensor forward(Tensor x, Mode mode) {
            return x.mul(x).mul((float) scale);
        }

        @Override
        public long countParams(int[] inputShape) {
            return 0;
        }

        @Override
        protected Map<String, Object> settings() {
            return Map.of("scale", scale);
        }
    }

    /** Another class that would take the name "Square". */
    static final class OtherSquare extends Layer {
        @Override
        protected Tensor forward(Tensor x, Mode mode) {
            return x;
        }

        @Override
        public long countParams(int[] inputShape) {
            return 0;
        }
    }

    /** {@code f(x) = x / 2}, a user's activation named {@code "half"}. */
    static final class Half implements Activation {
        @Override
        public Tensor apply(Tensor x) {
            return x.mul(0.5f);
        }

        @Override
        public String name() {
            return "half";
        }
    }

    /** The mean of {@code (ŷ − y)⁴} over each sample, a user's loss named {@code "quartic"}. */
    static final class Quartic extends Loss {
        @Override
        public Tensor perSample(Tensor yTrue, Tensor yPred) {
            return yPred.sub(yTrue).square().square().mean(1);
        }

        @Override
        public String name() {
            return "quartic";
        }
    }

    private Sequential squareModel() {
        Sequential model = new Sequential(input(3), dense(4, "tanh"), new Square(1.5), dense(2)).seed(7);
        model.compile("adam", "mse");
        return model;
    }

    @Test
    void aRegisteredLayerSavesAndLoadsBackPredictingBitIdentically() throws IOException {
        Registry.register(Square.class, Square::fromConfig);
        Sequential model = squareModel();
        Tensor x = Tensor.randn(new Random(3), 6, 3);
        model.fit(x, Tensor.randn(new Random(4), 6, 2), Fit.epochs(2).batchSize(3).verbose(0));
        Path file = dir.resolve("square.nrn");
        model.save(file);

        Sequential loaded = Sequential.load(file);

        assertThat(loaded.layers().get(2)).isInstanceOf(Square.class);
        assertThat(loaded.layers().get(2).config()).isEqualTo(Map.of("type", "Square", "name", "square_1", "scale", 1.5));
        assertThat(loaded.predict(x).toArray()).containsExactly(model.predict(x).toArray());
    }

    @Test
    void beforeRegistrationLoadingFailsListingTheKnownTypes() throws IOException {
        Sequential model = squareModel();
        Path file = dir.resolve("square.nrn");
        model.save(file);

        assertThatThrownBy(() -> Sequential.load(file)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("unknown layer type 'Square'")
                .hasMessageContaining("known layer types: " + Registry.names(Layer.class));   // every one, sorted
        assertThat(Registry.names(Layer.class)).contains("Activation", "Add", "Average", "BatchNormalization", "Concatenate",
                "Dense", "Dot", "Dropout", "Flatten", "Functional", "Input", "Multiply", "Normalization", "PReLU",
                "Sequential", "ZeroPadding2D").doesNotContain("Square");
        Registry.register(Square.class, Square::fromConfig);
        assertThat(Sequential.load(file).layers().get(2)).isInstanceOf(Square.class);   // after input and dense_1
    }

    @Test
    void unknownNamesListAndSuggestTheUsersTypes() {
        Registry.register(Square.class, Square::fromConfig);
        Registry.register("half", Half.class, c -> new Half());

        assertThatThrownBy(() -> Layers.fromConfig(Map.of("type", "Sqare")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("type: unknown layer type 'Sqare' (did you mean 'Square'?); known layer types: [")
                .hasMessageContaining("Square");
        assertThatThrownBy(() -> dense(2, "hlaf"))
                .hasMessageStartingWith("unknown activation 'hlaf' (did you mean 'half'?); known activations: [")
                .hasMessageContaining(", half, ");
        assertThat(Registry.names(Layer.class)).contains("Square", "Dense");
        assertThat(Activations.names()).contains("half", "relu", "swish");
    }

    @Test
    void aRegisteredActivationAndLossWorkByNameInDenseCompileAndModelFiles() throws IOException {
        Registry.register("half", Half.class, c -> new Half());
        Registry.register("quartic", Quartic.class, c -> new Quartic());
        Sequential model = new Sequential(input(3), dense(2, "half")).seed(5);
        model.compile("sgd", "quartic");
        Tensor x = Tensor.randn(new Random(1), 5, 3);
        Tensor y = Tensor.randn(new Random(2), 5, 2);

        float[] p = model.predict(x).toArray();
        float[] t = y.toArray();
        double expected = 0;
        for (int i = 0; i < p.length; i++) {
            double d = (double) p[i] - t[i];
            expected += d * d * d * d;
        }
        expected /= p.length;
        assertThat(model.loss()).isInstanceOf(Quartic.class);
        assertThat(model.evaluate(x, y).get("loss")).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-5 * expected));
        float[] kernelTimesX = new Sequential(input(3), dense(2)).seed(5).predict(x).toArray();
        for (int i = 0; i < p.length; i++) {   // the same initial weights, halved
            assertThat(p[i]).isEqualTo(kernelTimesX[i] * 0.5f);
        }

        model.fit(x, y, Fit.epochs(1).batchSize(5).verbose(0));
        Path file = dir.resolve("half.nrn");
        model.save(file);
        Sequential loaded = Sequential.load(file);
        assertThat(loaded.loss()).isInstanceOf(Quartic.class);
        assertThat(loaded.layers().get(1).config().get("activation")).isEqualTo(Map.of("name", "half"));
        assertThat(loaded.predict(x).toArray()).containsExactly(model.predict(x).toArray());
        assertThat(Losses.get("Quartic")).isInstanceOf(Quartic.class);   // Names-style spelling
    }

    @Test
    void aNameTakenByAnotherClassOfTheKindIsRefusedNamingBoth() {
        Registry.register(Square.class, Square::fromConfig);
        Registry.register(Square.class, c -> new Square(2));   // the same class again replaces the factory
        assertThat(((Square) Layers.fromConfig(Map.of("type", "Square"))).scale).isEqualTo(2.0);

        assertThatThrownBy(() -> Registry.register("Square", OtherSquare.class, c -> new OtherSquare()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("layer type name 'Square' is taken by " + Square.class.getName())
                .hasMessageContaining("cannot register " + OtherSquare.class.getName());
        assertThatThrownBy(() -> Registry.register("relu", Half.class, c -> new Half()))
                .hasMessageContaining("activation name 'relu' is taken by dev.neurona.activations.SimpleActivation")
                .hasMessageContaining(Half.class.getName());
        assertThatThrownBy(() -> Registry.register("mse", Quartic.class, c -> new Quartic()))
                .hasMessageContaining("loss name 'mse' is taken by dev.neurona.losses.MeanSquaredError");
        // the same name in another kind is no clash: "mse" is a loss and a metric
        Registry.register("Square", Half.class, c -> new Half());
        assertThat(Activations.get("square")).isInstanceOf(Half.class);
    }

    @Test
    void aClassOfNoKindIsRefusedNamingTheKnownKinds() {
        Layers.input(1);   // the built-in kinds are known once their facades have run
        Losses.names();
        assertThatThrownBy(() -> Registry.register(String.class, c -> "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.String is not of a kind the registry knows; known kinds: [")
                .hasMessageContaining("Activation")
                .hasMessageContaining("Layer")
                .hasMessageContaining("Loss")
                .hasMessageContaining("Regularizer");
        assertThatThrownBy(() -> Registry.names(String.class)).hasMessageContaining("java.lang.String is not a kind");
    }
}
