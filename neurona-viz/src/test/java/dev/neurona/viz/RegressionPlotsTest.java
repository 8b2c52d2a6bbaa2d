package dev.neurona.viz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.neurona.tensor.Tensor;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class RegressionPlotsTest {

    private static final Tensor ACTUAL = Tensor.of(new float[][] {{0}, {1}, {2}, {3}, {4}});
    private static final Tensor PREDICTED = Tensor.of(new float[][] {{0.2f}, {0.9f}, {2.3f}, {2.8f}, {4.1f}});

    @Test
    void predictedAgainstActualDrawsThePointsAndTheDiagonal() throws Exception {
        Figure f = Plots.predictedVsActual(ACTUAL, PREDICTED);
        assertThat(f.seriesCount()).isEqualTo(2);   // y = x and one output
        BufferedImage image = Pictures.renderedPng(f, 500, 500);
        assertThat(bluePixels(image)).as("the points in the first palette colour").isGreaterThan(40);
    }

    @Test
    void residualsDrawThePointsAndTheZeroLine() throws Exception {
        Figure f = Plots.residuals(ACTUAL, PREDICTED);
        assertThat(f.seriesCount()).isEqualTo(2);
        Pictures.renderedPng(f, 500, 400);
    }

    @Test
    void severalOutputsGetOneSeriesEach() {
        Tensor actual = Tensor.of(new float[][] {{0, 1}, {1, 2}, {2, 3}});
        Tensor predicted = Tensor.of(new float[][] {{0, 1.5f}, {1.2f, 2}, {2, Float.NaN}});
        assertThat(Plots.predictedVsActual(actual, predicted).seriesCount()).isEqualTo(3);
        assertThat(Plots.residuals(actual, predicted).seriesCount()).isEqualTo(3);
    }

    @Test
    void mismatchedShapesAreRejected() {
        Tensor wrong = Tensor.of(new float[][] {{0}, {1}});
        assertThatThrownBy(() -> Plots.predictedVsActual(ACTUAL, wrong))
                .hasMessageContaining("predictions [2, 1]").hasMessageContaining("targets [5, 1]");
        assertThatThrownBy(() -> Plots.residuals(ACTUAL, wrong)).hasMessageContaining("residuals");
    }

    private static int bluePixels(BufferedImage image) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if (Pictures.bluish(image.getRGB(x, y))) {
                    n++;
                }
            }
        }
        return n;
    }
}
