package dev.neurona.onnx;

import dev.neurona.nn.AveragePooling1D;
import dev.neurona.nn.AveragePooling2D;
import dev.neurona.nn.BatchNormalization;
import dev.neurona.nn.Conv1D;
import dev.neurona.nn.Conv2D;
import dev.neurona.nn.Conv2DTranspose;
import dev.neurona.nn.Cropping2D;
import dev.neurona.nn.DepthwiseConv2D;
import dev.neurona.nn.GlobalAveragePooling1D;
import dev.neurona.nn.GlobalAveragePooling2D;
import dev.neurona.nn.GlobalMaxPooling1D;
import dev.neurona.nn.GlobalMaxPooling2D;
import dev.neurona.nn.Layer;
import dev.neurona.nn.MaxPooling1D;
import dev.neurona.nn.MaxPooling2D;
import dev.neurona.nn.ZeroPadding2D;
import dev.neurona.onnx.proto.Onnx.NodeProto;
import dev.neurona.tensor.ConvSpec;
import dev.neurona.tensor.Shape;
import dev.neurona.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Reads ONNX's channels-first operators as Neurona's channels-last layers: Conv (Conv1D, Conv2D
 * with its groups, DepthwiseConv2D for {@code group = channels}), ConvTranspose
 * (Conv2DTranspose), MaxPool and AveragePool (the pooling layers), GlobalAveragePool and
 * GlobalMaxPool (global pooling that keeps the 1×1), BatchNormalization (inference, over the
 * channels). The input is given in
 * its channels-last form ({@code [H, W, C]} per sample for an ONNX {@code [N, C, H, W]}); the
 * outputs are channels-last too. Kernels go from ONNX's {@code [filters, in/groups, kh, kw]} to
 * Keras's {@code [kh, kw, in/groups, filters]}. Padding: zeros, or Keras's {@code same} (the
 * extra zero after, as {@code SAME_UPPER}); other explicit pads of a 2-D convolution, and of an
 * average counting its padding, become a ZeroPadding2D before it; a ConvTranspose whose pads no
 * Conv2DTranspose padding gives is its full output and a Cropping2D. What has no Neurona form
 * (other pooling pads, dilated pooling, a pooling output rounded up) is refused, naming the node.
 */
final class ConvReader {

    /** The operators this class reads. */
    static final Set<String> OPS = Set.of("Conv", "ConvTranspose", "MaxPool", "AveragePool", "GlobalAveragePool",
            "GlobalMaxPool", "BatchNormalization", "Pad");

    /** Layers to apply in order, each with its weights (in the order of its parameters). */
    record Read(List<Layer> layers, List<List<Tensor>> weights) {
    }

    private final ValueTable table;
    private final NodeProto node;
    /** The input's channels-last sample shape: spatial sizes, then channels. */
    private final int[] sample;
    private final int spatial;

    ConvReader(ValueTable table, NodeProto node, int[] sample) {
        this.table = table;
        this.node = node;
        this.sample = sample;
        this.spatial = sample.length - 1;
    }

    Read read() {
        if (node.getOpType().equals("BatchNormalization")) {
            return batchNormalization();
        }
        if (node.getOpType().equals("Pad")) {
            return pad();
        }
        if (spatial < 1 || spatial > 2) {
            throw table.refuse(node, "reads an input of rank " + (sample.length + 1) + "; Neurona's convolution and "
                    + "pooling layers take [batch, channels, length] (1-D) or [batch, channels, height, width] (2-D)");
        }
        if (node.getOutputCount() > 1 && node.getOutputList().subList(1, node.getOutputCount()).stream()
                .anyMatch(o -> !o.isEmpty())) {
            throw table.refuse(node, "has " + node.getOutputCount() + " outputs; only the first (the values) is read");
        }
        return switch (node.getOpType()) {
            case "Conv" -> conv();
            case "ConvTranspose" -> convTranspose();
            case "MaxPool", "AveragePool" -> pool();
            default -> global();
        };
    }

