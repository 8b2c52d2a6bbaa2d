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
        assertThat(html).contains("Configuration", "momentum=0.9", "Model", "Total params: 17", "Last epoch",
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
        assertThat(Report.figures(content)).containsOnlyKeys("history", "predicted_vs_actual", "residuals", "network");
        String html = Files.readString(Report.write(dir, content));
        Pictures.parseXml(html);
        assertThat(html).doesNotContain("Confusion matrix", "Decision boundary")
                .contains("Test metrics", "Test loss", "Test mae", "Scored on 64 test samples.",
                        "Predicted against actual", "Residuals");
        assertSelfContained(html);
    }

    @Test
    void givenCountsAndNamesAreShownWithoutAModel() throws Exception {
        ReportContent content = new ReportContent("counts").confusionMatrix(new int[][] {{3, 1}, {0, 4}})
                .classNames(List.of("cat", "dog"));
        assertThat(Report.figures(content)).containsOnlyKeys("confusion_matrix");
        String html = Report.html(content);
        Pictures.parseXml(html);
        // the confusion matrix is drawn with Java 2D, so its class names are SVG text
        assertThat(html).contains("Confusion matrix", ">cat<", ">dog<").doesNotContain("Test metrics", "Last epoch");
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

    @Test
    void theConfigurationIsATableOfWhatWasSet() throws Exception {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("data", "iris");
        config.put("target", null);
        config.put("layers", Fixtures.xor().layers().stream().map(l -> l.config()).toList());
        config.put("optimizer", new Adam(0.001).config());
        config.put("early_stopping", null);
        config.put("note", "<script>alert('&')</script>");
        String html = Report.html(new ReportContent("config").config(config));
        Document doc = Pictures.parseXml(html);
        String table = html.substring(html.indexOf("<table class=\"settings\">"), html.indexOf("</table>"));
        assertThat(table).doesNotContain("null", "target", "early_stopping", "{", "<script")
                .contains("<th scope=\"row\">data</th><td>iris</td>",
                        "<th scope=\"row\">note</th><td>&lt;script&gt;alert(&#39;&amp;&#39;)&lt;/script&gt;</td>",
                        "<td>adam (learning_rate 0.001, ", "epsilon 1e-7")
                .contains(">dense_1 (Dense): units 4, activation tanh, ", ">dense_2 (Dense): units 1, activation sigmoid, ");
        int layers = Fixtures.xor().layers().size();
        assertThat(table).contains("<th scope=\"row\" rowspan=\"" + layers + "\">layers</th>");
        // one row per setting, plus one per layer beyond the first, plus the header
        assertThat(doc.getElementsByTagName("tr").getLength()).isEqualTo(1 + 4 + layers - 1);
    }

    @Test
    void givenScoresAreLabelledAsTestScores() throws Exception {
        Sequential model = Fixtures.xor();
        ReportContent content = new ReportContent("xor").model(model).data(Fixtures.xorData())
                .metrics(model.evaluate(Fixtures.xorData()));
        String html = Report.html(content);
        Pictures.parseXml(html);
        assertThat(html).contains("<h2>Test metrics</h2>", "<td>Test loss</td>", "<td>Test accuracy</td>",
                "<td class=\"num\">1.0000</td>", "Scored on 4 test samples.").doesNotContain("Final metrics");
    }

    @Test
    void onlyRegressionsGetThePredictionPictures(@TempDir Path dir) throws Exception {
        var data = Datasets.regression1d(40, 0.1, 2);
        Sequential model = new Sequential(input(1), dense(4, "tanh"), dense(1)).seed(1);
        model.compile(new Adam(0.01), "mse");
        model.fit(data, Fit.epochs(2).batchSize(8).verbose(0));
        List<Path> regression = Report.writeFigures(dir.resolve("regression"), new ReportContent("r").model(model).data(data));
        assertThat(regression).extracting(p -> p.getFileName().toString())
                .contains("predicted_vs_actual.png", "residuals.png").doesNotContain("confusion_matrix.png");
        for (Path p : regression) {
            assertThat(Files.size(p)).as(p.toString()).isGreaterThan(1000);
        }
        List<Path> classification = Report.writeFigures(dir.resolve("classification"), xorContent());
        assertThat(classification).extracting(p -> p.getFileName().toString())
                .contains("confusion_matrix.png").doesNotContain("predicted_vs_actual.png", "residuals.png");
        assertThat(dir.resolve("classification").resolve("residuals.png")).doesNotExist();
    }

    @Test
    void theTaskComesFromTheLossUnlessGiven() {
        Sequential regression = new Sequential(input(1), dense(1)).seed(1);
        regression.compile(new Adam(0.01), "huber");
        Sequential cosine = new Sequential(input(1), dense(2)).seed(1);
        cosine.compile(new Adam(0.01), "cosine_similarity");
        assertThat(Report.task(null, Fixtures.xor())).isEqualTo(ReportContent.Task.CLASSIFICATION);
        assertThat(Report.task(null, regression)).isEqualTo(ReportContent.Task.REGRESSION);
        assertThat(Report.task(null, cosine)).isNull();
        assertThat(Report.task(ReportContent.Task.REGRESSION, cosine)).isEqualTo(ReportContent.Task.REGRESSION);
        var data = Datasets.regression1d(16, 0.1, 2);
        assertThat(Report.figures(new ReportContent("c").model(cosine.build(1)).data(data))).containsOnlyKeys("network");
    }

    /** Nothing in the page may make the browser fetch anything (in-page {@code url(#clip)} references are fine). */
    static void assertSelfContained(String html) {
        assertThat(html).doesNotContainPattern("(?i)(src|href)\\s*=\\s*\"(?!data:)")
                .doesNotContainPattern("(?i)url\\(\\s*['\"]?(?!data:|#)")
                .doesNotContain("<script", "<link", "@import");
    }
}
