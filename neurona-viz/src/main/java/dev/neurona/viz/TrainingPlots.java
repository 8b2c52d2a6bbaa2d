package dev.neurona.viz;

import dev.neurona.activations.Activation;
import dev.neurona.activations.Activations;
import dev.neurona.tensor.Tensor;
import dev.neurona.train.History;
import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Training curves, the confusion matrix and the activation-function panels. */
final class TrainingPlots {

    private TrainingPlots() {
    }

    static Figure history(History history) {
        if (history.epochCount() == 0) {
            throw new IllegalArgumentException("history: the History holds no epochs");
        }
        List<String> keys = history.keys();
        List<String> bases = new ArrayList<>();
        for (String k : keys) {
            String base = k.startsWith("val_") ? k.substring(4) : k;
            if (!base.equals("lr") && !bases.contains(base)) {
                bases.add(base);
            }
        }
        int n = history.epochCount();
        double[] epochs = new double[n];
        for (int i = 0; i < n; i++) {
            epochs[i] = i + 1;
        }
        List<XYChart> charts = new ArrayList<>();
        int series = 0;
        for (String base : bases) {
            XYChart chart = Charts.xy(base, "epoch", base);
            chart.getStyler().setXAxisDecimalPattern("#0");
            chart.getStyler().setLegendPosition(base.equals("loss") || base.contains("error")
                    ? org.knowm.xchart.style.Styler.LegendPosition.InsideNE
                    : org.knowm.xchart.style.Styler.LegendPosition.InsideSE);
            for (String k : new String[] {base, "val_" + base}) {
                if (!keys.contains(k)) {
                    continue;
                }
                boolean validation = k.startsWith("val_");
                XYSeries s = Charts.line(chart, validation ? "validation" : "training", epochs, values(history, k),
                        Colors.series(validation ? 1 : 0));
                if (n <= 30) {
                    s.setMarker(SeriesMarkers.CIRCLE);
                    s.setMarkerColor(Colors.series(validation ? 1 : 0));
                }
                series++;
            }
            charts.add(chart);
        }
        int columns = Math.min(3, charts.size());
        int rows = (charts.size() + columns - 1) / columns;
        return new Figure("Training history", 450 * columns, 380 * rows, series, Charts.grid(charts, columns));
    }

    private static double[] values(History history, String key) {
        return history.get(key).stream().mapToDouble(v -> v == null ? Double.NaN : v).toArray();
    }

    static Figure confusionMatrix(int[][] counts, List<String> labels) {
        int k = counts.length;
        if (k < 2) {
            throw new IllegalArgumentException("confusionMatrix: need at least 2 classes, got " + k);
        }
        for (int[] row : counts) {
            if (row.length != k) {
                throw new IllegalArgumentException("confusionMatrix: the counts must be square, got a row of "
                        + row.length + " in a " + k + "-row matrix");
            }
        }
        List<String> names = labels == null ? defaultLabels(k) : List.copyOf(labels);
        if (names.size() != k) {
            throw new IllegalArgumentException("confusionMatrix: " + names.size() + " labels for " + k + " classes");
        }
        // XChart draws the first y category at the bottom; reverse so that row 0 is at the top, as printed.
        List<String> trueNames = new ArrayList<>(names);
        java.util.Collections.reverse(trueNames);
        List<Number[]> cells = new ArrayList<>();
        int max = 1;
        for (int t = 0; t < k; t++) {
            for (int p = 0; p < k; p++) {
                cells.add(new Number[] {p, k - 1 - t, counts[t][p]});
                max = Math.max(max, counts[t][p]);
            }
        }
        HeatMapChart chart = new HeatMapChart(Charts.WIDTH, Charts.HEIGHT, org.knowm.xchart.style.Styler.ChartTheme.XChart);
        chart.setTitle("Confusion matrix");
        chart.setXAxisTitle("predicted");
        chart.setYAxisTitle("true");
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setChartTitleBoxVisible(false);
        chart.getStyler().setShowValue(true);
        chart.getStyler().setValueFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.BOLD, 14));
        chart.getStyler().setValueFontColor(Color.BLACK);
        chart.getStyler().setHeatMapValueDecimalPattern("#0");
        chart.getStyler().setMin(0);
        chart.getStyler().setMax(max);
        chart.getStyler().setRangeColors(new Color[] {Color.WHITE, new Color(0x9ecae1), new Color(0x08519c)});
        chart.getStyler().setChartTitleVisible(true);
        chart.getStyler().setAxisTitlesVisible(true);
        chart.getStyler().setAxisTicksVisible(true);
        chart.getStyler().setLegendVisible(false);
        chart.addSeries("counts", names, trueNames, cells);
        int side = Math.max(400, Math.min(900, 120 + 60 * k));
        return new Figure("Confusion matrix", side, side, 1, (g, w, h) -> chart.paint(g, w, h));
    }

    private static List<String> defaultLabels(int k) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            names.add(Integer.toString(i));
        }
        return names;
    }

    /** The activations the lecture compares, for {@link Plots#activations()}. */
    static final List<String> LECTURE_ACTIVATIONS = List.of(
            "sign", "linear", "sigmoid", "tanh", "relu", "leaky_relu", "elu", "gelu", "swish");

    static Figure activations(List<String> names) {
        if (names.isEmpty()) {
            throw new IllegalArgumentException("activations: name at least one activation; known: "
                    + Activations.names());
        }
        int n = 201;
        double[] xs = new double[n];
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = -5f + 10f * i / (n - 1);
            xs[i] = x[i];
        }
        List<XYChart> charts = new ArrayList<>();
        for (String name : names) {
            if (name.contains("softmax")) {
                throw new IllegalArgumentException("activations: '" + name
                        + "' is not elementwise, so it has no curve of one variable");
            }
            Activation a = Activations.get(name);
            Tensor input = Tensor.of(x.clone(), n).requiresGrad(true);
            Tensor out = a.apply(input);
            out.sum().backward();   // d(sum f(x_i))/dx_i = f'(x_i): one backward gives every derivative
            XYChart chart = Charts.xy(a.name(), "x", "");
            chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNW);
            Charts.line(chart, "f(x)", xs, toDouble(out.toArray()), Colors.series(0));
            XYSeries d = Charts.line(chart, "f'(x)", xs, toDouble(input.grad().toArray()), Colors.series(1));
            d.setLineStyle(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                    new float[] {6f, 4f}, 0f));
            charts.add(chart);
        }
        int columns = Charts.columns(names.size(), 4);
        int rows = (names.size() + columns - 1) / columns;
        String title = String.format(Locale.ROOT, "%d activation functions and their derivatives", names.size());
        return new Figure(title, 340 * columns, 280 * rows, 2 * names.size(), Charts.grid(charts, columns));
    }

    private static double[] toDouble(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }
}
