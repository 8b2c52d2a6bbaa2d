package dev.neurona.viz;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.util.ArrayList;
import java.util.List;

/**
 * The confusion matrix as a grid of cells, drawn with Java 2D: row {@code t}, column {@code p}
 * holds how many samples of true class {@code t} were predicted as {@code p}, shaded from white
 * (none) to dark blue (the largest count), with the count written in black or white by the cell's
 * luminance ({@link Colors#textOn}). XChart's heat map writes every value in one colour, which
 * vanishes on the dark cells. Class names too wide for a column are written at 45°.
 */
final class ConfusionPlot {

    /** The shading: white for 0, light blue, dark blue for the largest count. */
    static final Color[] RAMP = {Color.WHITE, new Color(0x9ecae1), new Color(0x08519c)};

    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 15);
    private static final Font AXIS_TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 13);
    private static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

    private ConfusionPlot() {
    }

    static Figure confusionMatrix(int[][] counts, List<String> labels) {
        int k = counts.length;
        if (k < 2) {
            throw new IllegalArgumentException("confusionMatrix: need at least 2 classes, got " + k);
        }
        int max = 0;
        for (int[] row : counts) {
            if (row.length != k) {
                throw new IllegalArgumentException("confusionMatrix: the counts must be square, got a row of "
                        + row.length + " in a " + k + "-row matrix");
            }
            for (int c : row) {
                if (c < 0) {
                    throw new IllegalArgumentException("confusionMatrix: counts cannot be negative, got " + c);
                }
                max = Math.max(max, c);
            }
        }
        List<String> names = labels == null ? defaultLabels(k) : List.copyOf(labels);
        if (names.size() != k) {
            throw new IllegalArgumentException("confusionMatrix: " + names.size() + " labels for " + k + " classes");
        }
        int[][] copy = new int[k][];
        for (int t = 0; t < k; t++) {
            copy[t] = counts[t].clone();
        }
        int most = Math.max(1, max);
        int side = Math.max(400, Math.min(900, 160 + 60 * k));
        return new Figure("Confusion matrix", side, side, 1, (g, w, h) -> paint(g, w, h, copy, names, most));
    }

    /** The colour of a cell holding {@code count} of at most {@code max}. */
    static Color cellColor(int count, int max) {
        double t = max <= 0 ? 0 : Math.min(1, (double) count / max);
        return t <= 0.5 ? Colors.mix(RAMP[0], RAMP[1], 2 * t) : Colors.mix(RAMP[1], RAMP[2], 2 * t - 1);
    }

    private static void paint(Graphics2D g, int width, int height, int[][] counts, List<String> names, int max) {
        int k = counts.length;
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setFont(LABEL);
        FontMetrics fm = g.getFontMetrics();
        int widest = 0;
        for (String n : names) {
            widest = Math.max(widest, fm.stringWidth(n));
        }
        int top = 44;
        int right = 16;
        int left = 28 + widest + 8;                       // y title, names, gap
        int firstGuess = Math.max(8, (Math.min(width - left - right, height - top - 60)) / k);
        boolean slanted = widest > firstGuess - 6;
        int labelDrop = slanted ? (int) Math.ceil((widest + fm.getAscent()) * Math.sqrt(0.5)) + 6 : fm.getHeight() + 6;
        int bottom = labelDrop + 30;                      // names, x title
        int cell = Math.max(4, Math.min(width - left - right, height - top - bottom) / k);
        int gridX = left + Math.max(0, (width - left - right - cell * k) / 2);
        int gridY = top;

        g.setColor(Color.BLACK);
        g.setFont(TITLE);
        centred(g, "Confusion matrix", width / 2.0, 26);

        Font value = new Font(Font.SANS_SERIF, Font.BOLD, Math.max(8, Math.min(16, (int) (cell * 0.32))));
        for (int t = 0; t < k; t++) {
            for (int p = 0; p < k; p++) {
                int x = gridX + p * cell;
                int y = gridY + t * cell;
                Color fill = cellColor(counts[t][p], max);
                g.setColor(fill);
                g.fillRect(x, y, cell, cell);
                g.setColor(new Color(0xd0d4d9));
                g.setStroke(new BasicStroke(1f));
                g.drawRect(x, y, cell, cell);
                String text = Integer.toString(counts[t][p]);
                g.setFont(value);
                if (g.getFontMetrics().stringWidth(text) <= cell - 2) {
                    g.setColor(Colors.textOn(fill));
                    FontMetrics vm = g.getFontMetrics();
                    g.drawString(text, (float) (x + (cell - vm.stringWidth(text)) / 2.0),
                            (float) (y + (cell + vm.getAscent() - vm.getDescent()) / 2.0));
                }
            }
        }

        g.setColor(Color.BLACK);
        g.setFont(LABEL);
        for (int t = 0; t < k; t++) {
            String n = names.get(t);
            float y = (float) (gridY + t * cell + (cell + fm.getAscent() - fm.getDescent()) / 2.0);
            g.drawString(n, gridX - 8 - fm.stringWidth(n), y);
        }
        int labelsTop = gridY + k * cell + 6;
        for (int p = 0; p < k; p++) {
            String n = names.get(p);
            double cx = gridX + p * cell + cell / 2.0;
            if (slanted) {
                Graphics2D r = (Graphics2D) g.create();
                try {
                    // the name ends just below its column's centre and runs down to the left
                    r.translate(cx + fm.getAscent() / 2.0, labelsTop);
                    r.rotate(-Math.PI / 4);
                    r.drawString(n, -fm.stringWidth(n), fm.getAscent());
                } finally {
                    r.dispose();
                }
            } else {
                g.drawString(n, (float) (cx - fm.stringWidth(n) / 2.0), labelsTop + fm.getAscent());
            }
        }
        g.setFont(AXIS_TITLE);
        centred(g, "predicted", gridX + k * cell / 2.0, labelsTop + labelDrop + 14);
        Graphics2D v = (Graphics2D) g.create();
        try {
            v.translate(18, gridY + k * cell / 2.0);
            v.transform(AffineTransform.getRotateInstance(-Math.PI / 2));
            centred(v, "true", 0, 0);
        } finally {
            v.dispose();
        }
    }

    private static void centred(Graphics2D g, String text, double x, double y) {
        g.drawString(text, (float) (x - g.getFontMetrics().stringWidth(text) / 2.0), (float) y);
    }

    private static List<String> defaultLabels(int k) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            names.add(Integer.toString(i));
        }
        return names;
    }
}
