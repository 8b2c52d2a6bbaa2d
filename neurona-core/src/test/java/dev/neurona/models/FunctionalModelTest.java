package dev.neurona.models;

import static dev.neurona.nn.Layers.add;
import static dev.neurona.nn.Layers.concatenate;
import static dev.neurona.nn.Layers.dense;
import static dev.neurona.nn.Layers.dot;
import static dev.neurona.nn.Layers.dropout;
import static dev.neurona.nn.Layers.input;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.neurona.data.Dataset;
import dev.neurona.nn.Dense;
import dev.neurona.nn.Input;
import dev.neurona.nn.Mode;
import dev.neurona.nn.SymbolicTensor;
import dev.neurona.optim.Adam;
import dev.neurona.tensor.NoGrad;
import dev.neurona.tensor.Parameter;
import dev.neurona.tensor.Tensor;
import dev.neurona.train.Fit;
import dev.neurona.train.History;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Functional models: graphs of layers over symbolic inputs, trained through the one engine. */
class FunctionalModelTest {

    private static Tensor random(Random r, int... shape) {
        Tensor t = Tensor.zeros(shape);
        float[] v = new float[t.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        t.assign(v);
        return t;
    }

    /** Class = argmax of the first three features. */
    private static Tensor classes(Tensor x) {
        float[] v = x.toArray();
        int n = x.dim(0);
        int w = v.length / n;
        float[] c = new float[n];
        for (int i = 0; i < n; i++) {
            int best = 0;
            for (int k = 1; k < 3; k++) {
                if (v[i * w + k] > v[i * w + best]) {
                    best = k;
                }
            }
            c[i] = best;
        }
        return Tensor.of(c, n, 1);
    }

    @Test
    void aFunctionalMlpTrainsBitForBitAsTheSequentialOne() {
        Random r = new Random(3);
        Tensor x = random(r, 96, 4);
        Tensor y = classes(x);
        SymbolicTensor in = Input.of(4);
        SymbolicTensor h = dropout(0.1).apply(dense(8, "relu").apply(in));
        Model functional = new Model(in, dense(3, "softmax").apply(h));
        Sequential sequential = new Sequential(input(4), dense(8, "relu"), dropout(0.1), dense(3, "softmax"));
        for (Model m : List.of(functional, sequential)) {
            m.compile(new Adam(0.01), "sparse_categorical_crossentropy", "accuracy");
        }
        History hf = functional.fit(x, y, Fit.epochs(3).batchSize(16).verbose(0));
        History hs = sequential.fit(x, y, Fit.epochs(3).batchSize(16).verbose(0));

        assertThat(hf.get("loss")).isEqualTo(hs.get("loss"));
        List<Tensor> wf = functional.getWeights();
        List<Tensor> ws = sequential.getWeights();
        assertThat(wf).hasSameSizeAs(ws);
        for (int i = 0; i < wf.size(); i++) {
            assertThat(wf.get(i).toArray()).isEqualTo(ws.get(i).toArray());
        }
        assertThat(functional.predict(x).toArray()).isEqualTo(sequential.predict(x).toArray());
        assertThat(functional.parameters().stream().map(Parameter::name))
                .containsExactly("dense_1/kernel", "dense_1/bias", "dense_2/kernel", "dense_2/bias");
    }

    @Test
    void aTwoInputTwoOutputModelTrainsWithWeightedLosses() {
        Random r = new Random(5);
        Tensor a = random(r, 256, 4);
        Tensor b = random(r, 256, 3);
        Tensor cls = classes(a);
        float[] bv = b.toArray();
        float[] target = new float[256];
        for (int i = 0; i < 256; i++) {
            target[i] = bv[i * 3] - 2 * bv[i * 3 + 1];
        }
        Tensor value = Tensor.of(target, 256, 1);
        SymbolicTensor inA = Input.of(4).name("a");
        SymbolicTensor inB = Input.of(3).name("b");
        SymbolicTensor trunk = dense(16, "tanh").apply(concatenate().apply(inA, inB));
        SymbolicTensor classOut = dense(3, "softmax").name("class").apply(trunk);
        SymbolicTensor valueOut = dense(1).name("value").apply(trunk);
        Model m = new Model(List.of(inA, inB), List.of(classOut, valueOut));
        m.compile(new Adam(0.02), Map.of("class", "sparse_categorical_crossentropy", "value", "mse"),
                Map.of("value", 0.5), Map.of("class", List.of("accuracy")));
        Map<String, Double> before = m.evaluate(List.of(a, b), List.of(cls, value));
        History h = m.fit(Dataset.of(Map.of("a", a, "b", b), Map.of("class", cls, "value", value)),
                Fit.epochs(40).batchSize(32).verbose(0));
        Map<String, Double> after = m.evaluate(List.of(a, b), List.of(cls, value));

        assertThat(h.keys()).contains("loss", "class_loss", "value_loss", "class_accuracy");
        assertThat(after.get("loss")).isCloseTo(after.get("class_loss") + 0.5 * after.get("value_loss"),
                org.assertj.core.api.Assertions.within(1e-4));
        assertThat(after.get("loss")).isLessThan(before.get("loss") * 0.3);
        assertThat(after.get("class_accuracy")).isGreaterThan(0.85);
        assertThat(after.get("value_loss")).isLessThan(0.1);
        List<Tensor> predictions = m.predict(List.of(a, b));
        assertThat(predictions).hasSize(2);
        assertThat(predictions.get(0).shape()).containsExactly(256, 3);
        assertThat(predictions.get(1).shape()).containsExactly(256, 1);
    }

    @Test
    void aSharedLayerSiameseToyLearnsOneSetOfWeights() {
        Random r = new Random(11);
        int n = 400;
        Tensor left = random(r, n, 6);
        float[] lv = left.toArray();
        float[] rv = new float[n * 6];
        float[] same = new float[n];
        for (int i = 0; i < n; i++) {
            boolean match = i % 2 == 0;
            same[i] = match ? 1 : 0;
            for (int j = 0; j < 6; j++) {
                rv[i * 6 + j] = match ? lv[i * 6 + j] + 0.1f * (float) r.nextGaussian() : (float) r.nextGaussian();
            }
        }
        Tensor right = Tensor.of(rv, n, 6);
        Tensor y = Tensor.of(same, n, 1);
        Dense encoder = dense(8, "tanh");
        SymbolicTensor inL = Input.of(6).name("left");
        SymbolicTensor inR = Input.of(6).name("right");
        SymbolicTensor score = dot(1, true).apply(encoder.apply(inL), encoder.apply(inR));
        Model m = new Model(List.of(inL, inR), List.of(dense(1, "sigmoid").apply(score)));
        m.compile(new Adam(0.02), "binary_crossentropy", "accuracy");
        m.fit(List.of(left, right), y, Fit.epochs(30).batchSize(32).verbose(0));

        assertThat(m.parameters()).hasSize(4);   // one encoder (kernel, bias) and the head
        assertThat(m.countParams()).isEqualTo(6 * 8 + 8 + 1 + 1);
        assertThat(m.evaluate(List.of(left, right), List.of(y)).get("accuracy")).isGreaterThan(0.9);
        assertThat(m.summaryString()).contains("Connected to").contains("left[0][0]").contains("right[0][0]");
    }

    @Test
    void aResidualBlockAddsItsShortcut() {
        SymbolicTensor x = Input.of(5);
        Dense first = dense(5, "relu");
        Dense second = dense(5);
        Model m = new Model(x, add().apply(x, second.apply(first.apply(x))));
        Tensor batch = random(new Random(2), 7, 5);
        Tensor out = m.predict(batch);
        Tensor expected;
        try (NoGrad ignored = NoGrad.enter()) {
            Tensor h = batch.matmul(first.kernel()).add(first.bias()).relu();
            expected = batch.add(h.matmul(second.kernel()).add(second.bias()));
        }
        assertThat(out.toArray()).containsExactly(expected.toArray(), org.assertj.core.api.Assertions.within(1e-6f));
        assertThat(m.summaryString()).contains("add_1 (Add)").contains("input_1[0][0], dense_2[0][0]");
    }

    @Test
    void aNestedModelIsALayerWithItsWeightsUnderItsName() {
        Sequential encoder = new Sequential(input(4), dense(3, "relu"));
        SymbolicTensor x = Input.of(4);
        Model outer = new Model(x, dense(2).apply(encoder.apply(x)));
        assertThat(outer.parameters().stream().map(Parameter::name)).containsExactly(
                "sequential_1/dense_1/kernel", "sequential_1/dense_1/bias", "dense_1/kernel", "dense_1/bias");
        Tensor batch = random(new Random(4), 3, 4);
        Tensor viaEncoder;
        try (NoGrad ignored = NoGrad.enter()) {
            Dense head = (Dense) outer.layers().get(2);
            viaEncoder = encoder.forward(batch, Mode.INFERENCE).matmul(head.kernel()).add(head.bias());
        }
        assertThat(outer.predict(batch).toArray()).containsExactly(viaEncoder.toArray(),
                org.assertj.core.api.Assertions.within(1e-6f));

        Sequential named = new Sequential(dense(3)).name("encoder");
        SymbolicTensor y = Input.of(4);
        Model withNamed = new Model(y, named.apply(y));
        assertThat(withNamed.parameters().get(0).name()).isEqualTo("encoder/dense_1/kernel");
    }

    @Test
    void badGraphsAreNamed() {
        SymbolicTensor a = Input.of(4);
        SymbolicTensor b = Input.of(3).name("extra");
        SymbolicTensor out = dense(2).apply(concatenate().apply(a, b));
        assertThatThrownBy(() -> new Model(a, out)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'extra'").hasMessageContaining("not among the model's inputs");
        assertThatThrownBy(() -> add().apply(a, b)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[None, 4] (input 0)").hasMessageContaining("[None, 3] (input 1)");
        assertThatThrownBy(() -> new Model(List.of(a, a), List.of(dense(1).apply(a))))
                .hasMessageContaining("given twice");
        SymbolicTensor twice = dense(2).name("same").apply(dense(2).name("same").apply(a));
        assertThatThrownBy(() -> new Model(a, twice)).hasMessageContaining("a layer named 'same' exists already");
    }

    @Test
    void badCompileAndDataAreNamed() {
        SymbolicTensor left = Input.of(2).name("left");
        SymbolicTensor right = Input.of(2).name("right");
        Model m = new Model(List.of(left, right), List.of(dense(1).name("score").apply(add().apply(left, right))));
        assertThatThrownBy(() -> m.compile(new Adam(), Map.of("scroe", "mse")))
                .hasMessageContaining("names the output 'scroe'").hasMessageContaining("[score]");
        m.compile(new Adam(), Map.of("score", "mse"));
        Tensor x = Tensor.zeros(4, 2);
        Tensor y = Tensor.zeros(4, 1);
        assertThatThrownBy(() -> m.fit(Dataset.of(Map.of("left", x), Map.of("score", y)), Fit.epochs(1).verbose(0)))
                .hasMessageContaining("lacks the input 'right'");
        assertThatThrownBy(() -> m.fit(Dataset.of(Map.of("left", x, "rihgt", x), Map.of("score", y)),
                Fit.epochs(1).verbose(0))).hasMessageContaining("'rihgt'").hasMessageContaining("[left, right]");
        assertThatThrownBy(() -> m.fit(List.of(x), y, Fit.epochs(1).verbose(0))).hasMessageContaining("2 input(s)");
    }
}
