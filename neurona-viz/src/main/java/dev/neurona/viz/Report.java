package dev.neurona.viz;

import dev.neurona.data.Dataset;
import dev.neurona.models.Model;
import dev.neurona.nn.Layer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The training report: one self-contained HTML file (styles inline, every picture an inline SVG,
 * nothing fetched from the network) with the configuration, the model summary, the test metrics,
 * the training curves; for classification the confusion matrix and, for 2-D inputs, the decision
 * boundary and each hidden neuron's map; for regression predicted against actual and the
 * residuals; and the network diagram.
 *
 * <pre>{@code
 * Report.write(runDir, new ReportContent("moons").model(model).history(history).data(test));
 * // runDir/report.html
 * Report.writeFigures(runDir, content);   // runDir/history.png, decision_boundary.png, …
 * }</pre>
 */
public final class Report {

    /** The report's file name inside a run folder. */
    public static final String FILE_NAME = "report.html";

    private Report() {
    }

    /** Writes {@code runDir/report.html} (creating the folder) and returns its path. */
    public static Path write(Path runDir, ReportContent content) throws IOException {
        Path file = runDir.resolve(FILE_NAME);
        Figure.write(file, html(content).getBytes(StandardCharsets.UTF_8));
        return file;
    }

    /** Writes each of {@link #figures} as {@code <name>.png} into {@code dir}; returns the paths. */
    public static List<Path> writeFigures(Path dir, ReportContent content) throws IOException {
        List<Path> paths = new ArrayList<>();
        for (Map.Entry<String, Figure> e : figures(content).entrySet()) {
            Path file = dir.resolve(e.getKey() + ".png");
            e.getValue().savePng(file);
            paths.add(file);
        }
        return paths;
    }

    /**
     * The pictures the content allows, by file stem, in report order: {@code history},
     * {@code confusion_matrix}, {@code conv_filters}, {@code feature_maps} (a model with a Conv2D
     * layer; the maps of the data's first image), {@code decision_boundary}, {@code neuron_maps} (classification),
     * {@code predicted_vs_actual}, {@code residuals} (regression), {@code network}. The pictures of
     * predictions need a model of one input and one output; the network diagram and the neuron maps
     * one whose layers form a chain with Dense layers (a Sequential, or a functional chain): for other
     * models they are left out.
     */
    public static Map<String, Figure> figures(ReportContent content) {
        Map<String, Figure> figures = new LinkedHashMap<>();
        Model model = content.model();
        Dataset data = content.data();
        if (content.history() != null && content.history().epochCount() > 0) {
            figures.put("history", Plots.history(content.history()));
        }
        ReportContent.Task task = model == null ? content.task() : task(content.task(), model);
        boolean single = model != null && ModelLayers.single(model);
        boolean classifier = single && data != null && task == ReportContent.Task.CLASSIFICATION;
        List<Layer> chain = model != null && model.isBuilt() && ModelLayers.isChain(model)
                ? ModelLayers.chain(model, "Report") : List.of();
        int denseCount = ModelLayers.denseLayers(chain).size();
        int[][] counts = content.confusionMatrixCounts();
        if (counts == null && classifier) {
            counts = confusion(model, data);
        }
        if (counts != null) {
            List<String> names = content.classNames();
            figures.put("confusion_matrix", Plots.confusionMatrix(counts,
                    names != null && names.size() == counts.length ? names : null));
        }
        convFigures(figures, model, data);
        boolean plane = data != null && data.x().rank() == 2 && data.x().dim(1) == 2;
        if (classifier && plane) {
            figures.put("decision_boundary", Plots.decisionBoundary(model, data));
            if (denseCount > 1) {
                figures.put("neuron_maps", Plots.neuronMaps(model, data));
            }
        }
        if (single && data != null && model.isBuilt() && task == ReportContent.Task.REGRESSION) {
            figures.put("predicted_vs_actual", Plots.predictedVsActual(model, data));
            figures.put("residuals", Plots.residuals(model, data));
        }
        if (denseCount > 0) {
            figures.put("network", Plots.network(model));
        }
        return figures;
    }

    /**
     * For a model with a Conv2D layer: its first layer's filters, and with image data the feature
     * maps of the first sample there.
     */
    private static void convFigures(Map<String, Figure> figures, Model model, Dataset data) {
        if (model == null || !ConvPlots.hasConv2d(model)) {
            return;
        }
        figures.put("conv_filters", Plots.convFilters(model));
        boolean graph = model instanceof dev.neurona.models.Sequential || "Functional".equals(model.typeName());
        if (graph && ModelLayers.single(model) && data != null && data.size() > 0 && data.inputs().size() == 1
                && data.x().rank() == 4) {
            figures.put("feature_maps", Plots.featureMaps(model, data.slice(0, 1).x()));
        }
    }

    /** The losses of models that predict numbers. */
    static final java.util.Set<String> REGRESSION_LOSSES = java.util.Set.of(
            "mse", "mae", "mape", "msle", "huber", "log_cosh", "poisson");

    /** The given task, else the one the model's loss implies (null when it implies none). */
    static ReportContent.Task task(ReportContent.Task given, Model model) {
        if (given != null) {
            return given;
        }
        if (isClassification(model)) {
            return ReportContent.Task.CLASSIFICATION;
        }
        return model.loss() != null && REGRESSION_LOSSES.contains(model.loss().name())
                ? ReportContent.Task.REGRESSION : null;
    }

