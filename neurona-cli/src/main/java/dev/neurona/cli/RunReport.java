package dev.neurona.cli;

import dev.neurona.data.Dataset;
import dev.neurona.models.Sequential;
import dev.neurona.train.History;
import dev.neurona.viz.Report;
import dev.neurona.viz.ReportContent;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Writes a run folder's pictures: {@code report.html} and the PNG figures beside it. */
final class RunReport {

    private RunReport() {
    }

    /**
     * @param test the test data (for the confusion matrix and, with 2-D inputs, the decision boundary)
     * @return the files written
     */
    static List<Path> write(Path runDir, Map<String, ?> config, Sequential model, History history,
                            Map<String, Double> scores, Dataset test, List<String> classNames) throws IOException {
        ReportContent content = new ReportContent("Neurona run " + runDir.getFileName())
                .config(config).model(model).history(history).metrics(scores).data(test);
        if (!classNames.isEmpty()) {
            content.classNames(classNames);
        }
        Path report = Report.write(runDir, content);
        List<Path> figures = new java.util.ArrayList<>(Report.writeFigures(runDir, content));
        figures.add(0, report);
        return figures;
    }
}
