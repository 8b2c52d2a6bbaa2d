package dev.neurona.cli;

import dev.neurona.data.Csv;
import dev.neurona.data.CsvData;
import dev.neurona.data.TableSchema;
import dev.neurona.io.AtomicFiles;
import dev.neurona.models.Model;
import dev.neurona.tensor.Shape;
import dev.neurona.tensor.Tensor;
import java.io.PrintWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code neurona predict}: a saved model's outputs for the rows of a CSV file, as a CSV (see
 * {@link PredictionWriter} for its columns). A model trained on a CSV file reads the input through
 * its saved schema: columns matched by header name in any order, other columns (the target too)
 * ignored, categories encoded as in training. A model without one takes the file's columns in
 * order, as the model's input.
 */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Writes a saved model's predictions for each row of a CSV file.",
                "A model trained on a CSV file finds its columns by header name (in any order; other columns are ignored) "
                + "and names the output after its target: p_<label> per class and the predicted label in a <target> "
                + "column for classification, a <target> column for regression."},
        footer = {"", "Examples:", "  neurona predict runs/<id>/model.nrn --input new.csv",
                "  neurona predict model.nrn --input new.csv --output predictions.csv",
                "  neurona predict model.nrn --input new.csv --missing mean"})
final class PredictCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL",
            description = "A saved model (.nrn): Sequential or functional, of one input and one output.")
    Path model;

    @Option(names = "--input", required = true, paramLabel = "FILE.csv",
            description = "One row per sample: the training file's columns with a header (any order), or, for a model "
                    + "saved without its columns, the features in training order.")
    Path input;

    @Option(names = "--output", paramLabel = "FILE.csv", description = "Where to write the predictions (default: standard output).")
    Path output;

    @Option(names = "--missing", defaultValue = "error", paramLabel = "HOW",
            description = CsvSource.MISSING_HELP + " With drop, a first column 'row' gives each prediction's input line.")
    String missing;

    @Override
    public Integer call() throws Exception {
        Csv.Missing handling = CsvSource.missing(missing);
        Model loaded = SavedModels.load(model);
        SavedModels.requireSingle(loaded, model, "predict", "the CSV file's columns");
        InputFiles.requireReadable("--input " + input, input);
        TableSchema schema = loaded.preprocessing().orElse(null);
        Csv reader = (schema != null ? new Csv().schema(schema) : new Csv()).noTarget().missing(handling);
        CsvData read = CsvSource.read(reader, input);
        int[] expected = loaded.inputShape();
        int features = read.x().dim(1);
        if (expected == null || Shape.size(expected) != features) {
            throw new UsageException("--input " + input + " has " + features + " feature columns but the model expects "
                    + Arrays.toString(expected));
        }
        Tensor x = expected.length == 1 ? read.x() : read.x().reshape(prepend(read.x().dim(0), expected));
        Tensor y = loaded.predict(x);
        String loss = loaded.loss() == null ? "" : loaded.loss().name();
        boolean rows = handling == Csv.Missing.DROP;
        PredictionWriter writer = PredictionWriter.of(loss, y.size() / y.dim(0), schema, rows);
        long[] lines = rows ? read.lines() : null;
        if (output == null) {
            PrintWriter out = spec.commandLine().getOut();
            writer.write(out, y, lines);
            if (read.droppedRows() > 0) {
                spec.commandLine().getErr().println("neurona: left out " + read.droppedRows() + " rows with missing values");
            }
        } else {
            // atomic, like every file Neurona writes: an earlier predictions file stays whole if this fails
            AtomicFiles.write(output, stream -> {
                Writer w = new OutputStreamWriter(stream, StandardCharsets.UTF_8);
                writer.write(w, y, lines);
                w.flush();
            });
            spec.commandLine().getOut().println("Wrote " + y.dim(0) + " predictions to " + output
                    + (read.droppedRows() > 0 ? " (" + read.droppedRows() + " rows with missing values left out)" : ""));
        }
        return 0;
    }

    private static int[] prepend(int n, int[] shape) {
        int[] s = new int[shape.length + 1];
        s[0] = n;
        System.arraycopy(shape, 0, s, 1, shape.length);
        return s;
    }
}
