package dev.neurona.viz;

import dev.neurona.data.Dataset;
import dev.neurona.perceptron.PerceptronResult;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The 2-D classification pictures: decision regions and the perceptron's line epoch by epoch. */
final class ClassPlots {

    /** Grid cells along each side of the region map: fine enough for smooth edges, cheap to classify. */
    static final int CELLS = 160;
    /** The most lines {@link #perceptronSteps} draws; longer runs show evenly spaced epochs and the last. */
    static final int MAX_LINES = 12;

    private ClassPlots() {
    }

    static Figure decisionBoundary(String title, Classifier classifier, Dataset data, Box box) {
        float[][] points = Points.xy("decisionBoundary", data.x());
        int[] labels = Points.classes("decisionBoundary", data);
        Classifier.Classes regions = classifier.classify(box.cellCentres(CELLS, CELLS));
        if (regions.ids().length != CELLS * CELLS) {
            throw new IllegalStateException("decisionBoundary: the classifier returned " + regions.ids().length
                    + " classes for " + CELLS * CELLS + " points");
        }
        BufferedImage image = new BufferedImage(CELLS, CELLS, BufferedImage.TYPE_INT_RGB);
        for (int j = 0; j < CELLS; j++) {
            for (int i = 0; i < CELLS; i++) {
                int k = j * CELLS + i;
                image.setRGB(i, j, regionColor(regions.ids()[k], regions.confidence()[k]).getRGB());
            }
        }
        XYChart chart = Charts.xy(title, "x1", "x2");
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
        int series = addClassPoints(chart, points, labels, Points.classNames(data));
        Backdrop backdrop = new Backdrop(chart, image, box, false);
        return new Figure(title, 800, 600, series, backdrop, backdrop);
    }

    /** The pale colour of class {@code id}'s region, deeper where the classifier is surer. */
    static Color regionColor(int id, float confidence) {
        return Colors.mix(Color.WHITE, Colors.series(id), 0.2 + 0.45 * confidence);
    }

    static Figure perceptronSteps(String title, PerceptronResult result, Dataset data) {
        float[][] points = Points.xy("perceptronSteps", data.x());
        int[] labels = Points.classes("perceptronSteps", data);
        Box box = Box.around(data.x(), 0.15);
        XYChart chart = Charts.xy(title, "x1", "x2");
        chart.getStyler().setXAxisMin(box.xMin());
        chart.getStyler().setXAxisMax(box.xMax());
        chart.getStyler().setYAxisMin(box.yMin());
        chart.getStyler().setYAxisMax(box.yMax());
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
        int series = addClassPoints(chart, points, labels, Points.classNames(data));
        List<Integer> epochs = shownEpochs(result.epochs());
        for (int e : epochs) {
            float[] w = result.weightsAfterEpoch(e);
            if (w.length != 3) {
                throw new IllegalArgumentException("perceptronSteps: needs a perceptron on 2-D points, got "
                        + (w.length - 1) + " weights besides the bias");
            }
            double[][] segment = clip(w[0], w[1], w[2], box);
            if (segment == null) {
                continue;   // all-zero weights (before any update) draw no line
            }
            boolean last = e == result.epochs();
            double shade = epochs.size() == 1 ? 1 : (double) epochs.indexOf(e) / (epochs.size() - 1);
            XYSeries s = Charts.line(chart, "after epoch " + e, segment[0], segment[1],
                    last ? new Color(0xd62728) : Colors.mix(new Color(0xbbbbbb), new Color(0x333333), shade));
            s.setLineWidth(last ? 3f : 1.5f);
            if (!last) {
                s.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                        new float[] {6f, 4f}, 0f));
            }
            series++;
        }
        return new Figure(title, 800, 600, series, (g, w, h) -> chart.paint(g, w, h));
    }

    /** The epochs 1…n to draw, at most {@link #MAX_LINES}, always including the last. */
    static List<Integer> shownEpochs(int n) {
        List<Integer> epochs = new ArrayList<>();
        if (n <= MAX_LINES) {
            for (int e = 1; e <= n; e++) {
                epochs.add(e);
            }
            return epochs;
        }
        for (int i = 0; i < MAX_LINES; i++) {
            int e = 1 + (int) Math.round((double) i * (n - 1) / (MAX_LINES - 1));
            if (!epochs.contains(e)) {
                epochs.add(e);
            }
        }
        return epochs;
    }

    /** One scatter series per class present, coloured as its region; returns the number added. */
    static int addClassPoints(XYChart chart, float[][] points, int[] labels, List<String> names) {
        int k = Points.classCount(labels);
        int added = 0;
        for (int c = 0; c < k; c++) {
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (int i = 0; i < points.length; i++) {
                if (labels[i] == c) {
                    xs.add((double) points[i][0]);
                    ys.add((double) points[i][1]);
                }
            }
            if (xs.isEmpty()) {
                continue;
            }
            XYSeries s = chart.addSeries(c < names.size() ? names.get(c) : "class " + c, xs, ys);
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setMarkerColor(Colors.mix(Colors.series(c), Color.BLACK, 0.15));
            added++;
        }
        return added;
    }

    /**
     * The part of the line {@code a + b·x + c·y = 0} inside {@code box}, as {@code {xs, ys}}, or
     * {@code null} when it misses the box or is no line at all ({@code b = c = 0}).
     */
    static double[][] clip(double a, double b, double c, Box box) {
        List<double[]> hits = new ArrayList<>();
        if (c != 0) {
            for (double x : new double[] {box.xMin(), box.xMax()}) {
                hits.add(new double[] {x, -(a + b * x) / c});
            }
        }
        if (b != 0) {
            for (double y : new double[] {box.yMin(), box.yMax()}) {
                hits.add(new double[] {-(a + c * y) / b, y});
            }
        }
        double eps = 1e-9 * (box.xMax() - box.xMin() + box.yMax() - box.yMin());
        hits.removeIf(p -> !new Box(box.xMin() - eps, box.xMax() + eps, box.yMin() - eps, box.yMax() + eps)
                .contains(p[0], p[1]));
        double[] p = null;
        double[] q = null;
        double best = -1;
        for (double[] u : hits) {
            for (double[] v : hits) {
                double d = Math.hypot(u[0] - v[0], u[1] - v[1]);
                if (d > best) {
                    best = d;
                    p = u;
                    q = v;
                }
            }
        }
        if (p == null || best <= eps) {
            return null;
        }
        return new double[][] {{p[0], q[0]}, {p[1], q[1]}};
    }
}
