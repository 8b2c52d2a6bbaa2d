package dev.neurona.viz;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** One look for every XChart chart, and a painter that lays several charts out in a grid. */
final class Charts {

    static final int WIDTH = 800;
    static final int HEIGHT = 600;
    static final Color GRID = new Color(0, 0, 0, 28);

    private Charts() {
    }

    /** A line chart with the shared style; sizes are set again by each paint. */
    static XYChart xy(String title, String xTitle, String yTitle) {
        XYChart chart = new XYChart(WIDTH, HEIGHT);
        chart.setTitle(title);
        chart.setXAxisTitle(xTitle);
        chart.setYAxisTitle(yTitle);
        XYStyler s = chart.getStyler();
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderColor(Color.GRAY);
        s.setPlotGridLinesColor(GRID);
        s.setPlotGridLinesStroke(new BasicStroke(1f));
        s.setChartTitleBoxVisible(false);
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        s.setLegendPosition(Styler.LegendPosition.OutsideS);   // outside the plot: it never covers data
        s.setLegendLayout(Styler.LegendLayout.Horizontal);
        s.setLegendBorderColor(Color.LIGHT_GRAY);
        s.setLegendBackgroundColor(new Color(255, 255, 255, 220));
        s.setMarkerSize(6);
        s.setDecimalPattern("#0.###");
        return chart;
    }

    /** A line without markers, in {@code color}. */
    static XYSeries line(XYChart chart, String name, double[] x, double[] y, Color color) {
        XYSeries s = chart.addSeries(name, x, y);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(color);
        s.setLineWidth(2f);
        return s;
    }

    /**
     * Sets the y range to the finite values of {@code curves} plus 5 % of their span each side.
     * Besides the margin, this keeps XChart from treating evenly spaced y values (a straight line)
     * as data points to tick one by one, which it does when the range is exactly theirs.
     */
    static void padY(XYChart chart, List<double[]> curves) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] curve : curves) {
            for (double v : curve) {
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        if (lo <= hi) {
            double pad = hi > lo ? 0.05 * (hi - lo) : Math.max(1e-3, 0.05 * Math.abs(hi));
            chart.getStyler().setYAxisMin(lo - pad);
            chart.getStyler().setYAxisMax(hi + pad);
        }
    }

    /** Paints {@code charts} row by row into a grid of {@code columns} columns filling the figure. */
    static Figure.Painter grid(List<? extends Chart<?, ?>> charts, int columns) {
        return gridOf(charts.stream().<Figure.Painter>map(c -> c::paint).toList(), columns);
    }

    /** Paints {@code panels} row by row into a grid of {@code columns} columns filling the figure. */
    static Figure.Painter gridOf(List<Figure.Painter> panels, int columns) {
        int rows = (panels.size() + columns - 1) / columns;
        return (g, width, height) -> {
            int cw = width / columns;
            int ch = height / rows;
            for (int i = 0; i < panels.size(); i++) {
                Graphics2D cell = (Graphics2D) g.create();
                try {
                    cell.translate((i % columns) * cw, (i / columns) * ch);
                    cell.clipRect(0, 0, cw, ch);
                    panels.get(i).paint(cell, cw, ch);
                } finally {
                    cell.dispose();
                }
            }
        };
    }

    /** The number of columns that lays out {@code n} panels roughly square, at most {@code max} wide. */
    static int columns(int n, int max) {
        return Math.max(1, Math.min(max, (int) Math.ceil(Math.sqrt(n))));
    }
}
