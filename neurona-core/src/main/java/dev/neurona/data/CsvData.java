package dev.neurona.data;

import dev.neurona.tensor.Tensor;
import java.util.List;

/**
 * What {@link Csv#read} produced.
 *
 * @param x            the features {@code [n, f]}; a categorical column became one 0/1 column per category
 * @param y            the targets {@code [n, t]} (class ids {@code [n, 1]} or one-hot {@code [n, k]} for a
 *                     label-encoded string target), or {@code null} when the reader was told there is no target
 *                     (or, reading with a schema, when the file has no target column)
 * @param featureNames one name per column of {@code x}; a one-hot column is named {@code column=category}
 * @param targetNames  the target column names (empty when {@code y} is {@code null})
 * @param classes      the classes of a string target in id order (see {@link LabelEncoder}); empty otherwise
 * @param droppedRows  rows left out for missing values ({@link Csv.Missing#DROP})
 * @param schema       how the file was read: its columns, types, categories and targets (the schema given to
 *                     {@link Csv#schema}, or the one found); give it to {@code model.preprocessing(schema)}
 *                     to save it with a model
 * @param lines        the 1-based line of the file that each row of {@code x} came from (rows dropped for
 *                     missing values leave gaps)
 */
public record CsvData(Tensor x, Tensor y, List<String> featureNames, List<String> targetNames,
                      List<String> classes, int droppedRows, TableSchema schema, long[] lines) {

    /** Copies the lists. */
    public CsvData {
        featureNames = List.copyOf(featureNames);
        targetNames = List.copyOf(targetNames);
        classes = List.copyOf(classes);
        lines = lines.clone();
    }

    /** The lines of the rows (a copy). */
    @Override
    public long[] lines() {
        return lines.clone();
    }

    /**
     * {@code x} and {@code y} as a {@link Dataset}.
     *
     * @throws IllegalStateException when the file was read without a target
     */
    public Dataset dataset() {
        if (y == null) {
            throw new IllegalStateException("CsvData: the file was read without a target column; only x() is available");
        }
        return Dataset.of(x, y);
    }
}
