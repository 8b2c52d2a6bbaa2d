package dev.neurona.data;

import dev.neurona.tensor.Tensor;
import java.util.List;

/**
 * What {@link Csv#read} produced.
 *
 * @param x            the features {@code [n, f]}; a categorical column became one 0/1 column per category
 * @param y            the targets {@code [n, t]} (class ids {@code [n, 1]} or one-hot {@code [n, k]} for a
 *                     label-encoded string target), or {@code null} when the reader was told there is no target
 * @param featureNames one name per column of {@code x}; a one-hot column is named {@code column=category}
 * @param targetNames  the target column names
 * @param classes      the classes of a string target in id order (see {@link LabelEncoder}); empty otherwise
 * @param droppedRows  rows left out for missing values ({@link Csv.Missing#DROP})
 */
public record CsvData(Tensor x, Tensor y, List<String> featureNames, List<String> targetNames,
                      List<String> classes, int droppedRows) {

    /** Copies the lists. */
    public CsvData {
        featureNames = List.copyOf(featureNames);
        targetNames = List.copyOf(targetNames);
        classes = List.copyOf(classes);
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
