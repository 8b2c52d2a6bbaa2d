package dev.neurona.bench;

import dev.neurona.data.Dataset;
import dev.neurona.data.Datasets;
import dev.neurona.data.Split;
import dev.neurona.models.Sequential;
import dev.neurona.tensor.Tensor;
import dev.neurona.tensor.kernel.Backend;
import dev.neurona.tensor.kernel.Gemm;
import dev.neurona.train.Fit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * One Neurona contender of {@link ConvEndToEnd}: trains one {@link ConvConfig} (the model of
 * {@link ConvModels}) and prints one line {@code RESULT {json}} with the fields of
 * {@link TrainFashion}'s. {@code train_conv.py} is the PyTorch twin.
 *
 * <pre>java --add-modules jdk.incubator.vector -Dneurona.backend=native -cp neurona-bench/target/benchmarks.jar \
 *     dev.neurona.bench.TrainConv --config convnet --epochs 5 [--predict-calls 2000] [--seed 1] \
 *     [--data random|cifar10] [--samples 10000]</pre>
 *
 * <p>{@code convnet} trains on Fashion-MNIST as {@code [n, 28, 28, 1]}. {@code vgg} trains on
 * {@code --samples} random images {@code [32, 32, 3]} with random labels (speed only; its test
 * accuracy is chance), or on CIFAR-10 with {@code --data cifar10} (from
 * {@code ~/.neurona/datasets}).
 */
public final class TrainConv {

    private TrainConv() {
    }

    public static void main(String[] args) {
        Map<String, String> o = Args.parse(args, "--config", "--epochs", "--predict-calls", "--seed", "--data",
                "--samples");
        ConvConfig config = ConvConfig.parse(o.getOrDefault("--config", "convnet"));
        int epochs = Args.positive(o, "--epochs", 5);
        int predictCalls = Args.positive(o, "--predict-calls", 2000);
        long seed = Long.parseLong(o.getOrDefault("--seed", "1"));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("contender", "neurona");
        out.put("config", config.id());
        String requested = System.getProperty(Backend.PROPERTY, "");
        out.put("backend_requested", requested.isBlank() ? "auto" : requested);
        Gemm gemm;
        try {
            gemm = Backend.gemm();
        } catch (RuntimeException | LinkageError e) {
            out.put("status", "unavailable");
            out.put("reason", TrainFashion.rootMessage(e));
            System.out.println(JsonLine.MARKER + JsonLine.write(out));
            return;
        }
        out.put("status", "ok");
        out.put("backend", gemm.getClass().getName());
        out.put("java", System.getProperty("java.vm.name") + " " + Runtime.version());

        long t0 = System.nanoTime();
        Split data = data(config, o.getOrDefault("--data", "random"), Args.positive(o, "--samples", 10000), seed);
        out.put("load_s", (System.nanoTime() - t0) / 1e9);
        out.put("data", config == ConvConfig.CONVNET ? "fashion-mnist" : o.getOrDefault("--data", "random"));

        Sequential model = ConvModels.compiled(config, seed);
        TrainFashion.EpochTimer timer = new TrainFashion.EpochTimer();
        model.fit(data.train(), Fit.epochs(epochs).batchSize(config.batchSize()).shuffle(true).seed(seed).verbose(0)
                .callbacks(timer));
        double[] seconds = timer.seconds.stream().mapToDouble(Double::doubleValue).toArray();
        int n = data.train().size();
        out.put("train_samples", n);
        out.put("batch_size", config.batchSize());
        out.put("epoch_s", seconds);
        out.put("samples_per_s", n / Stats.steadyEpochSeconds(seconds));
        out.put("train_loss_last", timer.lastLoss);
        out.put("test_accuracy", model.evaluate(data.test()).get("accuracy"));
        Tensor testX = data.test().x();
        out.put("predict_us", TrainFashion.predictMicros(model, testX.slice(0, 1), predictCalls));
        out.put("infer_samples_per_s", TrainFashion.inferSamplesPerSecond(model, testX.slice(0, 1000)));
        out.put("peak_rss_mb", PeakRss.megabytes());
        System.out.println(JsonLine.MARKER + JsonLine.write(out));
    }

    /** Fashion-MNIST channels-last, CIFAR-10, or random CIFAR-shaped images (1,000 test images). */
    static Split data(ConvConfig config, String source, int samples, long seed) {
        if (config == ConvConfig.CONVNET) {
            return Datasets.fashionMnist().channelsLast();
        }
        if (source.equals("cifar10")) {
            return Datasets.cifar10();
        }
        if (!source.equals("random")) {
            throw new IllegalArgumentException("--data takes random or cifar10, got " + source);
        }
        Random r = new Random(seed);
        return new Split(random(r, samples, config), random(r, 1000, config));
    }

    private static Dataset random(Random r, int n, ConvConfig config) {
        Tensor x = Tensor.rand(r, n, config.size(), config.size(), config.channels());
        float[] y = new float[n * 10];
        for (int i = 0; i < n; i++) {
            y[i * 10 + r.nextInt(10)] = 1f;
        }
        return Dataset.of(x, Tensor.of(y, n, 10));
    }
}
