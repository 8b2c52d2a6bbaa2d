package dev.neurona.models;

import static dev.neurona.nn.Layers.dense;
import static dev.neurona.nn.Layers.input;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.neurona.nn.Dense;
import dev.neurona.nn.Layer;
import dev.neurona.nn.Mode;
import dev.neurona.optim.Adam;
import dev.neurona.optim.Optimizer;
import dev.neurona.optim.SGD;
import dev.neurona.tensor.NoGrad;
import dev.neurona.tensor.Parameter;
import dev.neurona.tensor.Tensor;
import dev.neurona.train.Fit;
import dev.neurona.train.History;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Subclassed models (layers as fields, a forward of their own, custom training steps) and layers that hold layers. */
class SubclassedModelTest {

    /** y = 2·x0 − x1 + 0.5, with a little noise. */
    private static Tensor[] regression(int n, long seed) {
        Random r = new Random(seed);
        float[] x = new float[n * 2];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            x[2 * i] = (float) r.nextGaussian();
            x[2 * i + 1] = (float) r.nextGaussian();
            y[i] = 2 * x[2 * i] - x[2 * i + 1] + 0.5f + 0.01f * (float) r.nextGaussian();
        }
        return new Tensor[] {Tensor.of(x, n, 2), Tensor.of(y, n, 1)};
    }

    /** Two layers as fields, registered as children; the math in forward. */
    static class TwoLayers extends Model {
        final Dense hidden = addChild(dense(8, "tanh"));
        final Dense out = addChild(dense(1));

        @Override
        public Tensor forward(Tensor x, Mode mode) {
            return out.call(hidden.call(x, mode), mode);
        }
    }

    /** A residual block as one layer: x + dense(dense(x)), built on its first call. */
    static final class ResidualBlock extends Layer {
        private final Dense inner = addChild(dense(4, "relu"));
        private final Dense outer = addChild(dense(4));

        @Override
        protected Tensor forward(Tensor x, Mode mode) {
            return x.add(outer.call(inner.call(x, mode), mode));
        }

        @Override
        public long countParams(int[] inputShape) {
            int d = inputShape[0];
            return 2L * (d * 4 + 4);
        }
    }

    /** Adds 0.1 · mean(x²) of what passes through it, Keras's activity regularization, with addLoss. */
    static final class ActivityPenalty extends Layer {
        @Override
        protected Tensor forward(Tensor x, Mode mode) {
            addLoss(x.square().mean().mul(0.1f));
            return x;
        }

        @Override
        public long countParams(int[] inputShape) {
            return 0;
        }
    }

    @Test
    void aSubclassedModelTrainsWithTheStandardStepAndNamesItsWeightsByPath() {
        Tensor[] data = regression(256, 1);
        TwoLayers m = new TwoLayers();
        m.compile(new Adam(0.02), "mse");
        History h = m.fit(data[0], data[1], Fit.epochs(60).batchSize(32).verbose(0));
        assertThat(h.last("loss")).isLessThan(0.02);
        assertThat(m.parameters().stream().map(Parameter::name))
                .containsExactly("dense_1/kernel", "dense_1/bias", "dense_2/kernel", "dense_2/bias");
        assertThat(m.predict(data[0]).shape()).containsExactly(256, 1);
        assertThat(m.summaryString()).contains("dense_1 (Dense)").contains("Total params: 33");
    }

    @Test
    void aLayerWithChildrenIsOneLayerWhoseWeightsLiveUnderIt() {
        ResidualBlock block = new ResidualBlock();
        Sequential m = new Sequential(input(4), block, dense(1));
        Tensor x = Tensor.randn(new Random(2), 5, 4);
        Tensor out = m.predict(x);
        assertThat(m.parameters().stream().map(Parameter::name)).containsExactly(
                "residual_block_1/dense_1/kernel", "residual_block_1/dense_1/bias",
                "residual_block_1/dense_2/kernel", "residual_block_1/dense_2/bias", "dense_1/kernel", "dense_1/bias");
        Tensor expected;
        try (NoGrad ignored = NoGrad.enter()) {
            Dense a = (Dense) block.children().get(0);
            Dense b = (Dense) block.children().get(1);
            Dense head = (Dense) m.layers().get(2);
            Tensor h = x.add(x.matmul(a.kernel()).add(a.bias()).relu().matmul(b.kernel()).add(b.bias()));
            expected = h.matmul(head.kernel()).add(head.bias());
        }
        assertThat(out.toArray()).containsExactly(expected.toArray(), within(1e-6f));
        assertThat(block.countParams()).isEqualTo(block.countParams(new int[] {4}));
    }

    @Test
    void aCustomTrainStepTakesItsGradientsExplicitly() {
        Tensor[] data = regression(128, 3);
        Optimizer sgd = new SGD(0.05);
        TwoLayers m = new TwoLayers() {
            @Override
            public Map<String, Double> trainStep(List<Tensor> xs, List<Tensor> ys) {
                List<Parameter> params = trainableParameters();
                params.forEach(Parameter::zeroGrad);
                Tensor loss = forward(xs.get(0), Mode.TRAINING).sub(ys.get(0)).square().mean();
                loss.backward();
                sgd.step(params);
                return Map.of("my_loss", (double) loss.item());
            }
        };
        m.build(List.of(new int[] {2}));
        History h = m.fit(data[0], data[1], Fit.epochs(40).batchSize(16).verbose(0));
        assertThat(h.keys()).containsExactly("my_loss");
        assertThat(h.get("my_loss").get(39)).isLessThan(h.get("my_loss").get(0) * 0.1);
        assertThat(sgd.iterations()).isEqualTo(40L * 8);
    }

    @Test
    void anAddedLossCountsInTrainingAndEvaluation() {
        Tensor[] data = regression(64, 4);
        Sequential plain = new Sequential(input(2), dense(3), dense(1));
        Sequential penalized = new Sequential(input(2), dense(3), new ActivityPenalty(), dense(1));
        plain.compile(new Adam(0.01), "mse");
        penalized.compile(new Adam(0.01), "mse");
        Map<String, Double> withPenalty = penalized.evaluate(data[0], data[1]);
        Tensor hidden;
        try (NoGrad ignored = NoGrad.enter()) {
            Dense first = (Dense) penalized.layers().get(1);
            hidden = data[0].matmul(first.kernel()).add(first.bias());
        }
        float[] h = hidden.toArray();
        double squares = 0;
        for (float v : h) {
            squares += v * v;
        }
        Tensor prediction = penalized.predict(data[0]);
        float[] p = prediction.toArray();
        float[] y = data[1].toArray();
        double mse = 0;
        for (int i = 0; i < p.length; i++) {
            mse += (p[i] - y[i]) * (p[i] - y[i]);
        }
        mse /= p.length;
        assertThat(withPenalty.get("loss")).isCloseTo(mse + 0.1 * squares / h.length, within(1e-4));
        History trained = penalized.fit(data[0], data[1], Fit.epochs(20).batchSize(16).verbose(0));
        assertThat(trained.get("loss").get(19)).isLessThan(trained.get("loss").get(0));
    }
}