    // ---------------------------------------------------------------- Conv

    private Read conv() {
        Tensor w = weight(1);
        int channels = sample[spatial];
        if (w.rank() != spatial + 2) {
            throw table.refuse(node, "has a weight of shape " + Shape.toString(w.shape()) + " for an input of rank "
                    + (sample.length + 1) + "; it must be [filters, channels/group" + (spatial == 2 ? ", kh, kw]" : ", k]"));
        }
        int filters = w.dim(0);
        int[] k = Arrays.copyOfRange(w.shape(), 2, w.rank());
        kernelShape(k);
        int group = (int) OnnxImport.attrInt(node, "group", 1);
        if (group < 1 || channels % group != 0 || filters % group != 0 || w.dim(1) != channels / group) {
            throw table.refuse(node, "has group " + group + " and a weight of shape " + Shape.toString(w.shape())
                    + " for " + channels + " input channels; the channels and filters must divide into the groups and"
                    + " the weight's second dimension be channels/group");
        }
        Tensor bias = optionalWeight(2, filters);
        int[] strides = positive("strides", spatial);
        int[] dilations = positive("dilations", spatial);
        int[][] pads = pads(k, strides, dilations);
        String padding = padding(pads, k, strides, dilations);
        List<Layer> layers = new ArrayList<>();
        List<List<Tensor>> weights = new ArrayList<>();
        if (padding == null) {
            if (spatial == 1) {
                throw table.refuse(node, "pads " + Arrays.deepToString(pads) + ", which is neither none, Keras's 'same'"
                        + " nor 'causal'; a Conv1D has no other padding");
            }
            layers.add(zeroPadding(pads));
            weights.add(List.of());
            padding = "valid";
        }
        Layer layer;
        Tensor kernel;
        if (spatial == 2 && group == channels && group > 1) {
            int m = filters / channels;
            layer = new DepthwiseConv2D(k).depthMultiplier(m).strides(strides).dilationRate(dilations).padding(padding)
                    .useBias(bias != null);
            kernel = w.permute(2, 3, 1, 0).reshape(k[0], k[1], channels, m);
        } else if (spatial == 2) {
            layer = new Conv2D(filters, k).groups(group).strides(strides).dilationRate(dilations).padding(padding)
                    .useBias(bias != null);
            kernel = w.permute(2, 3, 1, 0);
        } else {
            layer = new Conv1D(filters, k[0]).groups(group).strides(strides).dilationRate(dilations).padding(padding)
                    .useBias(bias != null);
            kernel = w.permute(2, 1, 0);
        }
        layers.add(layer);
        weights.add(bias == null ? List.of(kernel) : List.of(kernel, bias));
        return new Read(layers, weights);
    }

    /**
     * Keras's padding name for {@code pads} ({@code {before, after}} per axis): "valid" for none,
     * "same" for {@link ConvSpec#samePadding}, "causal" for a 1-D {@code {d·(k−1), 0}}; null for others.
     */
    private String padding(int[][] pads, int[] k, int[] strides, int[] dilations) {
        boolean none = true;
        boolean same = true;
        boolean causal = spatial == 1;
        for (int a = 0; a < spatial; a++) {
            int[] keras = ConvSpec.samePadding(sample[a], k[a], strides[a], dilations[a]);
            none &= pads[a][0] == 0 && pads[a][1] == 0;
            same &= pads[a][0] == keras[0] && pads[a][1] == keras[1];
            causal &= pads[a][0] == dilations[a] * (k[a] - 1) && pads[a][1] == 0;
        }
        return none ? "valid" : same ? "same" : causal ? "causal" : null;
    }

    /** A ZeroPadding2D of {@code {{top, bottom}, {left, right}}}, before a convolution of explicit pads. */
    private static Layer zeroPadding(int[][] pads) {
        return new ZeroPadding2D(new int[][] {pads[0].clone(), pads[1].clone()});
    }

