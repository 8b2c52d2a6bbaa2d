package dev.neurona.io;

import static dev.neurona.nn.Layers.activation;
import static dev.neurona.nn.Layers.dense;
import static dev.neurona.nn.Layers.dropout;
import static dev.neurona.nn.Layers.flatten;
import static dev.neurona.nn.Layers.input;
import static dev.neurona.nn.Layers.normalization;
import static dev.neurona.nn.Layers.prelu;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.neurona.models.Sequential;
import dev.neurona.nn.Normalization;
import dev.neurona.nn.Regularizer;
import dev.neurona.optim.Adam;
import dev.neurona.optim.RMSprop;
import dev.neurona.optim.SGD;
import dev.neurona.tensor.Tensor;
import dev.neurona.train.Fit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Writes the format-version-1 model files that {@link V1FixtureTest} loads: models as
 * main saves them (written by the commit that added them, in session 5, before the model
 * format changes for the functional Model), with the predictions each gave on fixed inputs.
 * Run once from the repository root, never by the build:
 *
 * <pre>java -cp &lt;testkit test class path&gt; dev.neurona.io.V1Fixtures</pre>
 */
public final class V1Fixtures {

    static final Path DIR = Path.of("neurona-testkit", "src", "test", "resources", "dev", "neurona", "io", "v1");

    /** One fixture: the model (trained a little) and its input width. */
    record Fixture(String name, Supplier<Sequential> model, int[] inputShape, int outputs, String loss) {
    }

    static List<Fixture> fixtures() {
        return List.of(
                new Fixture("mlp_adam", () -> {
                    Sequential m = new Sequential(input(4), dense(8, "relu"), dense(3, "softmax")).seed(1);
                    m.compile(new Adam(0.01), "categorical_crossentropy", "accuracy");
                    return m;
                }, new int[] {4}, 3, "categorical_crossentropy"),
                new Fixture("dropout_rmsprop_l2", () -> {
                    Sequential m = new Sequential(input(4), dense(16, "tanh").kernelRegularizer(Regularizer.l2(1e-3)),
                            dropout(0.25), dense(2, "softmax")).seed(2);
                    m.compile(new RMSprop(1e-3), "categorical_crossentropy");
                    return m;
                }, new int[] {4}, 2, "categorical_crossentropy"),
                new Fixture("normalization_huber_sgd", () -> {
                    Sequential m = new Sequential(input(4), normalization(), dense(6, "elu"), prelu(), dense(1)).seed(3);
                    m.compile(new SGD(0.01).momentum(0.9), "huber");
                    return m;
                }, new int[] {4}, 1, "huber"),
                new Fixture("flatten_sigmoid", () -> {
                    Sequential m = new Sequential(input(2, 3), flatten(), dense(5), activation("gelu"),
                            dense(1, "sigmoid")).seed(4);
                    m.compile(new Adam(), "binary_crossentropy");
                    return m;
                }, new int[] {2, 3}, 1, "binary_crossentropy"));
    }

    /** Random inputs and targets for a fixture: deterministic in its name. */
    static Tensor[] data(Fixture f, int rows) {
        Random r = new Random(f.name().hashCode());
        int[] shape = new int[f.inputShape().length + 1];
        shape[0] = rows;
        System.arraycopy(f.inputShape(), 0, shape, 1, f.inputShape().length);
        Tensor x = Tensor.randn(r, shape);
        float[] y = new float[rows * f.outputs()];
        for (int i = 0; i < rows; i++) {
            if (f.loss().equals("categorical_crossentropy")) {
                y[i * f.outputs() + r.nextInt(f.outputs())] = 1f;
            } else if (f.loss().equals("binary_crossentropy")) {
                y[i] = r.nextBoolean() ? 1f : 0f;
            } else {
                y[i] = (float) r.nextGaussian();
            }
        }
        return new Tensor[] {x, Tensor.of(y, rows, f.outputs())};
    }

    public static void main(String[] args) throws Exception {
        Files.createDirectories(DIR);
        Map<String, Object> expected = new LinkedHashMap<>();
        for (Fixture f : fixtures()) {
            Sequential m = f.model().get();
            Tensor[] d = data(f, 32);
            m.build(f.inputShape());
            for (var layer : m.layers()) {
                if (layer instanceof Normalization n) {
                    n.adapt(d[0]);
                }
            }
            m.fit(d[0], d[1], Fit.epochs(3).batchSize(8).verbose(0));
            m.save(DIR.resolve(f.name() + ".nrn"));
            Tensor probe = data(f, 5)[0];
            expected.put(f.name(), Map.of("inputs", probe.toArray(), "shape", probe.shape(),
                    "predictions", m.predict(probe).toArray()));
        }
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(DIR.resolve("expected.json").toFile(), expected);
        System.out.println("wrote " + fixtures().size() + " fixtures to " + DIR);
    }

    private V1Fixtures() {
    }
}
