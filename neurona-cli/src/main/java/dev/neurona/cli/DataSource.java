package dev.neurona.cli;

import dev.neurona.data.Csv;
import dev.neurona.data.CsvData;
import dev.neurona.data.Dataset;
import dev.neurona.data.Datasets;
import dev.neurona.data.OneHot;
import dev.neurona.data.Split;
import dev.neurona.tensor.Tensor;
import java.nio.file.Files;
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
 */
record DataSource(String name, Split split, Task task, int classes, List<String> classNames) {

    /** Classification or regression. */
    enum Task { CLASSIFICATION, REGRESSION }

    /** The names {@code --data} accepts besides {@code csv:PATH}. */
    static final List<String> NAMES = List.of("digits", "iris", "breast-cancer", "wine", "mnist", "fashion-mnist",
            "xor", "and", "or", "moons", "circles", "spirals", "blobs", "regression");

    /**
     * Resolves a {@code --data} value.
     *
     * @param target the {@code --target} column for CSV data (name, or index when numeric), else ignored
     * @param task   a forced task, or {@code null} to infer it
     * @param seed   the seed of generated sets and of the train/test split of sets without one
     */
    static DataSource resolve(String data, String target, Task task, long seed) {
        String d = data.trim();
        if (d.toLowerCase(Locale.ROOT).startsWith("csv:")) {
            return csv(d, Path.of(d.substring(4)), target, task, seed);
        }
        return switch (d.toLowerCase(Locale.ROOT)) {
            case "digits" -> classification(d, Datasets.digits());
            case "iris" -> classification(d, Datasets.iris());
            case "breast-cancer", "breast_cancer" -> classification(d, Datasets.breastCancer());
            case "wine" -> classification(d, Datasets.wine());
            case "mnist" -> classification(d, Datasets.mnist());
            case "fashion-mnist", "fashion_mnist" -> classification(d, Datasets.fashionMnist());
            case "xor" -> classification(d, new Split(Datasets.xor(), Datasets.xor()));
            case "and" -> classification(d, new Split(Datasets.and(), Datasets.and()));
            case "or" -> classification(d, new Split(Datasets.or(), Datasets.or()));
            case "moons" -> classification(d, split(Datasets.moons(500, 0.15, seed), seed, true));
            case "circles" -> classification(d, split(Datasets.circles(500, 0.08, 0.5, seed), seed, true));
            case "spirals" -> classification(d, split(Datasets.spirals(600, 3, 0.2, seed), seed, true));
            case "blobs" -> classification(d, split(Datasets.blobs(500, 4, 1.0, seed), seed, true));
            case "regression" -> new DataSource(d, split(Datasets.regression1d(500, 0.1, seed), seed, false),
                    Task.REGRESSION, 0, List.of());
            default -> throw new UsageException("--data " + data + ": unknown data set; use one of "
                    + String.join(", ", NAMES) + ", or csv:PATH with --target COLUMN");
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
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "digits", "mnist" -> List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
            case "fashion-mnist", "fashion_mnist" -> Datasets.fashionMnistClasses();
            case "iris" -> List.of("setosa", "versicolor", "virginica");
            case "wine" -> List.of("cultivar 0", "cultivar 1", "cultivar 2");
            case "breast-cancer", "breast_cancer" -> List.of("malignant", "benign");
            default -> List.of();
        };
    }

    private static DataSource csv(String name, Path file, String target, Task task, long seed) {
        if (!Files.isRegularFile(file)) {
            throw new UsageException("--data " + name + ": no such file " + file.toAbsolutePath());
        }
        if (target == null || target.isBlank()) {
            throw new UsageException("--data " + name + ": name the target column with --target COLUMN (a header name or a 0-based index)");
        }
        Csv reader = new Csv();
        reader = target.matches("-?\\d+") ? reader.targetColumns(Integer.parseInt(target)) : reader.target(target);
        CsvData read = reader.read(file);
        Tensor y = read.y();
        Task resolved = task != null ? task : inferTask(read);
        if (resolved == Task.REGRESSION) {
            return new DataSource(name, split(read.dataset(), seed, false), Task.REGRESSION, 0, List.of());
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
        Dataset all = Dataset.of(read.x(), targets);
        return new DataSource(name, split(all, seed, true), Task.CLASSIFICATION, Math.max(k, 2), read.classes());
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
        for (float v : y.data()) {
            if (v != Math.rint(v) || v < 0) {
                return Task.REGRESSION;
            }
            distinct.add(v);
        }
        return distinct.size() <= 20 && distinct.size() * 2 <= y.size() ? Task.CLASSIFICATION : Task.REGRESSION;
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
