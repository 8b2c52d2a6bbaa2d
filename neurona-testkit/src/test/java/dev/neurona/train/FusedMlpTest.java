package dev.neurona.train;

import static dev.neurona.nn.Layers.dense;
import static dev.neurona.nn.Layers.dropout;
import static dev.neurona.nn.Layers.flatten;
import static dev.neurona.nn.Layers.input;
import static org.assertj.core.api.Assertions.assertThat;

import dev.neurona.activations.Activations;
import dev.neurona.losses.Loss;
import dev.neurona.losses.Losses;
import dev.neurona.models.Sequential;
import dev.neurona.nn.Dense;
import dev.neurona.nn.Layer;
import dev.neurona.nn.Mode;
import dev.neurona.nn.Normalization;
import dev.neurona.nn.Regularizer;
import dev.neurona.optim.Adam;
import dev.neurona.tensor.Parameter;
import dev.neurona.tensor.Tensor;
import dev.neurona.testkit.Tolerance;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The fused MLP fast path against its oracle, the autograd path. */
class FusedMlpTest {

    static Stream<Arguments> networks() {
        return Stream.of(
                Arguments.of("relu-tanh-softmax / cce", List.of("relu", "tanh"), "softmax", Losses.get("categorical_crossentropy")),
                Arguments.of("sigmoid / bce", List.of("sigmoid"), "sigmoid", Losses.get("binary_crossentropy")),
                Arguments.of("elu-selu / mse", List.of("elu", "selu"), "linear", Losses.get("mse")),
                Arguments.of("softplus-softsign-silu / mse through tanh", List.of("softplus", "softsign", "silu"), "tanh",
                        Losses.get("mse")),
                Arguments.of("hard_sigmoid-gelu / cce from logits", List.of("hard_sigmoid", "gelu"), "linear",
                        Losses.categoricalCrossentropy(true)),
                Arguments.of("leaky_relu / bce from logits", List.of("leaky_relu"), "linear", Losses.binaryCrossentropy(true)));
    }

    private static Sequential model(List<String> hidden, String output, int outputs, long seed) {
        Sequential m = new Sequential(input(5), new Normalization()).seed(seed);
        for (String h : hidden) {
            m.add(dense(7, h.equals("leaky_relu") ? Activations.leakyRelu(0.1f) : Activations.get(h)));
        }
        m.add(dense(outputs, output));
        m.build(5);
        ((Normalization) m.layers().get(1)).adapt(Tensor.randn(new Random(2), 20, 5).mul(2f).add(1f));
        return m;
    }

