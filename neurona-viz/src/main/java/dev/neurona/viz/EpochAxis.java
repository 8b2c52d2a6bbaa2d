package dev.neurona.viz;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.XYStyler;

/**
 * The epoch axis of the training curves: whole epochs at a round spacing (1, 2, 5, 10, 20, 50, …)
 * that leaves at most {@value #MAX_LABELS} labels, so that 300 epochs read as 50, 100, …, 300
 * rather than a smear of overlapping numbers.
 *
 * <p>XChart, given equally spaced x values, puts a tick on every k-th data point from the first
 * (1, 10, 19, … for 120 epochs). The axis here runs from 0.5 to a little past the last epoch (so
 * that the first and last markers clear the frame), which XChart lays out with its round-number
 * steps instead; {@link #paint} then sets XChart's tick spacing hint, in
 * pixels, to this class's spacing at the size being painted. Should the labels not fit even so
 * (a very narrow panel), XChart widens the step further rather than overlap them.
 */
final class EpochAxis {

    /** The most epoch labels on an axis. */
    static final int MAX_LABELS = 10;

    private EpochAxis() {
    }

    /** The smallest of 1, 2, 5, 10, 20, 50, … that labels {@code epochs} epochs with at most {@value #MAX_LABELS} ticks. */
    static int spacing(int epochs) {
        if (epochs < 1) {
            throw new IllegalArgumentException("EpochAxis: need at least 1 epoch, got " + epochs);
        }
        long decade = 1;
        while (true) {
            for (int m : new int[] {1, 2, 5}) {
                long step = m * decade;
                if (epochs / step <= MAX_LABELS) {
                    return (int) step;
                }
            }
            decade *= 10;
        }
    }

    /** The labelled epochs: every multiple of {@link #spacing} from 1 to {@code epochs}. */
    static List<Integer> ticks(int epochs) {
        int step = spacing(epochs);
        List<Integer> ticks = new ArrayList<>();
        for (int e = step; e <= epochs; e += step) {
            ticks.add(e);
        }
        return ticks;
    }

    /** How an epoch is written on the axis: a whole number, no separators. */
    static final String PATTERN = "#0";

    /**
     * Sets the axis ranges and label format of {@code chart} for {@code curves} over epochs
     * 1…{@code epochs}. The plot is drawn edge to edge ({@code plotContentSize} 1) so that no tick
     * outside the range (such as 0, which is no epoch) shows; the y range gets the margin XChart
     * would have added ({@link Charts#padY}).
     */
    static void configure(XYChart chart, int epochs, List<double[]> curves) {
        XYStyler s = chart.getStyler();
        s.setXAxisDecimalPattern(PATTERN);
        s.setXAxisMin(0.5);
        s.setXAxisMax(epochs + rightMargin(epochs));
        s.setPlotContentSize(1.0);
        Charts.padY(chart, curves);
    }

    /**
     * The room right of the last epoch: half an epoch, or 4 % of the run for long ones, so that the
     * last label (300 of 300) fits inside the plot, where XChart draws it. Never exactly 0.5 for one
     * epoch: XChart would take 0.5, 1, 1.5 for equally spaced data points and label 0.5 as "0".
     */
    static double rightMargin(int epochs) {
        return epochs == 1 ? 0.55 : Math.max(0.5, 0.04 * epochs);
    }

    /** Paints {@code chart} with its epoch ticks {@link #spacing} apart at this size. */
    static void paint(XYChart chart, int epochs, Graphics2D g, int width, int height) {
        synchronized (chart) {
            chart.getStyler().setXAxisTickMarkSpacingHint(DEFAULT_HINT);
            layout(chart, width, height);
            double pixelsPerEpoch = chart.getScreenXFromChart(epochs) - chart.getScreenXFromChart(epochs - 1);
            // a hair under one step, so that XChart's rounding of the step lands on exactly this one
            int hint = (int) Math.floor(spacing(epochs) * pixelsPerEpoch * 0.99);
            chart.getStyler().setXAxisTickMarkSpacingHint(Math.max(1, hint));
            chart.paint(g, width, height);
        }
    }

    private static final int DEFAULT_HINT = new XYStyler().getXAxisTickMarkSpacingHint();

    private static void layout(XYChart chart, int width, int height) {
        BufferedImage scratch = new BufferedImage(Math.max(1, width), Math.max(1, height), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scratch.createGraphics();
        try {
            chart.paint(g, width, height);
        } finally {
            g.dispose();
        }
    }
}
