package dev.neurona.cli;

import dev.neurona.data.CellValueException;
import dev.neurona.data.Csv;
import dev.neurona.data.CsvData;
import dev.neurona.data.DataFormatException;
import dev.neurona.data.Dataset;
import dev.neurona.data.MissingValueException;
import dev.neurona.data.OneHot;
import dev.neurona.data.TableSchema;
import dev.neurona.models.Model;
import dev.neurona.tensor.Shape;
import dev.neurona.tensor.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * CSV files on the command line: the training data of {@code --data csv:FILE} with its schema,
 * files read through a model's saved schema, the {@code --missing} flag, and errors that give
 * command-line advice.
 */
final class CsvSource {

    /** The {@code --missing} description shared by train, evaluate and predict. */
    static final String MISSING_HELP = "Missing cells (empty, NA, N/A, NaN, null, ?) in CSV data: error, drop (leave the "
            + "row out) or mean (fill a numeric column with its training mean, a categorical one with its most frequent "
            + "value); default: ${DEFAULT-VALUE}.";

    private CsvSource() {
    }

    /** A {@code --data csv:FILE} value as read for training: all rows encoded, with the schema found. */
    record Table(Dataset all, DataSource.Task task, int classes, List<String> classNames, TableSchema schema) {
    }

    /** The value of {@code --missing}. */
    static Csv.Missing missing(String value) {
        return switch (value == null ? "error" : value.toLowerCase(Locale.ROOT)) {
            case "error" -> Csv.Missing.ERROR;
            case "drop" -> Csv.Missing.DROP;
            case "mean" -> Csv.Missing.MEAN;
            default -> throw new UsageException("--missing " + value + ": use error, drop or mean");
        };
    }

    /** Reads {@code file}; a missing cell's error advises the {@code --missing} flag. */
    static CsvData read(Csv reader, Path file) {
        return read(reader, file, false);
    }

    /**
     * Reads {@code file}; errors advise flags: {@code --missing} for a missing cell, and for training
     * data {@code --categorical} for a word in a numeric column.
     */
    static CsvData read(Csv reader, Path file, boolean training) {
        try {
            return reader.read(file);
        } catch (MissingValueException e) {
            throw e.withAdvice(e.inTarget() ? "use --missing drop to leave such rows out"
                    : "use --missing drop to leave such rows out, or --missing mean to fill them in");
        } catch (CellValueException e) {
            throw e.withAdvice(training && e.categoricalHelps()
                    ? "use --categorical " + e.columnName() + " if the column holds categories" : "");
        }
    }

    /** A CSV file given to {@code --data}: its rows, encoded for training, and the schema that encoded them. */
    static Table training(String name, Path file, String target, DataSource.Task task, Csv.Missing missing) {
        return training(name, file, target, task, missing, List.of());
    }

    /** {@link #training(String, Path, String, DataSource.Task, Csv.Missing)} with the {@code --categorical} columns. */
    static Table training(String name, Path file, String target, DataSource.Task task, Csv.Missing missing,
                          List<String> categorical) {
        Csv reader = withTarget(new Csv().missing(missing).categorical(categorical.toArray(String[]::new)), name, file,
                target);
        CsvData read = read(reader, file, true);
        Tensor y = read.y();
        DataSource.Task resolved = task != null ? task : DataSource.inferTask(read);
        if (resolved == DataSource.Task.REGRESSION) {
            return new Table(read.dataset(), resolved, 0, List.of(), read.schema());
        }
        if (y.size() != y.dim(0)) {
            throw new UsageException("--task classification needs one target column, got " + read.targetNames());
        }
        int[] ids = OneHot.classIds(y);
        int k = 0;
        for (int id : ids) {
            k = Math.max(k, id + 1);
        }
        Tensor targets = k <= 2 ? y : OneHot.toCategorical(ids, k);
        return new Table(Dataset.of(read.x(), targets), resolved, Math.max(k, 2), read.classes(), read.schema());
    }

    /** The reader with {@code --target} set (a header name, or a 0-based index when numeric). */
    static Csv withTarget(Csv reader, String name, Path file, String target) {
        InputFiles.requireReadable("--data " + name, file);
        if (target == null || target.isBlank()) {
            throw new UsageException("--data " + name + ": name the target column with --target COLUMN (a header name or a 0-based index)");
        }
        return target.matches("-?\\d+") ? reader.targetColumns(Integer.parseInt(target)) : reader.target(target);
    }

    /** What evaluate scores: every row of a CSV file, with targets encoded as the model's outputs need. */
    record Scored(Dataset data, int rows, int dropped) {
    }

    /**
     * Every row of {@code file} for scoring {@code model}: through its saved schema when it has one
     * (then {@code --target} may be left out), else read as for training.
     */
    static Scored scoring(Model model, String name, Path file, String target, Csv.Missing missing) {
        CsvData read;
        TableSchema schema = model.preprocessing().orElse(null);
        if (schema == null) {
            read = read(withTarget(new Csv().missing(missing), name, file, target), file);
        } else {
            InputFiles.requireReadable("--data " + name, file);
            checkTarget(schema, target);
            read = read(new Csv().schema(schema).missing(missing), file);
            if (read.y() == null) {
                throw new DataFormatException(file.toString(), "has no target column " + quoted(schema.targets())
                        + ", which evaluate compares the predictions with; the file's rows need it");
            }
            int[] shape = model.inputShape();
            if (shape.length > 1) {
                read = new CsvData(read.x().reshape(batched(read.x().dim(0), shape)), read.y(), read.featureNames(),
                        read.targetNames(), read.classes(), read.droppedRows(), read.schema(), read.lines());
            }
        }
        Tensor y = encodeTargets(model, read.y(), file);
        return new Scored(Dataset.of(read.x(), y), read.x().dim(0) + read.droppedRows(), read.droppedRows());
    }

    private static void checkTarget(TableSchema schema, String target) {
        if (schema.targets().isEmpty()) {
            throw new UsageException("the model's saved schema has no target column, so evaluate cannot find the true "
                    + "values in the file");
        }
        if (target == null || schema.targets().equals(List.of(target))) {
            return;
        }
        List<TableSchema.Column> columns = schema.columns();
        boolean index = target.matches("\\d+") && Integer.parseInt(target) < columns.size()
                && columns.get(Integer.parseInt(target)).target() && schema.targets().size() == 1;
        if (!index) {
            throw new UsageException("--target " + target + ": the model was trained to predict " + quoted(schema.targets())
                    + " (its saved schema); leave --target out");
        }
    }

    /** Class ids {@code [n, 1]} become one-hot rows when the model has one output per class (not for sparse losses). */
    static Tensor encodeTargets(Model model, Tensor y, Path file) {
        int outputs = Shape.size(SavedModels.outputShape(model));
        int width = y.size() / y.dim(0);
        if (width != 1 || outputs == 1 || model.loss().name().startsWith("sparse")) {
            return y;
        }
        try {
            return OneHot.toCategorical(OneHot.classIds(y), outputs);
        } catch (IllegalArgumentException e) {
            throw new DataFormatException(file.toString(), "the target holds a class the model's " + outputs
                    + " outputs do not have: " + e.getMessage());
        }
    }

    static String quoted(List<String> names) {
        return String.join(", ", names.stream().map(n -> "'" + n + "'").toList());
    }

    private static int[] batched(int n, int[] shape) {
        int[] s = new int[shape.length + 1];
        s[0] = n;
        System.arraycopy(shape, 0, s, 1, shape.length);
        return s;
    }
}