    private static Tensor targets(Loss loss, int rows, int outputs, Random r) {
        float[] y = new float[rows * outputs];
        for (int i = 0; i < rows; i++) {
            if (loss.name().equals("categorical_crossentropy")) {
                y[i * outputs + r.nextInt(outputs)] = 1f;
            } else {
                for (int j = 0; j < outputs; j++) {
                    y[i * outputs + j] = loss.name().equals("mse") ? (float) r.nextGaussian() : r.nextInt(2);
                }
            }
        }
        return Tensor.of(y, rows, outputs);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("networks")
    void gradientsEqualAutograds(String name, List<String> hidden, String output, Loss loss) {
        int outputs = 3;
        Sequential m = model(hidden, output, outputs, 1);
        Random r = new Random(3);
        Tensor x = Tensor.randn(r, 9, 5).mul(2f);
        Tensor y = targets(loss, 9, outputs, r);
        FusedMlp plan = FusedMlp.compile(m.layers(), loss);
        assertThat(plan).as("the fast path handles %s", name).isNotNull();
        assertThat(plan.accepts(x, y)).isTrue();

        List<Parameter> params = m.trainableParameters();
        params.forEach(Parameter::zeroGrad);
        float fusedLoss = plan.computeGradients(x, y, List.of(), true);
        List<float[]> fused = params.stream().map(p -> p.grad().toArray()).toList();
        plan.computeGradients(x, y, List.of(), true);
        for (int i = 0; i < params.size(); i++) {
            assertThat(params.get(i).grad().toArray()).as("accumulating adds a second copy of %s", params.get(i).name())
                    .usingComparatorWithPrecision(1e-5f).containsExactly(times2(fused.get(i)));
        }
        plan.computeGradients(x, y, List.of(), false);
        for (int i = 0; i < params.size(); i++) {
            assertThat(params.get(i).grad().toArray()).as("overwriting replaces %s", params.get(i).name())
                    .containsExactly(fused.get(i));
        }
        float[] fusedOut = plan.forward(x).toArray();

        params.forEach(Parameter::zeroGrad);
        Tensor out = m.forward(x, Mode.TRAINING);
        Tensor value = loss.call(y, out);
        value.backward();
        assertThat(fusedOut).as("forward values are bit-identical").containsExactly(out.toArray());
        Tolerance.FLOAT32.assertClose(fusedLoss, value.item(), name + " loss");
        for (int i = 0; i < params.size(); i++) {
            Tolerance.FLOAT32.assertClose(fused.get(i), toDouble(params.get(i).grad().toArray()),
                    name + " gradient of " + params.get(i).name());
        }
    }

    @Test
    void fitWithTheFastPathFollowsAutogradsTrajectory() {
        Sequential fast = model(List.of("relu", "tanh"), "softmax", 4, 5);
        Sequential slow = model(List.of("relu", "tanh"), "softmax", 4, 5);
        Random r = new Random(9);
        Tensor x = Tensor.randn(r, 64, 5);
        Tensor y = targets(Losses.get("categorical_crossentropy"), 64, 4, r);
        Fit fit = Fit.epochs(5).batchSize(16).seed(1).verbose(0);
        fast.compile(new Adam(0.01), "categorical_crossentropy", "accuracy");
        History h1 = fast.fit(x, y, fit);
        slow.compile(new Adam(0.01), "categorical_crossentropy", "accuracy");
        // the same model behind a Network that hides its layers, so the step must use autograd
        History h2 = new Trainer(autogradOnly(slow), slow.loss(), slow.optimizer(),
                List.of(dev.neurona.metrics.Metrics.get("accuracy", slow.loss(), y.shape())))
                .fit(dev.neurona.data.Dataset.of(x, y), fit, 0);
        for (int i = 0; i < fast.getWeights().size(); i++) {
            new Tolerance(1e-3, 1e-4).assertClose(fast.getWeights().get(i), toDouble(slow.getWeights().get(i).toArray()),
                    "weights " + i + " after 5 epochs");
        }
        new Tolerance(1e-3, 1e-5).assertClose(h1.last("loss"), h2.last("loss"), "last epoch loss");
        assertThat(h1.get("accuracy")).isEqualTo(h2.get("accuracy"));
    }

    @Test
    void declinesWhatItDoesNotHandle() {
        Loss cce = Losses.get("categorical_crossentropy");
        Sequential withDropout = new Sequential(input(4), dense(3, "relu"), dropout(0.5), dense(2, "softmax"));
        withDropout.build(4);
        assertThat(FusedMlp.compile(withDropout.layers(), cce)).isNull();
        Sequential regularized = new Sequential(input(4), new Dense(2).activation("softmax").kernelRegularizer(Regularizer.l2(0.1)));
        regularized.build(4);
        assertThat(FusedMlp.compile(regularized.layers(), cce)).isNull();
        Sequential plain = new Sequential(input(4), dense(2, "softmax"));
        plain.build(4);
        assertThat(FusedMlp.compile(plain.layers(), Losses.get("hinge"))).isNull();
        assertThat(FusedMlp.compile(plain.layers(), Losses.get("mse"))).as("mse after softmax").isNull();
        FusedMlp plan = FusedMlp.compile(plain.layers(), cce);
        assertThat(plan.accepts(Tensor.zeros(3, 4), Tensor.zeros(3, 2))).as("rows that are not distributions").isFalse();
        assertThat(plan.accepts(Tensor.zeros(3, 4), Tensor.zeros(3, 1))).as("class ids").isFalse();
        Sequential images = new Sequential(flatten(2, 2), dense(2, "softmax"));
        images.build(2, 2);
        assertThat(FusedMlp.compile(images.layers(), cce)).as("flatten in front is fine").isNotNull();
    }

    @Test
    void predictTakesTheFusedForwardAndEqualsTheLayerByLayerPass() {
        Sequential m = new Sequential(input(6), dense(16, "relu"), dropout(0.3), dense(8, "tanh"), dense(3, "softmax"));
        m.build(6);
        assertThat(FusedMlp.compile(m.layers(), null)).as("dropout is a no-op at inference").isNotNull();
        Tensor x = Tensor.randn(new Random(4), 70, 6);
        Tensor layerByLayer = x;
        for (Layer layer : m.layers()) {
            layerByLayer = layer.call(layerByLayer, Mode.INFERENCE);
        }
        assertThat(m.predict(x).toArray()).containsExactly(layerByLayer.toArray());
        assertThat(m.predict(x, 16).toArray()).containsExactly(layerByLayer.toArray());
        Tensor once = m.predict(x.slice(0, 1));
        m.predict(x.slice(1, 2));
        assertThat(once.toArray()).as("a result is the caller's, not a reused buffer").containsExactly(
                layerByLayer.slice(0, 1).toArray());
    }

    @Test
    void changingAnActivationAfterCompilingIsNoticed() {
        Sequential m = new Sequential(input(2), dense(2, "relu"), dense(1));
        m.build(2);
        FusedMlp plan = FusedMlp.compile(m.layers(), Losses.get("mse"));
        assertThat(plan.isCurrent()).isTrue();
        ((Dense) m.layers().get(1)).activation("tanh");
        assertThat(plan.isCurrent()).isFalse();
    }

    private static Network autogradOnly(Sequential m) {
        return new Network() {
            @Override public Tensor forward(Tensor x, Mode mode) { return m.forward(x, mode); }
            @Override public List<Parameter> trainableParameters() { return m.trainableParameters(); }
            @Override public Tensor regularizationLoss() { return m.regularizationLoss(); }
            @Override public List<Tensor> getWeights() { return m.getWeights(); }
            @Override public void setWeights(List<Tensor> w) { m.setWeights(w); }
            @Override public List<Layer> layers() { return List.of(); }
        };
    }

    private static float[] times2(float[] v) {
        float[] d = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = 2 * v[i];
        }
        return d;
    }

    private static double[] toDouble(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }
}
