package dev.neurona.cli;

import dev.neurona.data.Split;
import dev.neurona.models.ClusterTrainer;
import dev.neurona.models.Sequential;
import dev.neurona.optim.Optimizer;
import dev.neurona.optim.Optimizers;
import dev.neurona.train.Callback;
import dev.neurona.train.CsvLogger;
import dev.neurona.train.EarlyStopping;
import dev.neurona.train.Fit;
import dev.neurona.train.History;
import dev.neurona.train.TerminateOnNaN;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code neurona train}: trains a network, reports its test scores and writes a run folder. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Trains a network and writes a run folder: model.nrn, history.csv, metrics.json, config.json, report.html and figures.",
                "Without options: an MLP on the built-in handwritten digits, offline, in seconds."},
        footer = {"", "Examples:",
                "  neurona train",
                "  neurona train --data iris --layers 16 --optimizer sgd --lr 0.1 --epochs 100",
                "  neurona train --data fashion-mnist --layers 256,128 --epochs 10 --batch-size 128",
                "  neurona train --data csv:houses.csv --target price --task regression --early-stopping 5",
                "  neurona train --data moons --model spec.json",
                "  neurona train --spark local[2] --data iris   # ./neurona fetches Spark once",
                "  spark-submit --class dev.neurona.cli.Neurona \\",
                "      --jars neurona-spark/target/neurona-spark-VERSION.jar \\",
                "      neurona-cli/target/neurona.jar train --spark default --data digits"})
