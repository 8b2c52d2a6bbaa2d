package dev.neurona.viz;

import dev.neurona.optim.Optimizer;
import dev.neurona.optim.Optimizers;
import dev.neurona.optim.SGD;
import dev.neurona.tensor.NoGrad;
import dev.neurona.tensor.Tensor;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The lecture's optimizer pictures: paths over a contour plot, and the learning-rate comparison. */
final class OptimizerPlots {

    /** Samples along each side of the function grid (shading and contours). */
    static final int GRID = 121;
    /** The number of contour levels, equally spaced in log(1 + f − min f). */
    static final int LEVELS = 14;

    private OptimizerPlots() {
    }

    static Figure optimizerPaths(Function2d f, int steps, List<Optimizer> optimizers) {
        if (optimizers.isEmpty()) {
            throw new IllegalArgumentException("optimizerPaths: pass at least one optimizer");
        }
        if (steps < 1) {
            throw new IllegalArgumentException("optimizerPaths: steps must be positive, got " + steps);
        }
        Box box = f.box();
        double[][] v = sample(f, box);
        // Test functions span many orders of magnitude; a log scale shows the valley and the walls.
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] row : v) {
            for (double a : row) {
                lo = Math.min(lo, a);
                hi = Math.max(hi, a);
            }
        }
        double[][] g = new double[GRID][GRID];
        for (int j = 0; j < GRID; j++) {
            for (int i = 0; i < GRID; i++) {
                g[j][i] = Math.log1p(v[j][i] - lo);
            }
        }
        double top = Math.log1p(hi - lo);
        BufferedImage image = new BufferedImage(GRID, GRID, BufferedImage.TYPE_INT_RGB);
        for (int j = 0; j < GRID; j++) {
            for (int i = 0; i < GRID; i++) {
                image.setRGB(i, j, Colors.mix(Colors.viridis(g[j][i] / top), Color.WHITE, 0.45).getRGB());
            }
        }
        double[] levels = new double[LEVELS];
        for (int l = 0; l < LEVELS; l++) {
            levels[l] = top * (l + 0.5) / LEVELS;
        }
        String title = "Optimizers on " + f.name();
        XYChart chart = Charts.xy(title, "x", "y");
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setMarkerSize(4);
        List<double[]> segments = Contours.segments(g, box, levels);
        XYSeries contours = chart.addSeries("contours", gapped(segments, true), gapped(segments, false));
        contours.setMarker(SeriesMarkers.NONE);
        contours.setLineColor(new Color(255, 255, 255, 200));
        contours.setLineWidth(1f);
        contours.setShowInLegend(false);
        int series = 1;
        Set<String> names = new HashSet<>();
        for (int k = 0; k < optimizers.size(); k++) {
            Optimizer opt = optimizers.get(k);
            double[][] path = Descent.path(f, opt, steps);
            XYSeries s = chart.addSeries(unique(names, label(opt)), path[0], path[1]);
            s.setLineColor(Colors.series(k));
            s.setMarkerColor(Colors.series(k));
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setLineWidth(2f);
            series++;
        }
        if (f.minimum() != null) {
            XYSeries m = chart.addSeries("minimum", new double[] {f.minimum().x()}, new double[] {f.minimum().y()});
            m.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            m.setMarker(SeriesMarkers.DIAMOND);
            m.setMarkerColor(Color.BLACK);
            series++;
        }
        Backdrop backdrop = new Backdrop(chart, image, box, true);
        return new Figure(title, 900, 600, series, backdrop, backdrop);
    }

    static Figure learningRates(Function1d f, int steps, double[] etas) {
        if (etas.length == 0) {
            throw new IllegalArgumentException("learningRates: pass at least one learning rate");
        }
        int n = 200;
        double[] ws = new double[n + 1];
        double[] fs = new double[n + 1];
        double fMax = Double.NEGATIVE_INFINITY;
        double fMin = Double.POSITIVE_INFINITY;
        for (int i = 0; i <= n; i++) {
            ws[i] = f.min() + (f.max() - f.min()) * i / n;
            fs[i] = f.valueAt(ws[i]);
            fMax = Math.max(fMax, fs[i]);
            fMin = Math.min(fMin, fs[i]);
        }
        double pad = 0.05 * (fMax - fMin);
        List<XYChart> charts = new ArrayList<>();
        for (double eta : etas) {
            double[] path = Descent.path(f, new SGD(eta), steps);
            double[] values = new double[path.length];
            for (int i = 0; i < path.length; i++) {
                values[i] = f.valueAt(path[i]);
            }
            double change = values[values.length - 1] - values[0];
            String verdict = !(Math.abs(path[path.length - 1]) < 1e30) || change > 0 ? "diverges"
                    : values[values.length - 1] - fMin < 0.01 * (values[0] - fMin) ? "converges" : "slow";
            XYChart chart = Charts.xy(String.format(Locale.ROOT, "\u03b7 = %s: %s", trim(eta), verdict), "w",
                    "loss " + f.name());
            chart.getStyler().setXAxisMin(f.min());
            chart.getStyler().setXAxisMax(f.max());
            chart.getStyler().setYAxisMin(fMin - pad);
            chart.getStyler().setYAxisMax(fMax + pad);
            chart.getStyler().setLegendVisible(false);
            Charts.line(chart, "loss", ws, fs, Color.GRAY);
            XYSeries s = chart.addSeries("steps", path, values);
            s.setLineColor(Colors.series(3));
            s.setMarkerColor(Colors.series(3));
            s.setMarker(SeriesMarkers.CIRCLE);
            charts.add(chart);
        }
        String title = "Gradient descent on " + f.name() + " with " + etas.length + " learning rates";
        return new Figure(title, 400 * etas.length, 400, 2 * etas.length, Charts.grid(charts, etas.length));
    }

    /** {@code f} at the nodes of a {@link #GRID}² grid over {@code box}, row 0 at the top. */
    private static double[][] sample(Function2d f, Box box) {
        float[] xs = new float[GRID * GRID];
        float[] ys = new float[GRID * GRID];
        for (int j = 0; j < GRID; j++) {
            for (int i = 0; i < GRID; i++) {
                xs[j * GRID + i] = (float) (box.xMin() + (box.xMax() - box.xMin()) * i / (GRID - 1));
                ys[j * GRID + i] = (float) (box.yMax() - (box.yMax() - box.yMin()) * j / (GRID - 1));
            }
        }
        float[] values;
        try (NoGrad ignored = NoGrad.enter()) {
            values = f.formula().apply(Tensor.of(xs, xs.length), Tensor.of(ys, ys.length)).toArray();
        }
        double[][] v = new double[GRID][GRID];
        for (int j = 0; j < GRID; j++) {
            for (int i = 0; i < GRID; i++) {
                v[j][i] = values[j * GRID + i];
            }
        }
        return v;
    }

    /** The segments' x (or y) coordinates as one polyline with {@code null} gaps between segments. */
    private static List<Double> gapped(List<double[]> segments, boolean x) {
        List<Double> out = new ArrayList<>(segments.size() * 3);
        for (double[] s : segments) {
            out.add(x ? s[0] : s[1]);
            out.add(x ? s[2] : s[3]);
            out.add(null);
        }
        return out;
    }

    /** The optimizer's name, learning rate and every setting that differs from its defaults. */
    static String label(Optimizer opt) {
        StringBuilder sb = new StringBuilder(opt.name()).append(" (lr ").append(trim(opt.learningRate()));
        Map<String, Object> defaults;
        try {
            defaults = Optimizers.get(opt.name()).config();
        } catch (IllegalArgumentException unknownName) {
            defaults = opt.config();   // a user's own optimizer: no defaults to compare with
        }
        for (Map.Entry<String, Object> e : opt.config().entrySet()) {
            String key = e.getKey();
            if (!key.equals("name") && !key.equals("learning_rate") && !Objects.equals(e.getValue(), defaults.get(key))) {
                Object v = e.getValue();
                sb.append(", ").append(key).append(' ').append(v instanceof Double d ? trim(d) : v);
            }
        }
        return sb.append(')').toString();
    }

    private static String unique(Set<String> names, String name) {
        String n = name;
        for (int i = 2; !names.add(n); i++) {
            n = name + " #" + i;
        }
        return n;
    }

    static String trim(double v) {
        return new java.math.BigDecimal(v).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
    }
}