    /** A constant zero Pad of the spatial axes (PyTorch writes one before AvgPool2d): a ZeroPadding2D, or nothing. */
    private Read pad() {
        String mode = OnnxImport.attrString(node, "mode", "constant");
        long[] p;
        double value = 0;
        if (table.opset() < 11) {
            p = OnnxImport.attrInts(node, "pads");
            value = OnnxImport.attrFloat(node, "value", 0f);
        } else {
            ConstValue c = node.getInputCount() > 1 ? table.constant(node.getInput(1)) : null;
            if (c == null || node.getInputCount() > 3) {
                throw table.refuse(node, "takes its pads from a computed value (or has axes); only constant pads are read");
            }
            p = c.longs();
            if (node.getInputCount() > 2 && !node.getInput(2).isEmpty()) {
                ConstValue v = table.constant(node.getInput(2));
                if (v == null || !v.isSingle()) {
                    throw table.refuse(node, "takes its constant_value from a computed value");
                }
                value = v.single();
            }
        }
        int rank = sample.length + 1;
        if (p == null || p.length != 2 * rank) {
            throw table.refuse(node, "has pads " + Arrays.toString(p) + " for an input of rank " + rank);
        }
        boolean zeros = Arrays.stream(p).allMatch(v -> v == 0);
        if (zeros) {
            return new Read(List.of(), List.of());
        }
        if (!mode.equals("constant") || value != 0 || rank != 4 || p[0] != 0 || p[1] != 0 || p[4] != 0 || p[5] != 0
                || Arrays.stream(p).anyMatch(v -> v < 0 || v > Integer.MAX_VALUE / 4)) {
            throw table.refuse(node, "pads " + Arrays.toString(p) + " with " + mode + " " + value + "; only zeros around "
                    + "the height and width of [batch, channels, height, width] are read (ZeroPadding2D)");
        }
        int[][] pads = {{(int) p[2], (int) p[6]}, {(int) p[3], (int) p[7]}};
        return new Read(List.of(zeroPadding(pads)), List.of(List.of()));
    }

    // ---------------------------------------------------------------- BatchNormalization

