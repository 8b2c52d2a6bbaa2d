package dev.neurona.viz;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Point2D;
import java.awt.image.BufferedImage;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.XYStyler;

/**
 * An XChart chart with a picture of the plane behind its series: the classifier's regions or a
 * function's shading. XChart has no such chart type, so this paints the chart once off-screen to
 * learn where the axes put {@code box}, draws the image exactly there, and paints the chart again
 * over it with transparent backgrounds. The same layout pass answers {@link #locate}, so tests can
 * read the colour at a data point.
 */
final class Backdrop implements Figure.Painter, Figure.Locator {

    private static final Color CLEAR = new Color(255, 255, 255, 0);

    private final XYChart chart;
    private final BufferedImage image;
    private final Box box;
    private final boolean smooth;

    /**
     * @param image  the plane over {@code box}, row 0 at the top ({@code yMax})
     * @param smooth whether to interpolate the image when scaling it (for smooth fields; off for
     *               class regions, whose edges should stay where the classifier puts them)
     */
    Backdrop(XYChart chart, BufferedImage image, Box box, boolean smooth) {
        this.chart = chart;
        this.image = image;
        this.box = box;
        this.smooth = smooth;
        XYStyler s = chart.getStyler();
        s.setXAxisMin(box.xMin());
        s.setXAxisMax(box.xMax());
        s.setYAxisMin(box.yMin());
        s.setYAxisMax(box.yMax());
        s.setPlotContentSize(1.0);
        s.setPlotGridLinesColor(new Color(255, 255, 255, 90));
    }

    @Override
    public synchronized void paint(Graphics2D g, int width, int height) {
        layout(width, height);
        int x0 = (int) Math.round(chart.getScreenXFromChart(box.xMin()));
        int x1 = (int) Math.round(chart.getScreenXFromChart(box.xMax()));
        int y0 = (int) Math.round(chart.getScreenYFromChart(box.yMax()));
        int y1 = (int) Math.round(chart.getScreenYFromChart(box.yMin()));
        XYStyler s = chart.getStyler();
        Color chartBackground = s.getChartBackgroundColor();
        Color plotBackground = s.getPlotBackgroundColor();
        g.setColor(chartBackground);
        g.fillRect(0, 0, width, height);
        Graphics2D gi = (Graphics2D) g.create();
        try {
            gi.setRenderingHint(RenderingHints.KEY_INTERPOLATION, smooth
                    ? RenderingHints.VALUE_INTERPOLATION_BILINEAR : RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
            gi.drawImage(image, x0, y0, x1 - x0, y1 - y0, null);
        } finally {
            gi.dispose();
        }
        s.setChartBackgroundColor(CLEAR);
        s.setPlotBackgroundColor(CLEAR);
        try {
            chart.paint(g, width, height);
        } finally {
            s.setChartBackgroundColor(chartBackground);
            s.setPlotBackgroundColor(plotBackground);
        }
    }

    @Override
    public synchronized Point2D locate(double x, double y, int width, int height) {
        layout(width, height);
        return new Point2D.Double(chart.getScreenXFromChart(x), chart.getScreenYFromChart(y));
    }

    /** Paints off-screen once so that the chart computes its axes for this size. */
    private void layout(int width, int height) {
        BufferedImage scratch = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scratch.createGraphics();
        try {
            chart.paint(g, width, height);
        } finally {
            g.dispose();
        }
    }
}
