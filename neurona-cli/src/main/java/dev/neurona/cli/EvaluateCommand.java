package dev.neurona.cli;

import dev.neurona.models.Sequential;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code neurona evaluate}: the loss and metrics of a saved model on a data set's test part. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Prints the loss and metrics of a saved model on the test part of a data set.",
        footer = {"", "Examples:", "  neurona evaluate runs/<id>/model.nrn --data digits",
                "  neurona evaluate model.nrn --data csv:test.csv --target label"})
final class EvaluateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "A saved model (.nrn).")
    Path model;

    @Option(names = "--data", required = true, paramLabel = "NAME", description = "As for train: a built-in set or csv:PATH.")
    String data;

    @Option(names = "--target", paramLabel = "COLUMN", description = "The target column of CSV data.")
    String target;

    @Option(names = "--task", paramLabel = "TASK", description = "classification or regression (inferred when absent).")
    String task;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of generated data and of CSV splits, as given to train (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws Exception {
        Sequential loaded = Sequential.load(model);
        DataSource source = DataSource.resolve(data, target, TrainCommand.parseTask(task), seed);
        if (loaded.loss() == null) {
            throw new UsageException(model + " was saved without compile settings; it can predict but not evaluate");
        }
        Map<String, Double> scores = loaded.evaluate(source.split().test());
        spec.commandLine().getOut().println(TrainCommand.format(scores));
        return 0;
    }
}
