package dev.neurona.bench;

import dev.neurona.metrics.Metrics;
import dev.neurona.models.Sequential;
import dev.neurona.tensor.Tensor;
import dev.neurona.train.TrainStep;
import java.util.List;
import java.util.Random;

/**
 * A benchmark network ({@link FashionModels}' model of a {@link FashionConfig}) with one fixed
 * seeded random batch of the configuration's size (images {@code [batch, 28, 28]} in [0, 1),
 * one-hot labels; {@code Normalization} adapted on that batch), its training step and one
 * sample for single predictions.
 */
final class StepFixture {

    final FashionConfig config;
    final Sequential model;
    final Tensor x;
    final Tensor y;
    final Tensor one;
    final TrainStep step;

    StepFixture(FashionConfig config) {
        this.config = config;
        int batch = config.batchSize();
        Random r = new Random(1);
        x = Tensor.rand(r, batch, 28, 28);
        float[] labels = new float[batch * 10];
        for (int i = 0; i < batch; i++) {
            labels[i * 10 + r.nextInt(10)] = 1f;
        }
        y = Tensor.of(labels, batch, 10);
        one = x.slice(0, 1);
        model = FashionModels.compiled(config, 1, x);
        step = new TrainStep(model, model.loss(), model.optimizer(),
                List.of(Metrics.get(FashionModels.metric(config), model.loss(), y.shape())));
    }
}
