package dev.neurona.models;

import dev.neurona.nn.Input;
import dev.neurona.nn.Layer;
import dev.neurona.tensor.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The text of {@link Model#summaryString()}: Keras's table of layers, output shapes and
 * parameter counts, then the totals with their float32 size. Columns are as wide as their
 * longest entry plus one space, and never narrower than Keras's (28, 26 and 10 characters), so a
 * long layer name widens its column instead of pushing the row out of line.
 */
final class SummaryTable {

    /** Keras's column widths, the minimum of each column. */
    static final int[] MIN_WIDTHS = {28, 26, 10, 20};
    static final String[] HEADERS = {"Layer (type)", "Output Shape", "Param #", "Connected to"};

    private final String modelName;
    private final int columns;
    private final List<String[]> rows = new ArrayList<>();

    SummaryTable(String modelName) {
        this(modelName, 3);
    }

    private SummaryTable(String modelName, int columns) {
        this.modelName = modelName;
        this.columns = columns;
    }

    /** The summary of a built model: a Sequential's stack, a functional model's graph with "Connected to", a subclass's layers. */
    static String of(Model model) {
        if (model instanceof Sequential sequential) {
            return of(sequential.layers(), sequential.inputShape());
        }
        String name = model.name() != null ? model.name() : Layer.snakeCase(model.typeName());
        ModelGraph graph = model.graph();
        SummaryTable table = new SummaryTable(name, graph != null ? 4 : 3);
        if (graph != null) {
            for (dev.neurona.nn.SymbolicTensor in : graph.inputs()) {
                table.row(in.layer().name() + " (InputLayer)", shapeText(in.shape()), 0, "-");
            }
            for (Layer layer : graph.layers()) {
                List<ModelGraph.Node> nodes = graph.nodes().stream().filter(n -> n.layer() == layer).toList();
                if (nodes.isEmpty()) {
                    continue;
                }
                String connected = String.join(", ", nodes.stream().map(graph::connectedTo).toList());
                table.row(layer.name() + " (" + layer.typeName() + ")", shapeText(nodes.get(0).tensor().shape()),
                        layer.countParams(), connected);
            }
        } else {
            for (Layer layer : model.children()) {
                String shape = layer.isBuilt() ? shapeText(layer.outputShape(layer.inputShapes())) : "?";
                table.row(layer.name() + " (" + layer.typeName() + ")", shape, layer.countParams());
            }
        }
        long trainable = 0;
        long frozen = 0;
        for (Parameter p : model.parameters()) {
            if (p.trainable()) {
                trainable += p.size();
            } else {
                frozen += p.size();
            }
        }
        return table.format(trainable, frozen);
    }

    /** The summary of {@code layers} fed samples of {@code inputShape} (batch excluded); Input layers get no row. */
    static String of(List<Layer> layers, int[] inputShape) {
        SummaryTable table = new SummaryTable("sequential");
        int[] s = inputShape;
        long trainable = 0;
        long frozen = 0;
        for (Layer layer : layers) {
            s = layer.outputShape(s);
            for (Parameter p : layer.parameters()) {
                if (p.trainable()) {
                    trainable += p.size();
                } else {
                    frozen += p.size();
                }
            }
            if (!(layer instanceof Input)) {
                table.row(layer.name() + " (" + layer.typeName() + ")", shapeText(s), layer.countParams());
            }
        }
        return table.format(trainable, frozen);
    }

    private static String shapeText(int[] shape) {
        StringBuilder sb = new StringBuilder("(None");
        for (int d : shape) {
            sb.append(", ").append(d);
        }
        return sb.append(')').toString();
    }

    /** Adds a layer's row: {@code "name (Type)"}, its output shape text and its parameter count. */
    SummaryTable row(String label, String shape, long params) {
        rows.add(new String[] {label, shape, String.format(Locale.ROOT, "%,d", params)});
        return this;
    }

    /** Adds a row of a functional model, with what the layer is connected to. */
    SummaryTable row(String label, String shape, long params, String connectedTo) {
        rows.add(new String[] {label, shape, String.format(Locale.ROOT, "%,d", params), connectedTo});
        return this;
    }

    /** The table with the totals; {@code frozen} counts the non-trainable parameters. */
    String format(long trainable, long frozen) {
        int[] widths = java.util.Arrays.copyOf(MIN_WIDTHS, columns);
        for (String[] row : rows) {
            for (int c = 0; c < widths.length; c++) {
                widths[c] = Math.max(widths[c], row[c].length() + 1);   // a space before the next column
            }
        }
        int width = 1 + java.util.Arrays.stream(widths).sum();
        String rule = "_".repeat(width) + "\n";
        String doubleRule = "=".repeat(width) + "\n";
        StringBuilder sb = new StringBuilder("Model: \"").append(modelName).append("\"\n").append(rule);
        line(sb, widths, java.util.Arrays.copyOf(HEADERS, columns));
        sb.append(doubleRule);
        for (String[] row : rows) {
            line(sb, widths, row);
        }
        sb.append(doubleRule);
        sb.append("Total params: ").append(count(trainable + frozen)).append('\n');
        sb.append("Trainable params: ").append(count(trainable)).append('\n');
        sb.append("Non-trainable params: ").append(count(frozen)).append('\n');
        return sb.append(rule).toString();
    }

    private static void line(StringBuilder sb, int[] widths, String[] cells) {
        sb.append(' ');
        for (int c = 0; c < cells.length; c++) {
            sb.append(cells[c]).append(" ".repeat(widths[c] - cells[c].length()));
        }
        sb.append('\n');
    }

    /** {@code "1,234 (4.82 KB)"}: a parameter count and the size of that many float32 values. */
    static String count(long params) {
        return String.format(Locale.ROOT, "%,d (%s)", params, bytes(params * Float.BYTES));
    }

    /**
     * A byte count for people: {@code "0 B"}, {@code "512 B"}, {@code "1 KB"}, {@code "19.29 KB"},
     * {@code "1.5 MB"}; binary units (1 KB = 1,024 B) as Keras uses, at most two decimals, trailing
     * zeros dropped. A value that rounds up to 1,024 of a unit is written in the next one.
     */
    static String bytes(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes: a size cannot be negative, got " + bytes);
        }
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KB", "MB", "GB", "TB"};
        double value = bytes;
        int unit = -1;
        do {
            value /= 1024;
            unit++;
        } while (unit < units.length - 1 && Math.round(value * 100) / 100.0 >= 1024);
        java.math.BigDecimal rounded = java.math.BigDecimal.valueOf(value).setScale(2, java.math.RoundingMode.HALF_UP)
                .stripTrailingZeros();
        return rounded.toPlainString() + " " + units[unit];
    }
}
