package dev.neurona.bench;

import dev.neurona.data.Datasets;
import dev.neurona.data.Split;
import dev.neurona.models.Sequential;
import dev.neurona.tensor.Tensor;
import dev.neurona.tensor.kernel.Backend;
import dev.neurona.tensor.kernel.Gemm;
import dev.neurona.train.Callback;
import dev.neurona.train.Fit;
import dev.neurona.train.TrainingContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One contender of the end-to-end benchmark: trains one {@link FashionConfig} on Fashion-MNIST
 * (the model of {@link FashionModels}) with the backend named by {@code -Dneurona.backend},
 * then prints one line {@code RESULT {json}} (see {@link EndToEnd} for the fields).
 * {@code train_fashion.py} is the PyTorch twin.
 *
 * <pre>java -Dneurona.backend=java -cp neurona-bench/target/benchmarks.jar dev.neurona.bench.TrainFashion \
 *     --config 784-256-128-10 --epochs 3 [--predict-calls 10000] [--seed 1]</pre>
 *
 * <p>{@code --config}: small (784-8-10), medium (784-256-128-10), large (784-1024-1024-10),
 * mnist-mlp, l2-norm or huber (see {@link FashionConfig}).
 *
 * <p>A backend that cannot load is not an error here: the line says {@code "status": "unavailable"}
 * with the reason, and the process exits with 0, so the driver can report the column as such.
 */
public final class TrainFashion {

    private TrainFashion() {
    }

    public static void main(String[] args) {
        Map<String, String> opts = Args.parse(args, "--config", "--epochs", "--predict-calls", "--seed");
        FashionConfig config = FashionConfig.parse(opts.getOrDefault("--config", "784-8-10"));
        int epochs = Integer.parseInt(opts.getOrDefault("--epochs", "3"));
        int predictCalls = Integer.parseInt(opts.getOrDefault("--predict-calls", "10000"));
        long seed = Long.parseLong(opts.getOrDefault("--seed", "1"));
        String requested = System.getProperty(Backend.PROPERTY, "");

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("contender", "neurona");
        out.put("config", config.id());
        out.put("backend_requested", requested.isBlank() ? "auto" : requested);
        Gemm gemm;
        try {
            gemm = Backend.gemm();
        } catch (RuntimeException | LinkageError e) {
            out.put("status", "unavailable");
            out.put("reason", rootMessage(e));
            System.out.println(JsonLine.MARKER + JsonLine.write(out));
            return;
        }
        out.put("status", "ok");
        out.put("backend", gemm.getClass().getName());
        out.put("java", System.getProperty("java.vm.name") + " " + Runtime.version());
        out.putAll(run(config, epochs, predictCalls, seed));
        out.put("peak_rss_mb", PeakRss.megabytes());
        System.out.println(JsonLine.MARKER + JsonLine.write(out));
    }

    /** The first message down the cause chain ({@link Backend} fails inside a class initializer). */
    static String rootMessage(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null) {
                return t.getMessage();
            }
        }
        return e.getClass().getName();
    }

    private static Map<String, Object> run(FashionConfig config, int epochs, int predictCalls, long seed) {
        Map<String, Object> out = new LinkedHashMap<>();
        long t0 = System.nanoTime();
        Split fashion = Datasets.fashionMnist();
        out.put("load_s", (System.nanoTime() - t0) / 1e9);

        Sequential model = FashionModels.compiled(config, seed, fashion.train().x());

        EpochTimer timer = new EpochTimer();
        model.fit(fashion.train(), Fit.epochs(epochs).batchSize(config.batchSize()).shuffle(true)
                .seed(seed).verbose(0).callbacks(timer));
        double[] seconds = timer.seconds.stream().mapToDouble(Double::doubleValue).toArray();
        int n = fashion.train().size();
        out.put("train_samples", n);
        out.put("batch_size", config.batchSize());
        out.put("epoch_s", seconds);
        out.put("samples_per_s", n / Stats.steadyEpochSeconds(seconds));
        out.put("train_loss_last", timer.lastLoss);
        out.put("test_accuracy", model.evaluate(fashion.test()).get(FashionModels.metric(config)));

        Tensor testX = fashion.test().x();
        out.put("predict_us", predictMicros(model, testX.slice(0, 1), predictCalls));
        out.put("infer_samples_per_s", inferSamplesPerSecond(model, testX.slice(0, 1000)));
        return out;
    }

    /** Median latency of {@code model.predict(x1)} on one sample, in µs, after 1,000 warm-up calls. */
    static double predictMicros(Sequential model, Tensor x1, int calls) {
        FirstValue first = new FirstValue();
        float sink = 0;
        for (int i = 0; i < 1000; i++) {
            sink += first.of(model.predict(x1));
        }
        double[] us = new double[calls];
        for (int i = 0; i < calls; i++) {
            long t = System.nanoTime();
            sink += first.of(model.predict(x1));
            us[i] = (System.nanoTime() - t) / 1e3;
        }
        blackhole(sink);
        return Stats.median(us);
    }

    /** Samples/s of {@code model.predict(x, 1000)} on 1,000 samples: the median of 30 calls after 5 warm-up calls. */
    static double inferSamplesPerSecond(Sequential model, Tensor x1000) {
        FirstValue first = new FirstValue();
        float sink = 0;
        for (int i = 0; i < 5; i++) {
            sink += first.of(model.predict(x1000, 1000));
        }
        double[] seconds = new double[30];
        for (int i = 0; i < seconds.length; i++) {
            long t = System.nanoTime();
            sink += first.of(model.predict(x1000, 1000));
            seconds[i] = (System.nanoTime() - t) / 1e9;
        }
        blackhole(sink);
        return x1000.dim(0) / Stats.median(seconds);
    }

    /** A tensor's first value, copied out into a buffer made once (grown if needed): no allocation per call. */
    private static final class FirstValue {
        private float[] buffer = new float[0];

        float of(Tensor t) {
            if (buffer.length < t.size()) {
                buffer = new float[t.size()];
            }
            t.copyTo(buffer, 0);
            return buffer[0];
        }
    }

    private static void blackhole(float sink) {
        if (sink == 42.4242f) {
            System.out.print("");
        }
    }

    /** Wall time of each epoch (training batches only: no validation is configured). */
    static final class EpochTimer implements Callback {
        final List<Double> seconds = new ArrayList<>();
        double lastLoss = Double.NaN;
        private long start;

        @Override
        public void onEpochBegin(int epoch, TrainingContext context) {
            start = System.nanoTime();
        }

        @Override
        public void onEpochEnd(int epoch, Map<String, Double> logs, TrainingContext context) {
            seconds.add((System.nanoTime() - start) / 1e9);
            lastLoss = logs.getOrDefault("loss", Double.NaN);
        }
    }
}
