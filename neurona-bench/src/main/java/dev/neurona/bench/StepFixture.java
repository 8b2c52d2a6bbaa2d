package dev.neurona.bench;

import dev.neurona.metrics.Metrics;
import dev.neurona.models.Sequential;
import dev.neurona.tensor.Tensor;
import dev.neurona.train.TrainStep;
import java.util.List;
import java.util.Random;

/**
 * A benchmark network ({@link FashionModels}' model of a {@link FashionConfig}, or
 * {@link ConvModels}' of a {@link ConvConfig}) with one fixed seeded random batch of the
 * configuration's size (images {@code [batch, 28, 28]}, or the convnet's {@code [batch, h, w, c]}, in [0, 1),
 * one-hot labels; {@code Normalization} adapted on that batch), its training step and one
 * sample for single predictions.
 */
final class StepFixture {

    /** The network's name in the tables and its batch size. */
    final String id;
    final int batch;
    final Sequential model;
    final Tensor x;
    final Tensor y;
    final Tensor one;
    final TrainStep step;

    StepFixture(FashionConfig config) {
        this(config.id(), config.batchSize(), new int[] {28, 28}, x -> FashionModels.compiled(config, 1, x),
                FashionModels.metric(config));
    }

    /** A {@link ConvConfig} network ({@link ConvModels}) on random images {@code [batch, size, size, channels]}. */
    StepFixture(ConvConfig config) {
        this(config.id(), config.batchSize(), new int[] {config.size(), config.size(), config.channels()},
                x -> ConvModels.compiled(config, 1), "accuracy");
    }

    private StepFixture(String id, int batch, int[] sample, java.util.function.Function<Tensor, Sequential> build,
                        String metric) {
        this.id = id;
        this.batch = batch;
        Random r = new Random(1);
        int[] shape = new int[sample.length + 1];
        shape[0] = batch;
        System.arraycopy(sample, 0, shape, 1, sample.length);
        x = Tensor.rand(r, shape);
        float[] labels = new float[batch * 10];
        for (int i = 0; i < batch; i++) {
            labels[i * 10 + r.nextInt(10)] = 1f;
        }
        y = Tensor.of(labels, batch, 10);
        one = x.slice(0, 1);
        model = build.apply(x);
        step = new TrainStep(model, model.loss(), model.optimizer(), List.of(Metrics.get(metric, model.loss(), y.shape())));
    }
}
