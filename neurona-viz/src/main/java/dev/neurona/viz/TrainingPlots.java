package dev.neurona.viz;

import dev.neurona.activations.Activation;
import dev.neurona.activations.Activations;
import dev.neurona.tensor.Tensor;
import dev.neurona.train.History;
import java.awt.BasicStroke;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Training curves and the activation-function panels. */
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
        List<Figure.Painter> panels = new ArrayList<>();
        int series = 0;
        for (String base : bases) {
            XYChart chart = Charts.xy(base, "epoch", base);
            // below the plot, where it can never cover a curve
            chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
            List<double[]> curves = new ArrayList<>();
            for (String k : new String[] {base, "val_" + base}) {
                if (!keys.contains(k)) {
                    continue;
                }
                boolean validation = k.startsWith("val_");
                double[] values = values(history, k);
                curves.add(values);
                XYSeries s = Charts.line(chart, validation ? "validation" : "training", epochs, values,
                        Colors.series(validation ? 1 : 0));
                if (n <= 30) {
                    s.setMarker(SeriesMarkers.CIRCLE);
                    s.setMarkerColor(Colors.series(validation ? 1 : 0));
                }
                series++;
            }
            EpochAxis.configure(chart, n, curves);
            panels.add((g, w, h) -> EpochAxis.paint(chart, n, g, w, h));
        }
        int columns = Math.min(3, panels.size());
        int rows = (panels.size() + columns - 1) / columns;
        return new Figure("Training history", 450 * columns, 400 * rows, series, Charts.gridOf(panels, columns));
    }

    private static double[] values(History history, String key) {
        return history.get(key).stream().mapToDouble(v -> v == null ? Double.NaN : v).toArray();
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
            XYChart chart = Charts.xy(a.name(), "x", "");   // legend below: inside, it hid tanh's f' peak
            double[] f = toDouble(out.toArray());
            double[] df = toDouble(input.grad().toArray());
            Charts.padY(chart, List.of(f, df));
            Charts.line(chart, "f(x)", xs, f, Colors.series(0));
            XYSeries d = Charts.line(chart, "f'(x)", xs, df, Colors.series(1));
            d.setLineStyle(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                    new float[] {6f, 4f}, 0f));
            charts.add(chart);
        }
        int columns = Charts.columns(names.size(), 4);
        int rows = (names.size() + columns - 1) / columns;
        String title = String.format(Locale.ROOT, "%d activation functions and their derivatives", names.size());
        return new Figure(title, 340 * columns, 300 * rows, 2 * names.size(), Charts.grid(charts, columns));
    }

    private static double[] toDouble(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }
}
