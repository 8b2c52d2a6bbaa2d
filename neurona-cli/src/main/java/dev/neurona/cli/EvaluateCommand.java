package dev.neurona.cli;

import dev.neurona.data.Dataset;
import dev.neurona.models.Model;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code neurona evaluate}: the loss and metrics of a saved model on every row of a CSV file (read
 * through the model's saved schema when it has one), or on the test part of a built-in set; it
 * says first what it scored.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Prints the loss and metrics of a saved model on every row of a CSV file, or on the test part "
                + "of a built-in data set.",
                "A model trained on a CSV file reads it through its saved columns and encodings: columns by header name "
                + "in any order, the target the model was trained on."},
        footer = {"", "Examples:", "  neurona evaluate runs/<id>/model.nrn --data digits",
                "  neurona evaluate runs/<id>/model.nrn --data csv:test.csv",
                "  neurona evaluate model.nrn --data csv:test.csv --target label --missing drop"})
final class EvaluateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL",
            description = "A saved model (.nrn): Sequential or functional, of one input and one output.")
    Path model;

    @Option(names = "--data", required = true, paramLabel = "NAME", description = "As for train: a built-in set or csv:PATH.")
    String data;

    @Option(names = "--target", paramLabel = "COLUMN",
            description = "The target column of CSV data (default: the one the model was trained on, when it was trained on a CSV file).")
    String target;

    /** Kept so that older command lines still run: the model's outputs decide how targets are encoded. */
    @Option(names = "--task", paramLabel = "TASK", hidden = true)
    String task;

    @Option(names = "--missing", defaultValue = "error", paramLabel = "HOW", description = CsvSource.MISSING_HELP)
    String missing;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of generated data and of CSV splits, as given to train (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws Exception {
        TrainCommand.parseTask(task);   // still checked
        Model loaded = SavedModels.load(model);
        SavedModels.requireSingle(loaded, model, "evaluate", "the data's features");
        if (loaded.loss() == null) {
            throw new UsageException(model + " was saved without compile settings; it can predict but not evaluate");
        }
        PrintWriter out = spec.commandLine().getOut();
        Dataset scored;
        if (DataSource.isCsv(data)) {
            Path file = DataSource.csvPath(data);
            CsvSource.Scored s = CsvSource.scoring(loaded, data.trim(), file, target, CsvSource.missing(missing));
            scored = s.data();
            out.println(s.dropped() == 0 ? "Scored all " + s.rows() + " rows of " + file
                    : "Scored " + scored.size() + " of the " + s.rows() + " rows of " + file + " (" + s.dropped()
                    + " left out for missing values)");
        } else {
            DataSource source = DataSource.resolve(data, target, null, seed);
            scored = source.split().test();
            out.println("Scored the test part of " + source.name() + " (" + scored.size() + " samples)");
        }
        Map<String, Double> scores = loaded.evaluate(scored);
        out.println(TrainCommand.format(scores));
        return 0;
    }
}
