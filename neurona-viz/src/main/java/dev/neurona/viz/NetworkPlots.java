package dev.neurona.viz;

import dev.neurona.data.Dataset;
import dev.neurona.models.Model;
import dev.neurona.nn.Dense;
import dev.neurona.nn.Layer;
import dev.neurona.nn.Mode;
import dev.neurona.tensor.NoGrad;
import dev.neurona.tensor.Tensor;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Pictures of a network itself, drawn with Java 2D: the neurons and weighted edges as on the
 * lecture's slides, and each hidden neuron's output over the input plane as in TensorFlow
 * Playground.
 */
final class NetworkPlots {

    /** Neurons drawn per layer; bigger layers show the first and last ones around a gap. */
    static final int MAX_NEURONS = 10;
    /** Neuron maps per layer row; the rest are counted in the row's label. */
    static final int MAX_MAPS = 16;
    static final int TILE = 72;
    static final int MAP_CELLS = 48;

    private NetworkPlots() {
    }

    /** One column of neurons: its label, its width, and for Dense layers the kernel and bias. */
    private record Column(String label, int units, float[][] kernel, float[] bias) {
    }

    static Figure network(Model model) {
        List<Column> columns = new ArrayList<>();
        for (Layer layer : ModelLayers.chain(model, "network")) {
            if (layer instanceof Dense dense) {
                if (!dense.isBuilt()) {
                    throw new IllegalArgumentException("network: the model is not built; give it an input shape or fit it");
                }
                float[][] kernel = dense.kernel().toArray2d();
                if (columns.isEmpty()) {
                    columns.add(new Column("input (" + kernel.length + ")", kernel.length, null, null));
                } else if (kernel.length != columns.get(columns.size() - 1).units()) {
                    throw new IllegalArgumentException("network: " + dense.name() + " takes " + kernel.length
                            + " inputs but the Dense layer before it gives " + columns.get(columns.size() - 1).units()
                            + " (a layer between them changes the width); the diagram draws Dense layers that feed "
                            + "each other");
                }
                float[] bias = dense.bias() == null ? new float[dense.units()] : dense.bias().toArray();
                columns.add(new Column(dense.name() + ": " + dense.units() + " " + dense.activation().name(),
                        dense.units(), kernel, bias));
            }
        }
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("network: the model has no Dense layer to draw");
        }
        String title = "Network: " + String.join(" \u2192 ", columns.stream().map(c -> "" + c.units()).toList());
        int maxShown = columns.stream().mapToInt(c -> shown(c.units()).size()).max().orElse(1);
        int width = Math.max(500, 200 * columns.size());
        int height = Math.max(360, 90 + 48 * maxShown);
        return new Figure(title, width, height, columns.size(), (g, w, h) -> paintNetwork(g, w, h, title, columns));
    }

    /** The neuron indices drawn for a layer of {@code units}, with −1 for the gap. */
    static List<Integer> shown(int units) {
        List<Integer> ids = new ArrayList<>();
        if (units <= MAX_NEURONS) {
            for (int i = 0; i < units; i++) {
                ids.add(i);
            }
            return ids;
        }
        int head = MAX_NEURONS / 2;
        for (int i = 0; i < head; i++) {
            ids.add(i);
        }
        ids.add(-1);
        for (int i = units - (MAX_NEURONS - head - 1); i < units; i++) {
            ids.add(i);
        }
        return ids;
    }

    private static void paintNetwork(Graphics2D g, int w, int h, String title, List<Column> columns) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        int top = 50;
        int bottom = h - 50;
        double[] xs = new double[columns.size()];
        List<double[]> ys = new ArrayList<>();
        for (int c = 0; c < columns.size(); c++) {
            xs[c] = columns.size() == 1 ? w / 2.0 : 80 + (w - 160.0) * c / (columns.size() - 1);
            List<Integer> ids = shown(columns.get(c).units());
            double[] y = new double[ids.size()];
            double step = Math.min(48, (bottom - top) / (double) Math.max(1, ids.size()));
            double y0 = (top + bottom) / 2.0 - step * (ids.size() - 1) / 2.0;
            for (int i = 0; i < ids.size(); i++) {
                y[i] = y0 + step * i;
            }
            ys.add(y);
        }
        double radius = Math.min(14, Math.max(5, (ys.get(0).length > 1 ? ys.get(0)[1] - ys.get(0)[0] : 40) / 3));
        // edges first, so the neurons sit on top; colour is the weight's sign, width and opacity its size
        for (int c = 1; c < columns.size(); c++) {
            Column col = columns.get(c);
            List<Integer> from = shown(columns.get(c - 1).units());
            List<Integer> to = shown(col.units());
            double max = 1e-12;
            for (float[] row : col.kernel()) {
                for (float v : row) {
                    max = Math.max(max, Math.abs(v));
                }
            }
            for (int a = 0; a < from.size(); a++) {
                for (int b = 0; b < to.size(); b++) {
                    if (from.get(a) < 0 || to.get(b) < 0) {
                        continue;
                    }
                    double wgt = col.kernel()[from.get(a)][to.get(b)] / max;
                    Color base = wgt >= 0 ? Colors.POSITIVE : Colors.NEGATIVE;
                    g.setColor(Colors.alpha(base, (int) (40 + 200 * Math.abs(wgt))));
                    g.setStroke(new BasicStroke((float) (0.5 + 4 * Math.abs(wgt))));
                    g.draw(new Line2D.Double(xs[c - 1], ys.get(c - 1)[a], xs[c], ys.get(c)[b]));
                }
            }
        }
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (int c = 0; c < columns.size(); c++) {
            Column col = columns.get(c);
            List<Integer> ids = shown(col.units());
            double maxBias = 1e-12;
            if (col.bias() != null) {
                for (float b : col.bias()) {
                    maxBias = Math.max(maxBias, Math.abs(b));
                }
            }
            for (int i = 0; i < ids.size(); i++) {
                double y = ys.get(c)[i];
                if (ids.get(i) < 0) {
                    g.setColor(Color.DARK_GRAY);
                    drawCentred(g, "\u22ee", xs[c], y + 5);
                    continue;
                }
                Color fill = col.bias() == null ? new Color(0xeeeeee) : Colors.diverging(col.bias()[ids.get(i)] / maxBias);
                Ellipse2D circle = new Ellipse2D.Double(xs[c] - radius, y - radius, 2 * radius, 2 * radius);
                g.setColor(fill);
                g.fill(circle);
                g.setColor(Color.DARK_GRAY);
                g.setStroke(new BasicStroke(1.2f));
                g.draw(circle);
            }
            g.setColor(Color.BLACK);
            drawCentred(g, col.label(), xs[c], h - 22);
        }
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        drawCentred(g, title, w / 2.0, 26);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.setColor(Color.DARK_GRAY);
        drawCentred(g, "edges: blue positive, orange negative weights, thicker = larger |w|; fill: bias", w / 2.0, h - 6);
    }

    private static void drawCentred(Graphics2D g, String text, double x, double y) {
        int width = g.getFontMetrics().stringWidth(text);
        g.drawString(text, (float) (x - width / 2.0), (float) y);
    }

    static Figure neuronMaps(Model model, Dataset data) {
        List<Layer> chain = ModelLayers.chain(model, "neuronMaps");
        Box box = Box.around(data.x(), 0.15);
        Points.xy("neuronMaps", data.x());
        Tensor grid = box.cellCentres(MAP_CELLS, MAP_CELLS);
        List<Dense> dense = ModelLayers.denseLayers(chain);
        if (dense.size() < 2) {
            throw new IllegalArgumentException("neuronMaps: the model has no hidden Dense layer");
        }
        List<String> labels = new ArrayList<>();
        List<List<BufferedImage>> rows = new ArrayList<>();
        try (NoGrad ignored = NoGrad.enter()) {
            Tensor h = grid;
            for (Layer layer : chain) {
                h = layer.call(h, Mode.INFERENCE);
                if (layer instanceof Dense d && d != dense.get(dense.size() - 1)) {
                    labels.add(d.name() + " (" + d.activation().name() + ")"
                            + (d.units() > MAX_MAPS ? ", first " + MAX_MAPS + " of " + d.units() : ""));
                    rows.add(maps(h, d.units(), d.activation().name()));
                }
            }
        }
        int tiles = rows.stream().mapToInt(List::size).sum();
        int maxTiles = rows.stream().mapToInt(List::size).max().orElse(1);
        int width = Math.max(420, 20 + maxTiles * (TILE + 8));
        int height = 50 + rows.size() * (TILE + 34);
        String title = "Hidden neurons over the input plane";
        return new Figure(title, width, height, tiles, (g, w, hh) -> {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, w, hh);
            double sx = w / (double) width;
            double sy = hh / (double) height;
            Graphics2D s = (Graphics2D) g.create();
            try {
                s.scale(sx, sy);
                s.setColor(Color.BLACK);
                s.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
                s.drawString(title, 20, 26);
                s.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
                for (int r = 0; r < rows.size(); r++) {
                    int y = 50 + r * (TILE + 34);
                    s.setColor(Color.BLACK);
                    s.drawString(labels.get(r), 20, y + 12);
                    for (int t = 0; t < rows.get(r).size(); t++) {
                        int x = 20 + t * (TILE + 8);
                        s.drawImage(rows.get(r).get(t), x, y + 20, TILE, TILE, null);
                        s.setColor(Color.GRAY);
                        s.drawRect(x, y + 20, TILE, TILE);
                    }
                }
            } finally {
                s.dispose();
            }
        });
    }

    /** One image per unit (at most {@link #MAX_MAPS}) of the activations {@code h} {@code [cells², units]}. */
    private static List<BufferedImage> maps(Tensor h, int units, String activation) {
        float[] v = h.toArray();
        boolean unitInterval = activation.equals("sigmoid") || activation.equals("hard_sigmoid");
        List<BufferedImage> images = new ArrayList<>();
        for (int u = 0; u < Math.min(units, MAX_MAPS); u++) {
            double max = 1e-12;
            for (int k = 0; k < MAP_CELLS * MAP_CELLS; k++) {
                max = Math.max(max, Math.abs(v[k * units + u]));
            }
            BufferedImage img = new BufferedImage(MAP_CELLS, MAP_CELLS, BufferedImage.TYPE_INT_RGB);
            for (int k = 0; k < MAP_CELLS * MAP_CELLS; k++) {
                double a = v[k * units + u];
                // sigmoid outputs live in [0, 1] with 0.5 as "undecided"; others are scaled by their largest |a|
                double t = unitInterval ? 2 * a - 1 : a / max;
                img.setRGB(k % MAP_CELLS, k / MAP_CELLS, Colors.diverging(t).getRGB());
            }
            images.add(img);
        }
        return images;
    }
}
