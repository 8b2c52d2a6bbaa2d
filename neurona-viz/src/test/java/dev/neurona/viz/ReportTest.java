package dev.neurona.viz;

import static dev.neurona.nn.Layers.dense;
import static dev.neurona.nn.Layers.input;
import static org.assertj.core.api.Assertions.assertThat;

import dev.neurona.data.Datasets;
import dev.neurona.models.Sequential;
import dev.neurona.optim.Adam;
import dev.neurona.train.Fit;
import dev.neurona.train.History;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class ReportTest {

    static ReportContent xorContent() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("data", "xor");
        config.put("optimizer", "sgd(lr=0.5, momentum=0.9)");
        config.put("epochs", 300);
        return new ReportContent("XOR <& friends>").config(config).model(Fixtures.xor())
                .history(Fixtures.xorHistory()).data(Fixtures.xorData());
    }

    @Test
    void aClassifierOn2dDataGetsEverySection(@TempDir Path dir) throws Exception {
        Path file = Report.write(dir.resolve("run-1"), xorContent());
        assertThat(file).isEqualTo(dir.resolve("run-1").resolve("report.html"));
        String html = Files.readString(file);

        Document doc = Pictures.parseXml(html);   // well-formed, so every tag is closed and every & escaped
        assertThat(doc.getDocumentElement().getTagName()).isEqualTo("html");
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<meta charset=\"utf-8\"/>");
        assertThat(html).contains("<title>XOR &lt;&amp; friends&gt;</title>");
        assertThat(doc.getElementsByTagName("h2").getLength()).isEqualTo(8);
        assertThat(html).contains("Configuration", "momentum=0.9", "Model", "Total params: 17", "Final metrics",
                "Training history", "Confusion matrix", "Decision boundary", "Hidden neurons", "Network");
        assertThat(doc.getElementsByTagName("svg").getLength()).isEqualTo(5);
        assertSelfContained(html);
        assertThat(Report.figures(xorContent())).containsOnlyKeys("history", "confusion_matrix",
                "decision_boundary", "neuron_maps", "network");
    }

    @Test
    void theConfusionMatrixOfAPerfectXorNetIsDiagonal() {
        assertThat(Report.confusion(Fixtures.xor(), Fixtures.xorData())).isEqualTo(new int[][] {{2, 0}, {0, 2}});
    }

    @Test
    void aRegressionReportLeavesOutTheClassPictures(@TempDir Path dir) throws Exception {
        var data = Datasets.regression1d(64, 0.1, 1);
        Sequential model = new Sequential(input(1), dense(8, "tanh"), dense(1)).seed(3);
        model.compile(new Adam(0.01), "mse", "mae");
        History h = model.fit(data, Fit.epochs(3).batchSize(16).verbose(0).validationSplit(0.25));
        ReportContent content = new ReportContent("sine").model(model).history(h).data(data)
                .metrics(model.evaluate(data));
        assertThat(Report.figures(content)).containsOnlyKeys("history", "network");
        String html = Files.readString(Report.write(dir, content));
        Pictures.parseXml(html);
        assertThat(html).doesNotContain("Confusion matrix", "Decision boundary").contains("mae");
        assertSelfContained(html);
    }

    @Test
    void givenCountsAndNamesAreShownWithoutAModel() throws Exception {
        ReportContent content = new ReportContent("counts").confusionMatrix(new int[][] {{3, 1}, {0, 4}})
                .classNames(List.of("cat", "dog"));
        assertThat(Report.figures(content)).containsOnlyKeys("confusion_matrix");
        String html = Report.html(content);
        Pictures.parseXml(html);
        // XChart draws its labels as outlines, so the names are paths, not text, in the SVG
        assertThat(html).contains("Confusion matrix").doesNotContain("Final metrics");
    }

    @Test
    void figuresAreWrittenAsPngs(@TempDir Path dir) throws Exception {
        List<Path> files = Report.writeFigures(dir, xorContent());
        assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("history.png",
                "confusion_matrix.png", "decision_boundary.png", "neuron_maps.png", "network.png");
        for (Path p : files) {
            assertThat(Files.size(p)).isGreaterThan(1000);
        }
    }

    /** Nothing in the page may make the browser fetch anything (in-page {@code url(#clip)} references are fine). */
    static void assertSelfContained(String html) {
        assertThat(html).doesNotContainPattern("(?i)(src|href)\\s*=\\s*\"(?!data:)")
                .doesNotContainPattern("(?i)url\\(\\s*['\"]?(?!data:|#)")
                .doesNotContain("<script", "<link", "@import");
    }
}
