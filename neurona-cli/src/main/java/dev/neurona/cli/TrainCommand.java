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
                "  neurona train --data fashion-mnist --layers 256,128 --epochs 10 \\",
                "      --batch-size 128",
                "  neurona train --data csv:examples/iris.csv --target petal_width \\",
                "      --task regression --early-stopping 5",
                "  neurona train --data moons --model spec.json",
                "  neurona train --data fashion-mnist --arch convnet",
                "  neurona train --data fashion-mnist --model cnn.json --epochs 5",
                "  neurona train --data iris --model keras.json --epochs 100  # Keras's to_json()",
                "  neurona train --spark local[2] --data iris   # ./neurona fetches Spark once",
                "  spark-submit --class dev.neurona.cli.Neurona \\",
                "      --jars neurona-spark/target/neurona-spark-VERSION.jar \\",
                "      neurona-cli/target/neurona.jar train --spark default --data digits",
                "",
                "A --model spec.json for iris (4 features, 3 classes):",
                "  [{\"type\": \"Normalization\"},",
                "   {\"type\": \"Dense\", \"units\": 16, \"activation\": \"relu\"},",
                "   {\"type\": \"Dense\", \"units\": 3, \"activation\": \"softmax\"}]",
                "",
                "A --model cnn.json for fashion-mnist (images fed as [n, 28, 28, 1]):",
                "  [{\"type\": \"Conv2D\", \"filters\": 16, \"kernel_size\": 3,",
                "    \"activation\": \"relu\"},",
                "   {\"type\": \"MaxPooling2D\", \"pool_size\": 2},",
                "   {\"type\": \"Flatten\"},",
                "   {\"type\": \"Dense\", \"units\": 10, \"activation\": \"softmax\"}]"})