    /** Whether the model's loss is a classification loss (cross-entropy, hinge or perceptron). */
    static boolean isClassification(Model model) {
        if (model.loss() == null) {
            return false;
        }
        String loss = model.loss().name();
        return loss.contains("crossentropy") || loss.contains("hinge") || loss.equals("perceptron");
    }

    /** The confusion counts {@code [true][predicted]} of the model on {@code data}. */
    static int[][] confusion(Model model, Dataset data) {
        int[] truth = Points.classes("Report", data);
        int[] predicted = Classifier.of(model).classify(data.x()).ids();
        int k = Math.max(Points.classCount(truth), Points.classCount(predicted));
        int[][] counts = new int[k][k];
        for (int i = 0; i < truth.length; i++) {
            counts[truth[i]][predicted[i]]++;
        }
        return counts;
    }

    /** The report as one HTML5 document (also well-formed XML, so that tests can parse it strictly). */
    public static String html(ReportContent content) {
        Html h = new Html();
        h.raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
                .raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
                .raw("<title>").text(content.title()).raw("</title>\n<style>").raw(Html.STYLE).raw("</style>\n")
                .raw("</head>\n<body>\n<main>\n<h1>").text(content.title()).raw("</h1>\n");
        List<ConfigRows.Row> settings = ConfigRows.rows(content.config());
        if (!settings.isEmpty()) {
            h.section("Configuration").settings("setting", "value", settings).end();
        }
        Model model = content.model();
        if (model != null && model.isBuilt()) {
            h.section("Model").raw("<pre>").text(model.summaryString()).raw("</pre>\n").end();
        }
        metrics(h, content);
        Map<String, Figure> figures = figures(content);
        figure(h, figures, "history", "Training history", content.history() == null
                || content.history().stopReason() == null ? null : "Stopped early: " + content.history().stopReason());
        figure(h, figures, "confusion_matrix", "Confusion matrix", "Rows: true class; columns: predicted class.");
        figure(h, figures, "conv_filters", "Filters",
                "The first convolution layer's kernels, one tile per filter, each scaled from its smallest weight (black) "
                        + "to its largest (white).");
        figure(h, figures, "feature_maps", "Feature maps",
                "The first test image at the first convolution layer, one tile per channel, each scaled from its "
                        + "smallest activation (black) to its largest (white).");
        figure(h, figures, "decision_boundary", "Decision boundary",
                "The model's class over the input plane, paler where it is less sure; points are the data.");
        figure(h, figures, "neuron_maps", "Hidden neurons",
                "Each hidden neuron's output over the same plane (orange negative, white zero, blue positive).");
        figure(h, figures, "predicted_vs_actual", "Predicted against actual",
                "Each test sample's prediction against its target; a perfect model puts every point on the dashed line y = x.");
        figure(h, figures, "residuals", "Residuals",
                "Target minus prediction, against the prediction; a good fit scatters evenly around zero, a curve or funnel "
                        + "shows what the model has not learned.");
        figure(h, figures, "network", "Network", null);
        h.raw("<footer>Neurona report: one file, no network access needed.</footer>\n</main>\n</body>\n</html>\n");
        return h.toString();
    }

    private static void figure(Html h, Map<String, Figure> figures, String key, String heading, String caption) {
        Figure f = figures.get(key);
        if (f == null) {
            return;
        }
        h.section(heading).raw("<figure>\n").raw(f.toSvgString()).raw("\n");
        if (caption != null) {
            h.raw("<figcaption>").text(caption).raw("</figcaption>\n");
        }
        h.raw("</figure>\n").end();
    }

    /**
     * The test scores ("Test loss", "Test accuracy", …, with the number of test samples), or
     * without them the history's last epoch ("Training loss", "Validation loss", …); the learning
     * rate is left out.
     */
    private static void metrics(Html h, ReportContent content) {
        Map<String, Object> rows = new LinkedHashMap<>();
        if (content.metrics() != null && !content.metrics().isEmpty()) {
            content.metrics().forEach((k, v) -> rows.put("Test " + words(k), format(v)));
            h.section("Test metrics").table("metric", "value", rows);
            if (content.data() != null) {
                int n = content.data().size();
                h.raw("<p class=\"note\">").text(String.format(Locale.ROOT,
                        "Scored on %,d test sample%s.", n, n == 1 ? "" : "s")).raw("</p>\n");
            }
            h.end();
        } else if (content.history() != null && content.history().epochCount() > 0) {
            int last = content.history().epochCount();
            content.history().epoch(last - 1).forEach((k, v) -> {
                if (!k.equals("lr")) {
                    rows.put(k.startsWith("val_") ? "Validation " + words(k.substring(4)) : "Training " + words(k),
                            format(v));
                }
            });
            h.section("Last epoch").table("metric", "value", rows)
                    .raw("<p class=\"note\">").text("After epoch " + last + "; no test scores were given.").raw("</p>\n")
                    .end();
        }
    }

    /** A metric key as words: {@code "top_k_categorical_accuracy"} reads "top k categorical accuracy". */
    static String words(String key) {
        return key.replace('_', ' ');
    }

    private static String format(Double v) {
        return v == null ? "" : String.format(Locale.ROOT, "%.4f", v);
    }
}
