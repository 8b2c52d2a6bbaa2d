package dev.neurona.viz;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;

class ChartsTest {

    @Test
    void theYRangeIsTheCurvesPlusFivePercentEachSide() {
        XYChart chart = Charts.xy("t", "x", "y");
        Charts.padY(chart, List.of(new double[] {-5, 0, 5}, new double[] {1, Double.NaN, Double.POSITIVE_INFINITY}));
        assertThat(chart.getStyler().getYAxisMin()).isEqualTo(-5.5);
        assertThat(chart.getStyler().getYAxisMax()).isEqualTo(5.5);
    }

    @Test
    void aFlatCurveStillGetsARange() {
        XYChart chart = Charts.xy("t", "x", "y");
        Charts.padY(chart, List.of(new double[] {2, 2, 2}));
        assertThat(chart.getStyler().getYAxisMin()).isLessThan(2);
        assertThat(chart.getStyler().getYAxisMax()).isGreaterThan(2);
        XYChart empty = Charts.xy("t", "x", "y");
        Charts.padY(empty, List.of(new double[] {Double.NaN}));
        assertThat(empty.getStyler().getYAxisMin()).as("nothing finite: XChart's own range").isNull();
    }

    @Test
    void legendsSitBelowThePlot() {
        assertThat(Charts.xy("t", "x", "y").getStyler().getLegendPosition())
                .isEqualTo(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
    }
}
