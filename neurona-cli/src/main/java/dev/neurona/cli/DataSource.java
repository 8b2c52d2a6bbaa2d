package dev.neurona.cli;

import dev.neurona.data.Csv;
import dev.neurona.data.CsvData;
import dev.neurona.data.Dataset;
import dev.neurona.data.DatasetUnavailableException;
import dev.neurona.data.Datasets;
import dev.neurona.data.Split;
import dev.neurona.data.TableSchema;
import dev.neurona.tensor.Tensor;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The data a command works on, from a {@code --data} value: a built-in set by name, a
 * generated lecture set, or {@code csv:PATH} with a target column.
 *
 * @param name       the value given, for run folder names and reports
 * @param split      train and test parts
 * @param task       classification or regression
 * @param classes    the number of classes (0 for regression)
 * @param classNames class names where known (CSV string labels, the built-in sets' classes), else empty
 * @param schema     how a CSV file's columns became the features (saved with the model), or {@code null}
 */
record DataSource(String name, Split split, Task task, int classes, List<String> classNames, TableSchema schema) {

    /** A source that is not a CSV file. */
    DataSource(String name, Split split, Task task, int classes, List<String> classNames) {
        this(name, split, task, classes, classNames, null);
    }

    /** Classification or regression. */
    enum Task { CLASSIFICATION, REGRESSION }

    /** The names {@code --data} accepts besides {@code csv:PATH}. */
    static final List<String> NAMES = List.of("digits", "iris", "breast-cancer", "wine", "mnist", "fashion-mnist",
            "cifar10", "xor", "and", "or", "moons", "circles", "spirals", "blobs", "regression");

    /**
     * Resolves a {@code --data} value.
     *
     * @param target the {@code --target} column for CSV data (name, or index when numeric), else ignored
     * @param task   a forced task, or {@code null} to infer it
     * @param seed   the seed of generated sets and of the train/test split of sets without one
     */
    static DataSource resolve(String data, String target, Task task, long seed) {
        return resolve(data, target, task, seed, Csv.Missing.ERROR);
    }

    /** {@link #resolve(String, String, Task, long)} with what to do about missing CSV cells ({@code --missing}). */
    static DataSource resolve(String data, String target, Task task, long seed, Csv.Missing missing) {
        return resolve(data, target, task, seed, missing, List.of());
    }

    /** {@link #resolve(String, String, Task, long, Csv.Missing)} with CSV columns to read as categorical ({@code --categorical}). */
    static DataSource resolve(String data, String target, Task task, long seed, Csv.Missing missing,
                              List<String> categorical) {
        String d = data.trim();
        if (!categorical.isEmpty() && !isCsv(d)) {
            throw new UsageException("--categorical " + String.join(",", categorical) + ": only csv:FILE data has "
                    + "columns to name; leave it out for --data " + d);
        }
        if (isCsv(d)) {
            CsvSource.Table t = CsvSource.training(d, csvPath(d), target, task, missing, categorical);
            return new DataSource(d, split(t.all(), seed, t.task() == Task.CLASSIFICATION), t.task(), t.classes(),
                    t.classNames(), t.schema());
        }
        try {
            return builtIn(d, seed);
        } catch (DatasetUnavailableException e) {
            String set = d.contains(":") ? d.substring(0, d.indexOf(':')) : d;
            throw new DatasetUnavailableException(e.messageWithFolderAdvice("a folder you give as --data " + set + ":DIR"),
                    e.getCause());
        }
    }

    private static DataSource builtIn(String d, long seed) {
        int colon = d.indexOf(':');
        if (colon > 0) {
            Path dir = Path.of(d.substring(colon + 1));
            return switch (d.substring(0, colon).toLowerCase(Locale.ROOT)) {
                case "mnist" -> classification(d, Datasets.mnist(dir));
                case "fashion-mnist", "fashion_mnist" -> classification(d, Datasets.fashionMnist(dir));
                case "cifar10", "cifar-10" -> classification(d, Datasets.cifar10(dir));
                default -> throw new UsageException("--data " + d + ": only csv:FILE, mnist:DIR, fashion-mnist:DIR and cifar10:DIR "
                        + "take a path; the other sets are built in: " + String.join(", ", NAMES));
            };
        }
        return switch (d.toLowerCase(Locale.ROOT)) {
            case "digits" -> classification(d, Datasets.digits());
            case "iris" -> classification(d, Datasets.iris());
            case "breast-cancer", "breast_cancer" -> classification(d, Datasets.breastCancer());
            case "wine" -> classification(d, Datasets.wine());
            case "mnist" -> classification(d, Datasets.mnist());
            case "fashion-mnist", "fashion_mnist" -> classification(d, Datasets.fashionMnist());
            case "cifar10", "cifar-10" -> classification(d, Datasets.cifar10());
            case "xor" -> classification(d, new Split(Datasets.xor(), Datasets.xor()));
            case "and" -> classification(d, new Split(Datasets.and(), Datasets.and()));
            case "or" -> classification(d, new Split(Datasets.or(), Datasets.or()));
            case "moons" -> classification(d, split(Datasets.moons(500, 0.15, seed), seed, true));
            case "circles" -> classification(d, split(Datasets.circles(500, 0.08, 0.5, seed), seed, true));
            case "spirals" -> classification(d, split(Datasets.spirals(600, 3, 0.2, seed), seed, true));
            case "blobs" -> classification(d, split(Datasets.blobs(500, 4, 1.0, seed), seed, true));
            case "regression" -> new DataSource(d, split(Datasets.regression1d(500, 0.1, seed), seed, false),
                    Task.REGRESSION, 0, List.of());
            default -> throw new UsageException("--data " + d + ": unknown data set" + Suggestions.didYouMean(d, NAMES)
                    + "; use one of " + String.join(", ", NAMES) + ", or csv:PATH with --target COLUMN");
        };
    }

    private static Split split(Dataset all, long seed, boolean stratified) {
        return Datasets.trainTestSplit(all, Datasets.TEST_FRACTION, seed, stratified);
    }

    private static DataSource classification(String name, Split split) {
        int width = split.train().y().size() / split.train().size();
        return new DataSource(name, split, Task.CLASSIFICATION, width == 1 ? 2 : width, builtinClassNames(name));
    }

    /** The class names of the built-in sets that have them, in label order; empty for the generated sets. */
    static List<String> builtinClassNames(String name) {
        String set = name.contains(":") ? name.substring(0, name.indexOf(':')) : name;   // mnist:DIR
        return switch (set.toLowerCase(Locale.ROOT)) {
            case "digits", "mnist" -> List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
            case "fashion-mnist", "fashion_mnist" -> Datasets.fashionMnistClasses();
            case "cifar10", "cifar-10" -> Datasets.cifar10Classes();
            case "iris" -> List.of("setosa", "versicolor", "virginica");
            case "wine" -> List.of("cultivar 0", "cultivar 1", "cultivar 2");
            case "breast-cancer", "breast_cancer" -> List.of("malignant", "benign");
            default -> List.of();
        };
    }

    /** Whether a {@code --data} value names a CSV file ({@code csv:PATH}). */
    static boolean isCsv(String data) {
        return data.trim().toLowerCase(Locale.ROOT).startsWith("csv:");
    }

    /** The file of a {@code csv:PATH} value. */
    static Path csvPath(String data) {
        return Path.of(data.trim().substring(4));
    }

    /** Classification for string labels, or a single integer column with at most 20 distinct values; else regression. */
    static Task inferTask(CsvData read) {
        if (!read.classes().isEmpty()) {
            return Task.CLASSIFICATION;
        }
        Tensor y = read.y();
        if (y.size() != y.dim(0)) {
            return Task.REGRESSION;
        }
        Set<Float> distinct = new HashSet<>();
        for (float v : y.toArray()) {
            if (v != Math.rint(v) || v < 0) {
                return Task.REGRESSION;
            }
            distinct.add(v);
        }
        return distinct.size() <= 20 && distinct.size() * 2 <= y.size() ? Task.CLASSIFICATION : Task.REGRESSION;
    }

    /**
     * The same data with images {@code [n, height, width]} as {@code [n, height, width, 1]}
     * (no copy), as convolution layers take them.
     */
    DataSource channelsLast() {
        return new DataSource(name, split.channelsLast(), task, classes, classNames, schema);
    }

    /** The features of one sample, batch excluded. */
    int[] sampleShape() {
        int[] s = split.train().x().shape();
        return java.util.Arrays.copyOfRange(s, 1, s.length);
    }

    /** The width of one target row. */
    int targetWidth() {
        return split.train().y().size() / split.train().size();
    }
}
