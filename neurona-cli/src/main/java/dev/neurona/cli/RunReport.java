package dev.neurona.cli;

import dev.neurona.data.Dataset;
import dev.neurona.models.Model;
import dev.neurona.train.History;
import dev.neurona.viz.Report;
import dev.neurona.viz.ReportContent;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Writes a run folder's pictures: {@code report.html} and the PNG figures beside it (for
 * classification the confusion matrix, with the data set's class names where known; for
 * regression {@code predicted_vs_actual.png} and {@code residuals.png}).
 */
final class RunReport {

    private RunReport() {
    }

    /**
     * @param config the run's settings; its {@code task} ("classification" or "regression") picks the pictures
     * @param scores the scores on {@code test}, shown as the test metrics
     * @param test   the test data (for the confusion matrix and, with 2-D inputs, the decision boundary, or
     *               the regression plots)
     * @return the files written
     */
    static List<Path> write(Path runDir, Map<String, ?> config, Model model, History history,
                            Map<String, Double> scores, Dataset test, List<String> classNames) throws IOException {
        ReportContent content = new ReportContent("Neurona run " + runDir.getFileName())
                .config(config).model(model).history(history).metrics(scores).data(test);
        if (!classNames.isEmpty()) {
            content.classNames(classNames);
        }
        Object task = config.get("task");
        if ("regression".equals(task)) {
            content.task(ReportContent.Task.REGRESSION);
        } else if ("classification".equals(task)) {
            content.task(ReportContent.Task.CLASSIFICATION);
        }
        Path report = Report.write(runDir, content);
        List<Path> figures = new java.util.ArrayList<>(Report.writeFigures(runDir, content));
        figures.add(0, report);
        return figures;
    }
}