final class TrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--data", defaultValue = "digits", paramLabel = "NAME",
            description = "digits, iris, breast-cancer, wine, mnist, fashion-mnist, xor, and, or, moons, circles, "
                    + "spirals, blobs, regression, or csv:PATH (default: ${DEFAULT-VALUE}).")
    String data;

    @Option(names = "--target", paramLabel = "COLUMN", description = "The target column of CSV data (header name or 0-based index).")
    String target;

    @Option(names = "--task", paramLabel = "TASK", description = "classification or regression (inferred when absent).")
    String task;

    @Option(names = "--layers", split = ",", defaultValue = "64", paramLabel = "N,N",
            description = "Hidden layer sizes (default: ${DEFAULT-VALUE}).")
    List<Integer> layers;

    @Option(names = "--activation", defaultValue = "relu", description = "Hidden activation (default: ${DEFAULT-VALUE}).")
    String activation;

    @Option(names = "--output-activation", description = "Output activation (default: softmax, sigmoid or linear by task).")
    String outputActivation;

    @Option(names = "--optimizer", defaultValue = "adam", description = "sgd, adam, adamw, adamax, nadam, rmsprop, adagrad, adadelta (default: ${DEFAULT-VALUE}).")
    String optimizer;

    @Option(names = "--lr", description = "Learning rate (default: the optimizer's Keras default).")
    Double learningRate;

    @Option(names = "--loss", description = "Loss (default: categorical/binary cross-entropy or mse by task).")
    String loss;

    @Option(names = "--metrics", split = ",", description = "Metrics (default: accuracy, or mae for regression).")
    List<String> metrics;

    @Option(names = "--epochs", defaultValue = "20", description = "Passes over the training data (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "32", description = "Samples per step (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--validation-split", defaultValue = "0.1", description = "Fraction held out for validation, 0 for none (default: ${DEFAULT-VALUE}).")
    double validationSplit;

    @Option(names = "--early-stopping", paramLabel = "N", description = "Stop after N epochs without val_loss improvement, keeping the best weights.")
    Integer earlyStopping;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of weights, shuffling and generated data (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--model", paramLabel = "SPEC.json", description = "A Keras-like JSON list of layers instead of --layers/--activation.")
    Path modelSpec;

    @Option(names = "--out", defaultValue = "runs", paramLabel = "DIR", description = "Where run folders go (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    @Option(names = "--spark", paramLabel = "MASTER", description = "Train on Apache Spark (synchronous data-parallel): "
            + "local[N], spark://host:port, yarn, or 'default' for spark-submit's master. neurona.jar holds neither "
            + "Spark nor neurona-spark: the ./neurona launcher adds both (fetching Spark once), spark-submit needs "
            + "--jars neurona-spark/target/neurona-spark-VERSION.jar.")
    String spark;

    @Override
    public Integer call() throws Exception {
        PrintWriter w = spec.commandLine().getOut();
        ClusterTrainer cluster = spark == null ? null : SparkSupport.trainer();   // before any work
        DataSource source = DataSource.resolve(data, target, parseTask(task), seed);
        Split split = source.split();
        Sequential model = modelSpec != null
                ? ModelFactory.fromSpec(modelSpec, source, seed)
                : ModelFactory.fromFlags(source, layers, activation, outputActivation, seed);
        ModelFactory.adapt(model, source);
        Optimizer opt = Optimizers.get(optimizer);
        if (learningRate != null) {
            opt.learningRate(learningRate);
        }
        String lossName = loss != null ? loss : ModelFactory.defaultLoss(source);
        List<String> metricNames = metrics != null ? metrics : ModelFactory.defaultMetrics(source);
        model.compile(opt, lossName, metricNames.toArray(String[]::new));

        RunFolder run = RunFolder.create(out, source.name());
        w.printf("Training on %s: %d train / %d test samples -> %s%n", source.name(), split.train().size(),
                split.test().size(), run.dir());
        w.print(model.summaryString());
        w.flush();

        List<Callback> callbacks = new ArrayList<>(List.of(new TerminateOnNaN(), new CsvLogger(run.file("history.csv"))));
        if (earlyStopping != null) {
            callbacks.add(new EarlyStopping().monitor(validationSplit > 0 ? "val_loss" : "loss")
                    .patience(earlyStopping).restoreBestWeights(true));
        }
        Fit fit = Fit.epochs(epochs).batchSize(batchSize).seed(seed).verbose(quiet ? 0 : 1)
                .callbacks(callbacks.toArray(Callback[]::new));
        if (validationSplit > 0) {
            fit.validationSplit(validationSplit);
        }
        History history;
        if (spark == null) {
            history = model.fit(split.train(), fit);
        } else {
            history = cluster.fit(spark, model, split.train(), fit);
        }
        if (history.stopReason() != null) {
            w.println(history.stopReason());
        }

        Map<String, Double> scores = model.evaluate(split.test());
        w.println("Test " + format(scores));
        model.save(run.file("model.nrn"));
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("data", source.name());
        config.put("target", target);
        config.put("task", source.task().name().toLowerCase(java.util.Locale.ROOT));
        config.put("layers", model.layers().stream().map(l -> l.config()).toList());
        config.put("optimizer", opt.config());
        config.put("loss", lossName);
        config.put("metrics", metricNames);
        config.put("epochs", epochs);
        config.put("batch_size", batchSize);
        config.put("validation_split", validationSplit);
        config.put("early_stopping", earlyStopping);
        config.put("seed", seed);
        config.put("spark", spark);
        run.writeJson("config.json", config);
        Map<String, Object> metricsJson = new LinkedHashMap<>();
        metricsJson.put("test", scores);
        metricsJson.put("epochs_run", history.epochCount());
        metricsJson.put("final", history.epochCount() == 0 ? Map.of() : history.epoch(history.epochCount() - 1));
        run.writeJson("metrics.json", metricsJson);
        RunReport.write(run.dir(), config, model, history, scores, split.test(), source.classNames());
        w.println("Saved " + run.dir() + " (open report.html to see the training)");
        return 0;
    }

    static DataSource.Task parseTask(String task) {
        if (task == null) {
            return null;
        }
        return switch (task.toLowerCase(java.util.Locale.ROOT)) {
            case "classification" -> DataSource.Task.CLASSIFICATION;
            case "regression" -> DataSource.Task.REGRESSION;
            default -> throw new UsageException("--task " + task + ": use classification or regression");
        };
    }

    static String format(Map<String, Double> scores) {
        StringBuilder sb = new StringBuilder();
        scores.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : " - ").append(k).append(": ")
                .append(String.format(java.util.Locale.ROOT, "%.4f", v)));
        return sb.toString();
    }
}