    /** Inference BatchNormalization over the channels: scale, B, mean and var as γ, β and the moving statistics. */
    private Read batchNormalization() {
        if (OnnxImport.attrInt(node, "training_mode", 0) != 0) {
            throw table.refuse(node, "has training_mode=1; only inference batch normalization (the moving statistics) is read");
        }
        if (node.getInputCount() != 5) {
            throw table.refuse(node, "has " + node.getInputCount() + " inputs; it takes X, scale, B, mean and var");
        }
        int channels = sample[sample.length - 1];
        List<Tensor> ws = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            Tensor w = weight(i);
            if (w.size() != channels) {
                throw table.refuse(node, "has input " + i + " of " + w.size() + " values for " + channels + " channels");
            }
            ws.add(w.reshape(channels));
        }
        float[] variance = ws.get(3).toArray();
        if (java.util.stream.IntStream.range(0, channels).anyMatch(c -> !(variance[c] >= 0))) {
            throw table.refuse(node, "has a negative or NaN variance; a variance is 0 or more");
        }
        float epsilon = OnnxImport.attrFloat(node, "epsilon", 1e-5f);
        if (!(epsilon > 0) || !Float.isFinite(epsilon)) {
            throw table.refuse(node, "has epsilon " + epsilon + "; it must be a positive float");
        }
        return new Read(List.of(new BatchNormalization().epsilon(epsilon)), List.of(ws));
    }

    // ---------------------------------------------------------------- ConvTranspose

    private Read convTranspose() {
        if (spatial != 2) {
            throw table.refuse(node, "transposes a 1-D convolution; Neurona has Conv2DTranspose only");
        }
        if (OnnxImport.attrInts(node, "output_shape") != null) {
            throw table.refuse(node, "has an output_shape; only pads and output_padding are read");
        }
        String autoPad = OnnxImport.attrString(node, "auto_pad", "NOTSET");
        if (!autoPad.equals("NOTSET") && !autoPad.equals("VALID")) {
            throw table.refuse(node, "has auto_pad " + autoPad + "; only explicit pads are read for ConvTranspose");
        }
        if (OnnxImport.attrInt(node, "group", 1) != 1) {
            throw table.refuse(node, "has group " + OnnxImport.attrInt(node, "group", 1) + "; Conv2DTranspose has one");
        }
        Tensor w = weight(1);
        int channels = sample[2];
        if (w.rank() != 4 || w.dim(0) != channels) {
            throw table.refuse(node, "has a weight of shape " + Shape.toString(w.shape()) + " for " + channels
                    + " input channels; it must be [channels, filters, kh, kw]");
        }
        int filters = w.dim(1);
        int[] k = {w.dim(2), w.dim(3)};
        kernelShape(k);
        Tensor bias = optionalWeight(2, filters);
        int[] strides = positive("strides", 2);
        int[] dilations = positive("dilations", 2);
        int[][] pads = autoPad.equals("VALID") ? new int[2][2] : explicitPads();
        long[] op = OnnxImport.attrInts(node, "output_padding");
        int[] outputPadding = op == null ? new int[2] : Arrays.stream(op).mapToInt(v -> (int) v).toArray();
        if (outputPadding.length != 2) {
            throw table.refuse(node, "has output_padding " + Arrays.toString(op) + "; it must give two values");
        }
        Tensor kernel = w.permute(2, 3, 1, 0);
        List<Tensor> ws = bias == null ? List.of(kernel) : List.of(kernel, bias);
        Conv2DTranspose layer = transposeLayer(filters, k, strides, dilations, pads, outputPadding);
        if (layer != null) {
            return new Read(List.of(layer.useBias(bias != null)), List.of(ws));
        }
        // the full output (valid, with the output padding that reaches past its end), then a Cropping2D
        int[] reach = new int[2];
        int[][] crop = new int[2][2];
        for (int a = 0; a < 2; a++) {
            int end = pads[a][1] - outputPadding[a];
            reach[a] = Math.max(0, -end);
            crop[a] = new int[] {pads[a][0], end + reach[a]};
            if (reach[a] >= Math.max(strides[a], dilations[a])) {
                throw table.refuse(node, "has output_padding " + Arrays.toString(outputPadding) + " and pads "
                        + Arrays.deepToString(pads) + "; output_padding must be smaller than the stride or dilation");
            }
        }
        Conv2DTranspose full = new Conv2DTranspose(filters, k).strides(strides).dilationRate(dilations).padding("valid")
                .useBias(bias != null);
        if (reach[0] > 0 || reach[1] > 0) {
            full.outputPadding(reach);
        }
        return new Read(List.of(full, new Cropping2D(crop)), List.of(ws, List.of()));
    }

    /**
     * The Conv2DTranspose whose output is ONNX's, or null when none is: ONNX keeps the full transposed output's cells
     * from {@code pads[a][0]} to its end less {@code pads[a][1] − output_padding[a]}; the layer
     * whose {@code valid} or {@code same} padding (and output padding) crops the same.
     */
    private Conv2DTranspose transposeLayer(int filters, int[] k, int[] strides, int[] dilations, int[][] pads,
                                           int[] outputPadding) {
        for (String padding : List.of("valid", "same")) {
            if (crops(padding, 0, -1, k, strides, dilations, pads, outputPadding)
                    && crops(padding, 1, -1, k, strides, dilations, pads, outputPadding)) {
                return new Conv2DTranspose(filters, k).strides(strides).dilationRate(dilations).padding(padding);
            }
            int[] chosen = {-1, -1};
            for (int a = 0; a < 2; a++) {
                for (int p = 0; p < Math.max(strides[a], dilations[a]) && chosen[a] < 0; p++) {
                    chosen[a] = crops(padding, a, p, k, strides, dilations, pads, outputPadding) ? p : -1;
                }
            }
            if (chosen[0] >= 0 && chosen[1] >= 0) {
                return new Conv2DTranspose(filters, k).strides(strides).dilationRate(dilations).padding(padding)
                        .outputPadding(chosen);
            }
        }
        return null; // none: the caller crops the full output
    }

    /** Whether the layer's {@code padding} and output padding {@code p} ({@code -1}: none) crop axis {@code a} as ONNX does. */
    private boolean crops(String padding, int a, int p, int[] k, int[] strides, int[] dilations, int[][] pads,
                          int[] outputPadding) {
        int[] geo = ConvMapper.transposeGeometry(padding, p, sample[a], strides[a], dilations[a] * (k[a] - 1) + 1);
        return geo[0] == pads[a][0] && geo[1] - geo[2] == pads[a][1] - outputPadding[a];
    }

    // ---------------------------------------------------------------- pooling

    private Read pool() {
        boolean max = node.getOpType().equals("MaxPool");
        long[] shape = OnnxImport.attrInts(node, "kernel_shape");
        if (shape == null || shape.length != spatial) {
            throw table.refuse(node, "has kernel_shape " + Arrays.toString(shape) + "; it needs one size per spatial axis ("
                    + spatial + ")");
        }
        int[] k = Arrays.stream(shape).mapToInt(v -> (int) v).toArray();
        int[] strides = positive("strides", spatial);
        int[] dilations = positive("dilations", spatial);
        if (Arrays.stream(dilations).anyMatch(d -> d != 1)) {
            throw table.refuse(node, "has dilations " + Arrays.toString(dilations) + "; Neurona's pooling layers do not dilate");
        }
        if (Arrays.stream(k).anyMatch(v -> v < 1)) {
            throw table.refuse(node, "has kernel_shape " + Arrays.toString(k) + "; each must be at least 1");
        }
        int[][] pads = pads(k, strides, dilations);
        String padding = padding(pads, k, strides, dilations);
        boolean includePad = OnnxImport.attrInt(node, "count_include_pad", 0) != 0;
        List<Layer> layers = new ArrayList<>();
        if (!max && includePad && !"valid".equals(padding) && spatial == 2) {
            layers.add(zeroPadding(pads)); // the zeros count: a valid average over the padded input
            padding = "valid";
            pads = new int[2][2];
        }
        if (!"valid".equals(padding) && !("same".equals(padding) && (max || !includePad))) {
            throw table.refuse(node, "pads " + Arrays.deepToString(pads) + (includePad ? " counting the padding" : "")
                    + "; Neurona's pooling reads no padding or Keras's 'same'" + (max ? "" : " without count_include_pad"));
        }
        if (OnnxImport.attrInt(node, "ceil_mode", 0) != 0) {
            for (int a = 0; a < spatial; a++) {
                if ((sample[a] + pads[a][0] + pads[a][1] - k[a]) % strides[a] != 0) {
                    throw table.refuse(node, "has ceil_mode=1, which rounds the output of axis " + (a + 2) + " up; "
                            + "Neurona's pooling rounds down");
                }
            }
        }
        layers.add(spatial == 2
                ? (max ? new MaxPooling2D(k).strides(strides).padding(padding)
                        : new AveragePooling2D(k).strides(strides).padding(padding))
                : (max ? new MaxPooling1D(k[0]).strides(strides).padding(padding)
                        : new AveragePooling1D(k[0]).strides(strides).padding(padding)));
        return new Read(layers, layers.stream().map(l -> List.<Tensor>of()).toList());
    }

    /** GlobalAveragePool and GlobalMaxPool: one window over the whole input, the 1×1 (ONNX keeps it) kept. */
    private Read global() {
        boolean max = node.getOpType().equals("GlobalMaxPool");
        Layer layer = spatial == 2 ? (max ? new GlobalMaxPooling2D().keepdims(true) : new GlobalAveragePooling2D().keepdims(true))
                : (max ? new GlobalMaxPooling1D().keepdims(true) : new GlobalAveragePooling1D().keepdims(true));
        return new Read(List.of(layer), List.of(List.of()));
    }

    // ---------------------------------------------------------------- attributes

    /** {@code {before, after}} per spatial axis from auto_pad or pads. */
    private int[][] pads(int[] k, int[] strides, int[] dilations) {
        String autoPad = OnnxImport.attrString(node, "auto_pad", "NOTSET");
        int[][] pads = new int[spatial][];
        switch (autoPad) {
            case "NOTSET" -> pads = explicitPads();
            case "VALID" -> {
                for (int a = 0; a < spatial; a++) {
                    pads[a] = new int[2];
                }
            }
            case "SAME_UPPER", "SAME_LOWER" -> {
                for (int a = 0; a < spatial; a++) {
                    int[] p = ConvSpec.samePadding(sample[a], k[a], strides[a], dilations[a]);
                    pads[a] = autoPad.equals("SAME_UPPER") ? p : new int[] {p[1], p[0]};
                }
            }
            default -> throw table.refuse(node, "has auto_pad '" + autoPad + "'; ONNX defines NOTSET, VALID, SAME_UPPER"
                    + " and SAME_LOWER");
        }
        return pads;
    }

    private int[][] explicitPads() {
        long[] p = OnnxImport.attrInts(node, "pads");
        int[][] pads = new int[spatial][2];
        if (p == null) {
            return pads;
        }
        if (p.length != 2 * spatial || Arrays.stream(p).anyMatch(v -> v < 0 || v > Integer.MAX_VALUE / 4)) {
            throw table.refuse(node, "has pads " + Arrays.toString(p) + "; it must give " + 2 * spatial
                    + " values of 0 or more (the starts of each axis, then the ends)");
        }
        for (int a = 0; a < spatial; a++) {
            pads[a][0] = (int) p[a];
            pads[a][1] = (int) p[spatial + a];
        }
        return pads;
    }

    /** An attribute of one positive value per spatial axis, 1s when absent. */
    private int[] positive(String name, int count) {
        long[] v = OnnxImport.attrInts(node, name);
        if (v == null) {
            int[] ones = new int[count];
            Arrays.fill(ones, 1);
            return ones;
        }
        if (v.length != count || Arrays.stream(v).anyMatch(x -> x < 1 || x > Integer.MAX_VALUE / 4)) {
            throw table.refuse(node, "has " + name + " " + Arrays.toString(v) + "; it must give " + count
                    + " values of at least 1");
        }
        return Arrays.stream(v).mapToInt(x -> (int) x).toArray();
    }

    private void kernelShape(int[] k) {
        long[] given = OnnxImport.attrInts(node, "kernel_shape");
        if (given != null && !Arrays.equals(given, Arrays.stream(k).asLongStream().toArray())) {
            throw table.refuse(node, "has kernel_shape " + Arrays.toString(given) + " but a weight of kernel "
                    + Arrays.toString(k));
        }
    }

    private Tensor weight(int input) {
        ConstValue c = input < node.getInputCount() && !node.getInput(input).isEmpty()
                ? table.constant(node.getInput(input)) : null;
        if (c == null || !c.floating()) {
            throw table.refuse(node, "needs input " + input + " as a constant float weight"
                    + (input < node.getInputCount() ? "; '" + node.getInput(input) + "' is not one" : ""));
        }
        return c.toTensor();
    }

    private Tensor optionalWeight(int input, int size) {
        if (input >= node.getInputCount() || node.getInput(input).isEmpty()) {
            return null;
        }
        Tensor b = weight(input);
        if (b.size() != size) {
            throw table.refuse(node, "has a bias of " + b.size() + " values for " + size + " filters");
        }
        return b.reshape(size);
    }
}
