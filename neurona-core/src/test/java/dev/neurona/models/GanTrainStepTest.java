package dev.neurona.models;

import static dev.neurona.nn.Layers.dense;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.neurona.losses.Loss;
import dev.neurona.losses.Losses;
import dev.neurona.nn.Mode;
import dev.neurona.optim.Adam;
import dev.neurona.optim.Optimizer;
import dev.neurona.tensor.Parameter;
import dev.neurona.tensor.Tensor;
import dev.neurona.train.Fit;
import dev.neurona.train.History;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A GAN as a subclassed model: two child models, two optimizers, its own training step. */
class GanTrainStepTest {

    /** Learns to turn N(0, 1) noise into samples like the data's (N(3, 0.5) here). */
    static final class Gan extends Model {
        final Sequential generator = addChild(new Sequential(dense(1)));
        final Sequential discriminator = addChild(new Sequential(dense(8, "tanh"), dense(1, "sigmoid")));
        final Optimizer gOpt = new Adam(0.02);
        final Optimizer dOpt = new Adam(0.02);
        final Loss bce = Losses.binaryCrossentropy();
        final Random noise = new Random(7);

        @Override
        public Tensor forward(Tensor z, Mode mode) {
            return discriminator.call(generator.call(z, mode), mode);
        }

        @Override
        public Map<String, Double> trainStep(List<Tensor> xs, List<Tensor> ys) {
            Tensor real = xs.get(0);
            int n = real.dim(0);
            Tensor ones = Tensor.ones(n, 1);
            Tensor zeros = Tensor.zeros(n, 1);
            List<Parameter> d = discriminator.trainableParameters();
            List<Parameter> g = generator.trainableParameters();

            d.forEach(Parameter::zeroGrad);
            Tensor fake = generator.call(Tensor.randn(noise, n, 1), Mode.TRAINING).detach();
            Tensor dLoss = bce.call(ones, discriminator.call(real, Mode.TRAINING))
                    .add(bce.call(zeros, discriminator.call(fake, Mode.TRAINING)));
            dLoss.backward();
            dOpt.step(d);

            g.forEach(Parameter::zeroGrad);
            Tensor gLoss = bce.call(ones, forward(Tensor.randn(noise, n, 1), Mode.TRAINING));
            gLoss.backward();
            gOpt.step(g);
            return Map.of("d_loss", (double) dLoss.item(), "g_loss", (double) gLoss.item());
        }
    }

    private static double mean(Tensor t) {
        double s = 0;
        for (float v : t.toArray()) {
            s += v;
        }
        return s / t.size();
    }

    @Test
    void twoOptimizersMoveTheGeneratorTowardsTheData() {
        Tensor data = Tensor.randn(new Random(1), 512, 1).mul(0.5f).add(3f);
        Gan gan = new Gan();
        gan.build(List.of(new int[] {1}));
        Tensor z = Tensor.randn(new Random(2), 1000, 1);
        double before = Math.abs(mean(gan.generator.predict(z)) - 3);
        History h = gan.fit(data, Fit.epochs(15).batchSize(64).verbose(0));
        double after = Math.abs(mean(gan.generator.predict(z)) - 3);

        assertThat(h.keys()).containsExactlyInAnyOrder("d_loss", "g_loss");
        assertThat(h.get("d_loss")).allMatch(Double::isFinite);
        assertThat(after).isLessThan(0.6).isLessThan(before / 3);
        assertThat(gan.gOpt.iterations()).isEqualTo(15L * 8);
        assertThat(gan.dOpt.iterations()).isEqualTo(15L * 8);
        assertThat(gan.parameters()).hasSize(2 + 4);
    }

    @Test
    void aModelWithoutItsOwnStepNeedsTargets() {
        Sequential plain = new Sequential(dev.neurona.nn.Layers.input(1), dense(1));
        plain.compile("sgd", "mse");
        assertThatThrownBy(() -> plain.fit(Tensor.zeros(4, 1), Fit.epochs(1).verbose(0)))
                .hasMessageContaining("1 output(s)").hasMessageContaining("0 target(s)");
    }
}
