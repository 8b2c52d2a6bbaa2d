package dev.neurona.viz;

import dev.neurona.tensor.Tensor;
import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * How well a regression fits: predicted against actual values (on the line y = x when perfect)
 * and the residuals {@code actual − predicted} against the prediction (scattered evenly around
 * zero when nothing is left to learn). One point set per output column.
 */
final class RegressionPlots {

    /** The most points drawn per output; larger sets show an evenly spaced sample of this many. */
    static final int MAX_POINTS = 5_000;

    private static final Color REFERENCE = new Color(0x555555);

    private RegressionPlots() {
    }

    static Figure predictedVsActual(Tensor actual, Tensor predicted) {
        float[][][] pairs = pairs("predictedVsActual", actual, predicted);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (float[][] column : pairs) {
            for (float[] values : column) {
                for (float v : values) {
                    if (Float.isFinite(v)) {
                        lo = Math.min(lo, v);
                        hi = Math.max(hi, v);
                    }
                }
            }
        }
        if (lo > hi) {   // nothing finite to draw
            lo = 0;
            hi = 0;
        }
        double pad = hi > lo ? 0.05 * (hi - lo) : 1;
        lo -= pad;
        hi += pad;
        XYChart chart = Charts.xy("Predicted against actual", "actual", "predicted");
        chart.getStyler().setXAxisMin(lo);
        chart.getStyler().setXAxisMax(hi);
        chart.getStyler().setYAxisMin(lo);
        chart.getStyler().setYAxisMax(hi);
        reference(chart, "y = x (perfect)", lo, hi, lo, hi);
        int series = 1 + points(chart, pairs, false);
        return new Figure("Predicted against actual", 620, 660, series, (g, w, h) -> chart.paint(g, w, h));
    }

    static Figure residuals(Tensor actual, Tensor predicted) {
        float[][][] pairs = pairs("residuals", actual, predicted);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (float[][] column : pairs) {
            for (float v : column[1]) {
                if (Float.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        if (lo > hi) {
            lo = 0;
            hi = 0;
        }
        double pad = hi > lo ? 0.05 * (hi - lo) : 1;
        XYChart chart = Charts.xy("Residuals", "predicted", "residual (actual \u2212 predicted)");
        chart.getStyler().setXAxisMin(lo - pad);
        chart.getStyler().setXAxisMax(hi + pad);
        reference(chart, "zero", lo - pad, hi + pad, 0, 0);
        int series = 1 + points(chart, pairs, true);
        return new Figure("Residuals", 640, 480, series, (g, w, h) -> chart.paint(g, w, h));
    }

    /** A dashed grey reference line from {@code (x0, y0)} to {@code (x1, y1)}. */
    private static void reference(XYChart chart, String name, double x0, double x1, double y0, double y1) {
        XYSeries line = Charts.line(chart, name, new double[] {x0, x1}, new double[] {y0, y1}, REFERENCE);
        line.setLineWidth(1.5f);
        line.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                new float[] {6f, 4f}, 0f));
    }

    /** One scatter per output column: {@code (actual, predicted)}, or {@code (predicted, residual)}. */
    private static int points(XYChart chart, float[][][] pairs, boolean residual) {
        int added = 0;
        for (int c = 0; c < pairs.length; c++) {
            float[] actual = pairs[c][0];
            float[] predicted = pairs[c][1];
            int step = Math.max(1, (actual.length + MAX_POINTS - 1) / MAX_POINTS);
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (int i = 0; i < actual.length; i += step) {
                if (!Float.isFinite(actual[i]) || !Float.isFinite(predicted[i])) {
                    continue;   // a diverged prediction has no place on the axes
                }
                xs.add((double) (residual ? predicted[i] : actual[i]));
                ys.add((double) (residual ? actual[i] - predicted[i] : predicted[i]));
            }
            if (xs.isEmpty()) {
                continue;
            }
            String name = pairs.length == 1 ? "samples" : "output " + (c + 1);
            XYSeries s = chart.addSeries(name, xs, ys);
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setMarkerColor(Colors.alpha(Colors.series(c), 170));
            added++;
        }
        chart.getStyler().setMarkerSize(5);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        return added;
    }

    /**
     * Per output column {@code c}: {@code [c][0]} the actual values and {@code [c][1]} the
     * predicted ones ({@code residuals} replaces the second by actual − predicted only when drawing).
     */
    private static float[][][] pairs(String plot, Tensor actual, Tensor predicted) {
        if (actual.rank() < 1 || actual.dim(0) == 0) {
            throw new IllegalArgumentException(plot + ": no samples to draw");
        }
        int n = actual.dim(0);
        if (predicted.rank() < 1 || predicted.dim(0) != n || predicted.size() != actual.size()) {
            throw new IllegalArgumentException(plot + ": the predictions " + java.util.Arrays.toString(predicted.shape())
                    + " do not match the targets " + java.util.Arrays.toString(actual.shape()));
        }
        int k = actual.size() / n;
        float[] a = actual.toArray();
        float[] p = predicted.toArray();
        float[][][] out = new float[k][2][n];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < k; c++) {
                out[c][0][i] = a[i * k + c];
                out[c][1][i] = p[i * k + c];
            }
        }
        return out;
    }
}
