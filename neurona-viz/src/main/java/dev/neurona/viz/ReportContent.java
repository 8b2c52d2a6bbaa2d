package dev.neurona.viz;

import dev.neurona.data.Dataset;
import dev.neurona.models.Model;
import dev.neurona.train.History;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a {@link Report} shows; every part is optional and the report leaves out what is missing.
 * Setters are fluent and return this object.
 *
 * <ul>
 *   <li>{@link #config}: the run's settings as key/value rows (data set, layers, optimizer, epochs…);
 *       unset values ({@code null}, empty) are left out, nested maps and lists written out readably;</li>
 *   <li>{@link #model}: the summary table and network diagram; with {@link #data}, for classification the
 *       confusion matrix, and for 2-D inputs the decision boundary and hidden-neuron maps; for regression
 *       the predicted-against-actual and residual plots ({@link #task}, by default from the loss);</li>
 *   <li>{@link #metrics}: the test scores, labelled as such with the number of test samples
 *       ({@link #data}'s size); without them the history's last epoch is shown;</li>
 *   <li>{@link #history}: the training curves;</li>
 *   <li>{@link #confusionMatrix}: counts to show instead of computing them from model and data.</li>
 * </ul>
 *
 * <pre>{@code
 * Report.write(runDir, new ReportContent("XOR").config(Map.of("epochs", 500)).model(model)
 *         .history(history).data(Datasets.xor()));
 * }</pre>
 */
public final class ReportContent {

    /** What the model predicts, which decides the pictures of its errors. */
    public enum Task {
        /** Class labels: the confusion matrix (and decision boundary on 2-D inputs). */
        CLASSIFICATION,
        /** Numbers: predicted against actual, and the residuals. */
        REGRESSION
    }

    private String title;
    private Task task;
    private final Map<String, Object> config = new LinkedHashMap<>();
    private Model model;
    private History history;
    private Map<String, Double> metrics;
    private Dataset data;
    private int[][] confusionMatrix;
    private List<String> classNames;

    /** An empty report titled {@code title}. */
    public ReportContent(String title) {
        title(title);
    }

    /** Sets the title. */
    public ReportContent title(String title) {
        if (title == null || title.isBlank()) {
            throw new IllegalArgumentException("ReportContent: title must not be blank");
        }
        this.title = title;
        return this;
    }

    /** Adds the settings, in the map's iteration order (use a {@code LinkedHashMap} to fix it). */
    public ReportContent config(Map<String, ?> settings) {
        config.putAll(settings);
        return this;
    }

    /** Adds one setting. */
    public ReportContent config(String key, Object value) {
        config.put(key, value);
        return this;
    }

    /** The trained model (it must be built). */
    public ReportContent model(Model model) {
        this.model = model;
        return this;
    }

    /** The history {@code fit} returned. */
    public ReportContent history(History history) {
        this.history = history;
        return this;
    }

    /**
     * The scores on the test data, as {@code model.evaluate(test)} returns them; shown as "Test loss",
     * "Test accuracy", … on {@link #data}'s samples (by default, the last epoch of the history).
     */
    public ReportContent metrics(Map<String, Double> metrics) {
        this.metrics = new LinkedHashMap<>(metrics);
        return this;
    }

    /** The data to evaluate the pictures on (usually the test set). */
    public ReportContent data(Dataset data) {
        this.data = data;
        return this;
    }

    /**
     * The task, when the loss does not tell it: by default cross-entropy, hinge and perceptron
     * losses are classification, and mse, mae, mape, msle, huber, log_cosh and poisson regression.
     */
    public ReportContent task(Task task) {
        this.task = task;
        return this;
    }

    /** Confusion counts {@code [true][predicted]} to show instead of computing them. */
    public ReportContent confusionMatrix(int[][] counts) {
        this.confusionMatrix = counts.clone();
        return this;
    }

    /** Names of the classes 0…K−1 for the confusion matrix. */
    public ReportContent classNames(List<String> names) {
        this.classNames = List.copyOf(names);
        return this;
    }

    String title() {
        return title;
    }

    Task task() {
        return task;
    }

    Map<String, Object> config() {
        return config;
    }

    Model model() {
        return model;
    }

    History history() {
        return history;
    }

    Map<String, Double> metrics() {
        return metrics;
    }

    Dataset data() {
        return data;
    }

    int[][] confusionMatrixCounts() {
        return confusionMatrix;
    }

    List<String> classNames() {
        return classNames;
    }
}