final class TrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--data", defaultValue = "digits", paramLabel = "NAME",
            description = "digits, iris, breast-cancer, wine, mnist, fashion-mnist, cifar10, xor, and, or, moons, circles, "
                    + "spirals, blobs, regression, or csv:PATH (default: ${DEFAULT-VALUE}).")
    String data;

    @Option(names = "--target", paramLabel = "COLUMN", description = "The target column of CSV data (header name or 0-based index).")
    String target;

    @Option(names = "--task", paramLabel = "TASK", description = "classification or regression (inferred when absent).")
    String task;

    @Option(names = "--missing", defaultValue = "error", paramLabel = "HOW", description = CsvSource.MISSING_HELP)
    String missing;

    @Option(names = "--categorical", split = ",", paramLabel = "COLUMN",
            description = "CSV columns to read as categories (one-hot encoded) even where they hold numbers, such as zip "
                    + "codes; a column is otherwise categorical only when most of its cells are not numbers.")
    List<String> categorical;

    @Option(names = "--layers", split = ",", paramLabel = "N,N",
            description = "Hidden layer sizes (default: chosen for the data, e.g. 64 for digits; printed at the start).")
    List<Integer> layers;

    @Option(names = "--activation", defaultValue = "relu", description = "Hidden activation (default: ${DEFAULT-VALUE}).")
    String activation;

    @Option(names = "--output-activation", description = "Output activation (default: softmax, sigmoid or linear by task).")
    String outputActivation;

    @Option(names = "--optimizer", defaultValue = "adam", description = "sgd, adam, adamw, adamax, nadam, rmsprop, adagrad, adadelta (default: ${DEFAULT-VALUE}).")
    String optimizer;

    @Option(names = "--lr", description = "Learning rate (default: chosen for the optimizer and the data; printed at the start).")
    Double learningRate;

    @Option(names = "--loss", description = "Loss (default: categorical/binary cross-entropy or mse by task).")
    String loss;

    @Option(names = "--metrics", split = ",", description = "Metrics (default: accuracy, or mae for regression).")
    List<String> metrics;

    @Option(names = "--epochs", description = "Passes over the training data (default: chosen for the data).")
    Integer epochs;

    @Option(names = "--batch-size", description = "Samples per step (default: 32, or all samples when fewer).")
    Integer batchSize;

    @Option(names = "--validation-split", description = "Fraction in [0, 1) held out for validation, 0 for none "
            + "(default: 0.1, or 0 below " + TrainDefaults.SMALL + " training samples).")
    Double validationSplit;

    @Option(names = "--early-stopping", paramLabel = "N", description = "Stop after N epochs without val_loss improvement, keeping the best weights.")
    Integer earlyStopping;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of weights, shuffling and generated data (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--model", paramLabel = "SPEC.json", description = "The layers from a JSON file instead of "
            + "--layers/--activation: a list [{\"type\": \"Dense\", \"units\": 16, \"activation\": \"relu\"}, ...] "
            + "(types Dense, Dropout, Flatten, Activation, Normalization, PReLU, Input, and every registered layer type "
            + "such as Conv2D, MaxPooling2D, AveragePooling2D), {\"layers\": [...]}, or "
            + "Keras's model.to_json() of a Sequential model (Keras 2 or 3). The input comes from the data (images "
            + "[n, h, w] as [n, h, w, 1] when the first layer takes images with channels, such as Conv2D); "
            + "the last layer must give one output per class (one for two classes) or target.")
    Path modelSpec;

    @Option(names = "--arch", paramLabel = "NAME", description = "A built-in network instead of --layers/--model: "
            + "convnet (Keras's simple convnet: Conv2D 32 3x3 relu, MaxPooling2D 2, Conv2D 64 3x3 relu, MaxPooling2D 2, "
            + "Flatten, Dropout 0.5, Dense softmax; default 5 epochs of batch 128) for images: mnist, fashion-mnist, cifar10.")
    String arch;

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
        if (arch != null && (modelSpec != null || layers != null)) {
            throw new UsageException("--arch " + arch + ": give either --arch or " + (modelSpec != null ? "--model" : "--layers")
                    + ", not both");
        }
        DataSource source = DataSource.resolve(data, target, parseTask(task), seed, CsvSource.missing(missing),
                categorical == null ? List.of() : categorical);
        ModelSpec parsed = modelSpec == null ? null : ModelSpec.read(modelSpec);
        if (arch != null) {
            source = ModelFactory.imagesFor(arch, source);
        } else if (parsed != null) {
            source = ModelFactory.dataFor(parsed, source);
        }
        Split split = source.split();
        TrainDefaults defaults = TrainDefaults.forData(source);
        if (arch != null) {
            defaults = defaults.forConvnet(split.train().size());
        }
        TrainSettings settings = TrainSettings.resolve(defaults, layers, epochs, batchSize,
                validationSplit, learningRate, optimizer, earlyStopping != null, modelSpec != null || arch != null);
        String lossName = loss != null ? loss : ModelFactory.defaultLoss(source);
        Sequential model;
        Optimizer opt;
        List<String> metricNames;
        try {
            metricNames = metrics != null ? metrics : ModelFactory.defaultMetrics(source, lossName);
            model = parsed != null ? parsed.toModel(source, seed)
                    : arch != null ? ModelFactory.convnet(source, outputActivation, seed)
                    : ModelFactory.fromFlags(source, settings.layers(), activation, outputActivation, seed);
            model.preprocessing(source.schema());   // a CSV's columns and encodings, saved for predict and evaluate
            ModelFactory.adapt(model, source);
            opt = Optimizers.get(optimizer).learningRate(settings.learningRate());
            model.compile(opt, lossName, metricNames.toArray(String[]::new));
        } catch (IllegalArgumentException e) {
            // everything here comes from the flags: an unknown name, a loss that cannot fit the data...
            throw new UsageException(e.getMessage(), e);
        }

        RunFolder run = RunFolder.create(out, source.name());
        w.printf("Training on %s: %d train / %d test samples -> %s%n", source.name(), split.train().size(),
                split.test().size(), run.dir());
        String chosen = settings.describe(source.name());
        if (chosen != null) {
            w.println(chosen);
        }
        w.print(model.summaryString());
        w.flush();

        List<Callback> callbacks = new ArrayList<>(List.of(new TerminateOnNaN(), new CsvLogger(run.file("history.csv"))));
        if (earlyStopping != null) {
            callbacks.add(new EarlyStopping().monitor("val_loss").patience(earlyStopping).restoreBestWeights(true));
        }
        Fit fit = Fit.epochs(settings.epochs()).batchSize(settings.batchSize()).seed(seed).verbose(quiet ? 0 : 1)
                .callbacks(callbacks.toArray(Callback[]::new));
        if (settings.validationSplit() > 0) {
            fit.validationSplit(settings.validationSplit());
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
        config.put("missing", missing);
        config.put("categorical", categorical == null ? List.of() : categorical);
        config.put("arch", arch);
        config.put("task", source.task().name().toLowerCase(java.util.Locale.ROOT));
        config.put("layers", model.layers().stream().map(l -> l.config()).toList());
        config.put("optimizer", opt.config());
        config.put("loss", lossName);
        config.put("metrics", metricNames);
        config.put("epochs", settings.epochs());
        config.put("batch_size", settings.batchSize());
        config.put("validation_split", settings.validationSplit());
        config.put("early_stopping", earlyStopping);
        config.put("seed", seed);
        config.put("spark", spark);
        config.values().removeIf(java.util.Objects::isNull);   // what was not set is left out
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
