package dev.neurona.viz;

import static dev.neurona.nn.Layers.conv2d;
import static dev.neurona.nn.Layers.dense;
import static dev.neurona.nn.Layers.flatten;
import static dev.neurona.nn.Layers.input;
import static dev.neurona.nn.Layers.maxPooling2d;
import static org.assertj.core.api.Assertions.assertThat;

import dev.neurona.data.Dataset;
import dev.neurona.models.Sequential;
import dev.neurona.optim.Adam;
import dev.neurona.tensor.Tensor;
import dev.neurona.train.Fit;
import dev.neurona.train.History;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report of a convolutional network shows its filters and one test image's feature maps. */
class ConvReportTest {

    /** 40 images 8×8×1: class 1 has a bright left half. */
    private static Dataset images(long seed) {
        Random r = new Random(seed);
        int n = 40;
        float[] x = new float[n * 64];
        float[] y = new float[n * 2];
        for (int i = 0; i < n; i++) {
            int label = i % 2;
            for (int p = 0; p < 64; p++) {
                x[i * 64 + p] = r.nextFloat() * 0.5f + (label == 1 && p % 8 < 4 ? 0.5f : 0f);
            }
            y[i * 2 + label] = 1;
        }
        return Dataset.of(Tensor.of(x, n, 8, 8, 1), Tensor.of(y, n, 2));
    }

    @Test
    void aConvnetsReportHasItsFiltersAndTheFirstTestImagesFeatureMaps(@TempDir Path dir) throws Exception {
        Sequential model = new Sequential(input(8, 8, 1), conv2d(4, 3, "relu"), maxPooling2d(2), flatten(),
                dense(2, "softmax")).seed(2);
        model.compile(new Adam(0.01), "categorical_crossentropy", "accuracy");
        History history = model.fit(images(1), Fit.epochs(2).batchSize(8).verbose(0));
        Dataset test = images(2);
        ReportContent content = new ReportContent("convnet").model(model).history(history).data(test)
                .metrics(model.evaluate(test));

        Map<String, Figure> figures = Report.figures(content);
        assertThat(figures).containsKeys("conv_filters", "feature_maps", "confusion_matrix", "history", "network");
        assertThat(figures.get("conv_filters").seriesCount()).isEqualTo(4);
        // the maps are those of the first test image
        BufferedImage inReport = figures.get("feature_maps").toImage();
        BufferedImage expected = Plots.featureMaps(model, test.slice(0, 1).x()).toImage();
        BufferedImage other = Plots.featureMaps(model, test.slice(1, 2).x()).toImage();
        boolean differsFromSecond = false;
        for (int y = 0; y < inReport.getHeight(); y += 3) {
            for (int x = 0; x < inReport.getWidth(); x += 3) {
                assertThat(inReport.getRGB(x, y)).isEqualTo(expected.getRGB(x, y));
                differsFromSecond |= inReport.getRGB(x, y) != other.getRGB(x, y);
            }
        }
        assertThat(differsFromSecond).as("another image gives other maps").isTrue();

        String html = Files.readString(Report.write(dir, content));
        Pictures.parseXml(html);
        assertThat(html).contains("<h2>Filters</h2>", "<h2>Feature maps</h2>", "Filters of conv2d_",
                "Feature maps at conv2d_");
        Report.writeFigures(dir, content);
        assertThat(dir.resolve("conv_filters.png")).isNotEmptyFile();
        assertThat(dir.resolve("feature_maps.png")).isNotEmptyFile();
    }

    @Test
    void anMlpsReportHasNoConvPictures() {
        ReportContent content = ReportTest.xorContent();
        assertThat(Report.figures(content)).doesNotContainKeys("conv_filters", "feature_maps");
    }
}
