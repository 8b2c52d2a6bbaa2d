package dev.neurona.viz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.neurona.data.Datasets;
import java.awt.Color;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfusionPlotTest {

    @Test
    void textIsWhiteOnDarkAndBlackOnLightBackgrounds() {
        assertThat(Colors.textOn(Color.WHITE)).isEqualTo(Color.BLACK);
        assertThat(Colors.textOn(Color.BLACK)).isEqualTo(Color.WHITE);
        assertThat(Colors.textOn(Color.YELLOW)).isEqualTo(Color.BLACK);
        assertThat(Colors.textOn(new Color(0x000080))).as("navy").isEqualTo(Color.WHITE);
        assertThat(Colors.textOn(ConfusionPlot.RAMP[1])).as("the light blue").isEqualTo(Color.BLACK);
        assertThat(Colors.textOn(ConfusionPlot.RAMP[2])).as("the dark blue").isEqualTo(Color.WHITE);
        // mid grey (luminance 0.216) is on the black side of the 0.179 threshold, a darker grey (0.156) on the white
        assertThat(Colors.textOn(new Color(128, 128, 128))).isEqualTo(Color.BLACK);
        assertThat(Colors.textOn(new Color(110, 110, 110))).isEqualTo(Color.WHITE);
        assertThat(Colors.luminance(Color.WHITE)).isEqualTo(1.0, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(Colors.luminance(Color.BLACK)).isZero();
    }

    @Test
    void cellsShadeFromWhiteToDarkBlue() {
        assertThat(ConfusionPlot.cellColor(0, 10)).isEqualTo(Color.WHITE);
        assertThat(ConfusionPlot.cellColor(10, 10)).isEqualTo(ConfusionPlot.RAMP[2]);
        assertThat(ConfusionPlot.cellColor(5, 10)).isEqualTo(ConfusionPlot.RAMP[1]);
        assertThat(Colors.luminance(ConfusionPlot.cellColor(3, 10)))
                .isGreaterThan(Colors.luminance(ConfusionPlot.cellColor(7, 10)));
    }

    @Test
    void theCountOnTheDarkestCellIsWrittenInWhiteAndOnALightOneInBlack() throws Exception {
        int[][] counts = {{950, 12}, {40, 3}};
        BufferedImage image = Pictures.renderedPng(Plots.confusionMatrix(counts, List.of("cat", "dog")), 500, 500);
        Rectangle dark = boundsOf(image, ConfusionPlot.cellColor(950, 950));
        Rectangle light = boundsOf(image, ConfusionPlot.cellColor(40, 950));
        assertThat(dark.width).as("the dark cell is a big square").isGreaterThan(100);
        assertThat(light.width).isGreaterThan(100);
        assertThat(count(image, dark, 0.8, true)).as("white pixels of the text on the dark cell").isGreaterThan(30);
        // the dark blue itself has luminance 0.08: "black" here is below 0.02
        assertThat(count(image, dark, 0.02, false)).as("black pixels on the dark cell").isZero();
        assertThat(count(image, light, 0.02, false)).as("black pixels of the text on the light cell").isGreaterThan(30);
    }

    @Test
    void fashionMnistNamesFitUnderTheirColumns() throws Exception {
        int[][] counts = new int[10][10];
        for (int i = 0; i < 10; i++) {
            counts[i][i] = 900;
            counts[i][(i + 1) % 10] = 100;
        }
        Figure f = Plots.confusionMatrix(counts, Datasets.fashionMnistClasses());
        Pictures.renderedPng(f, f.width(), f.height());
        String svg = f.toSvgString();
        Pictures.parseXml(svg);
        assertThat(svg).contains("T-shirt/top", "Ankle boot");
    }

    @Test
    void namesWithMarkupCharactersStayWellFormedInSvg() throws Exception {
        String svg = Plots.confusionMatrix(new int[][] {{1, 0}, {0, 1}}, List.of("<a & b>", "\"c\"")).toSvgString();
        Pictures.parseXml(svg);
        assertThatThrownBy(() -> Plots.confusionMatrix(new int[][] {{1, -2}, {0, 1}}))
                .hasMessageContaining("negative").hasMessageContaining("-2");
    }

    /** The bounding box of the pixels of exactly {@code color}. */
    private static Rectangle boundsOf(BufferedImage image, Color color) {
        Rectangle r = null;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xffffff) == (color.getRGB() & 0xffffff)) {
                    r = r == null ? new Rectangle(x, y, 1, 1) : r.union(new Rectangle(x, y, 1, 1));
                }
            }
        }
        assertThat(r).as("pixels of " + color).isNotNull();
        return r;
    }

    /** Pixels inside {@code r} with luminance above ({@code brighter}) or below {@code level}. */
    private static int count(BufferedImage image, Rectangle r, double level, boolean brighter) {
        int n = 0;
        for (int y = r.y + 2; y < r.y + r.height - 2; y++) {
            for (int x = r.x + 2; x < r.x + r.width - 2; x++) {
                double l = Colors.luminance(new Color(image.getRGB(x, y)));
                if (brighter ? l > level : l < level) {
                    n++;
                }
            }
        }
        return n;
    }
}
