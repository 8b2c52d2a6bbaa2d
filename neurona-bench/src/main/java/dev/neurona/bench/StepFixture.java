package dev.neurona.bench;

import static dev.neurona.nn.Layers.dense;
import static dev.neurona.nn.Layers.input;

import dev.neurona.metrics.Metrics;
import dev.neurona.models.Sequential;
import dev.neurona.optim.Adam;
import dev.neurona.tensor.Tensor;
import dev.neurona.train.TrainStep;
import java.util.List;
import java.util.Random;

/**
 * A benchmark MLP with one fixed random batch: {@code "8/32"} is 784-8-10 with batch 32,
 * {@code "256,128/128"} 784-256-128-10 with batch 128 (ReLU hidden layers, softmax output,
 * Adam, categorical cross-entropy, accuracy), plus one sample for single predictions.
 */
final class StepFixture {

    final Sequential model;
    final Tensor x;
    final Tensor y;
    final Tensor one;
    final TrainStep step;

    /** Builds the network {@code "hidden sizes/batch"} with seeded random inputs and one-hot labels. */
    StepFixture(String network) {
        String[] parts = network.split("/");
        int batch = Integer.parseInt(parts[1]);
        model = new Sequential(input(784));
        for (String h : parts[0].split(",")) {
            model.add(dense(Integer.parseInt(h), "relu"));
        }
        model.add(dense(10, "softmax"));
        model.compile(new Adam(0.001), "categorical_crossentropy", "accuracy");
        model.build(784);
        Random r = new Random(1);
        x = Tensor.rand(r, batch, 784);
        float[] labels = new float[batch * 10];
        for (int i = 0; i < batch; i++) {
            labels[i * 10 + r.nextInt(10)] = 1f;
        }
        y = Tensor.of(labels, batch, 10);
        one = x.slice(0, 1);
        step = new TrainStep(model, model.loss(), model.optimizer(), List.of(Metrics.get("accuracy", model.loss(), y.shape())));
    }
}
