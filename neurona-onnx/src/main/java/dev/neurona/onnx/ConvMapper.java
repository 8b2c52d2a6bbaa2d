package dev.neurona.onnx;

import dev.neurona.activations.Activation;
import dev.neurona.nn.AveragePooling1D;
import dev.neurona.nn.AveragePooling2D;
import dev.neurona.nn.BaseConv;
import dev.neurona.nn.BasePooling;
import dev.neurona.nn.BatchNormalization;
import dev.neurona.nn.Conv2DTranspose;
import dev.neurona.nn.DepthwiseConv2D;
import dev.neurona.nn.GlobalAveragePooling1D;
import dev.neurona.nn.GlobalAveragePooling2D;
import dev.neurona.nn.GlobalMaxPooling1D;
import dev.neurona.nn.GlobalMaxPooling2D;
import dev.neurona.nn.Layer;
import dev.neurona.nn.MaxPooling1D;
import dev.neurona.nn.MaxPooling2D;
import dev.neurona.nn.SeparableConv2D;
import dev.neurona.onnx.GraphBuilder.Attr;
import dev.neurona.tensor.ConvSpec;
import dev.neurona.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes the layers that ONNX computes channels-first: Conv1D, Conv2D, DepthwiseConv2D (a Conv of
 * {@code group = channels}), SeparableConv2D (that depthwise Conv, then a 1×1 Conv),
 * Conv2DTranspose (ConvTranspose with its pads and output_padding), MaxPooling and
 * AveragePooling (MaxPool, AveragePool with {@code count_include_pad=0}, which divides by the
 * cells inside the input as Keras's {@code same} does), BatchNormalization over the channels
 * (the inference form, moving statistics and epsilon), global pooling (GlobalAveragePool or
 * GlobalMaxPool, then Flatten unless the layer keeps its 1×1). Inputs and outputs are channels-first
 * values; {@link Layouts} puts the Transposes around them. Kernels go from Keras's {@code [kh,
 * kw, in/groups, filters]} to ONNX's {@code [filters, in/groups, kh, kw]}. Keras's {@code same}
 * padding is written as explicit pads (the extra zero after, as {@link ConvSpec#samePadding}).
 */
final class ConvMapper {

    /** The layer types this class writes, for error messages. */
    static final List<String> SUPPORTED = List.of("Conv1D", "Conv2D", "DepthwiseConv2D", "SeparableConv2D",
            "Conv2DTranspose", "MaxPooling1D", "MaxPooling2D", "AveragePooling1D", "AveragePooling2D", "BatchNormalization",
            "GlobalAveragePooling1D", "GlobalAveragePooling2D", "GlobalMaxPooling1D", "GlobalMaxPooling2D");

    /** A value written and its layout. */
    record Out(String value, boolean channelsFirst) {
    }

    private ConvMapper() {
    }

    /** Whether this class writes {@code layer}. */
    static boolean handles(Layer layer) {
        if (layer instanceof BatchNormalization bn) {
            int rank = layer.inputShape().length + 1;
            return rank > 2 && axis(bn, rank) == rank - 1; // over the channels; axis 1 needs no transpose (LayerMapper)
        }
        return layer instanceof BaseConv<?> || layer instanceof BasePooling<?> || global(layer) != null;
    }

    /** A BatchNormalization's axis, made non-negative against {@code rank}. */
    static int axis(BatchNormalization bn, int rank) {
        int axis = ((Number) bn.config().get("axis")).intValue();
        return axis < 0 ? axis + rank : axis;
    }

    /** GlobalAveragePool or GlobalMaxPool for a global pooling layer, else null. */
    private static String global(Layer layer) {
        return layer instanceof GlobalAveragePooling1D || layer instanceof GlobalAveragePooling2D ? "GlobalAveragePool"
                : layer instanceof GlobalMaxPooling1D || layer instanceof GlobalMaxPooling2D ? "GlobalMaxPool" : null;
    }

    /** Whether a global pooling layer keeps its 1×1. */
    private static boolean keepdims(Layer layer) {
        return Boolean.TRUE.equals(layer.config().get("keepdims"));
    }

    /**
     * BatchNormalization at inference, {@code γ·(x − mean)/√(variance + ε) + β} over axis 1 of
     * {@code x}: ONNX's BatchNormalization with the moving statistics and the layer's epsilon
     * (γ = 1 and β = 0 written out when the layer has none).
     */
    static String batchNormalization(GraphBuilder g, BatchNormalization bn, String x) {
        String scope = bn.path();
        int channels = bn.movingMean().shape()[0];
        String gamma = bn.gamma() == null ? g.weight(scope + "/gamma", Tensor.ones(channels))
                : g.weight(bn.gamma().name(), bn.gamma());
        String beta = bn.beta() == null ? g.weight(scope + "/beta", Tensor.zeros(channels))
                : g.weight(bn.beta().name(), bn.beta());
        return g.op(scope, "BatchNormalization", List.of(x, gamma, beta, g.weight(bn.movingMean().name(), bn.movingMean()),
                g.weight(bn.movingVariance().name(), bn.movingVariance())), Attr.of("epsilon", bn.epsilon()));
    }

    /**
     * Applies {@code layer} to the channels-first value {@code x}, whose Neurona (channels-last)
     * sample shape is {@code sample}, activation included.
     */
    static Out apply(GraphBuilder g, Layouts layouts, Layer layer, String x, int[] sample) {
        String scope = layer.path();
        int rank = sample.length + 1;
        if (layer instanceof BatchNormalization bn) {
            return new Out(batchNormalization(g, bn, x), true);
        }
        if (global(layer) != null) {
            String pooled = g.op(scope, global(layer), x);
            return keepdims(layer) ? new Out(pooled, true) : new Out(g.op(scope, "Flatten", pooled, Attr.of("axis", 1L)), false);
        }
        if (layer instanceof BasePooling<?> pool) {
            return new Out(pool(g, pool, x, sample, scope), true);
        }
        BaseConv<?> conv = (BaseConv<?>) layer;
        String z = layer instanceof Conv2DTranspose t ? transpose(g, t, x, sample, scope)
                : layer instanceof SeparableConv2D s ? separable(g, s, x, sample, scope)
                : conv(g, conv, x, sample, scope);
        Activation a = conv.activation();
        if (a.name().equals("softmax") || a.name().equals("log_softmax")) {
            String last = layouts.channelsLast(layouts.markChannelsFirst(z, rank), rank, scope);
            return new Out(ActivationMapper.apply(g, a, last, rank, scope), false);
        }
        return new Out(ActivationMapper.apply(g, a, z, rank, scope), true);
    }

    /** Conv1D, Conv2D (any groups) and DepthwiseConv2D as one Conv. */
    private static String conv(GraphBuilder g, BaseConv<?> conv, String x, int[] sample, String scope) {
        Map<String, Object> c = conv.config();
        int spatial = sample.length - 1;
        int channels = sample[spatial];
        int[] k = conv.kernelSize();
        int groups;
        String w;
        if (conv instanceof DepthwiseConv2D) {
            groups = channels;
            int m = ints(c, "depth_multiplier", 1)[0];
            w = g.weight(conv.kernel().name(), conv.kernel(), t -> t.reshape(k[0], k[1], 1, channels * m).permute(3, 2, 0, 1));
        } else {
            groups = ints(c, "groups", 1)[0];
            w = g.weight(conv.kernel().name(), conv.kernel(), spatial == 1 ? t -> t.permute(2, 1, 0) : t -> t.permute(3, 2, 0, 1));
        }
        List<String> inputs = new ArrayList<>(List.of(x, w));
        if (conv.bias() != null) {
            inputs.add(g.weight(conv.bias().name(), conv.bias()));
        }
        return g.op(scope, "Conv", inputs, convAttrs(c, k, sample, groups));
    }

    /** The depthwise Conv (no bias), then the pointwise 1×1 Conv with the bias. */
    private static String separable(GraphBuilder g, SeparableConv2D s, String x, int[] sample, String scope) {
        Map<String, Object> c = s.config();
        int channels = sample[2];
        int[] k = s.kernelSize();
        int m = ints(c, "depth_multiplier", 1)[0];
        String dw = g.weight(s.kernel().name(), s.kernel(), t -> t.reshape(k[0], k[1], 1, channels * m).permute(3, 2, 0, 1));
        String depthwise = g.op(scope + "/depthwise", "Conv", List.of(x, dw), convAttrs(c, k, sample, channels));
        List<String> inputs = new ArrayList<>(List.of(depthwise,
                g.weight(s.pointwiseKernel().name(), s.pointwiseKernel(), t -> t.permute(3, 2, 0, 1))));
        if (s.bias() != null) {
            inputs.add(g.weight(s.bias().name(), s.bias()));
        }
        return g.op(scope + "/pointwise", "Conv", inputs, Attr.ints("kernel_shape", 1, 1));
    }

    private static Attr[] convAttrs(Map<String, Object> c, int[] k, int[] sample, int groups) {
        int spatial = k.length;
        int[] strides = ints(c, "strides", spatial);
        int[] dilation = ints(c, "dilation_rate", spatial);
        String padding = (String) c.get("padding");
        long[] pads = new long[2 * spatial];
        for (int a = 0; a < spatial; a++) {
            int[] p = switch (padding) {
                case "same" -> ConvSpec.samePadding(sample[a], k[a], strides[a], dilation[a]);
                case "causal" -> new int[] {dilation[a] * (k[a] - 1), 0};
                default -> new int[2];
            };
            pads[a] = p[0];
            pads[spatial + a] = p[1];
        }
        return new Attr[] {Attr.ints("kernel_shape", longs(k)), Attr.ints("strides", longs(strides)),
                Attr.ints("pads", pads), Attr.ints("dilations", longs(dilation)), Attr.of("group", (long) groups)};
    }

    /**
     * ConvTranspose with Keras's output size: pads and output_padding as Conv2DTranspose derives
     * them ({@link #transposeGeometry}); the kernel {@code [kh, kw, filters, channels]} becomes
     * {@code [channels, filters, kh, kw]}.
     */
    private static String transpose(GraphBuilder g, Conv2DTranspose t, String x, int[] sample, String scope) {
        Map<String, Object> c = t.config();
        int[] k = t.kernelSize();
        int[] strides = ints(c, "strides", 2);
        int[] dilation = ints(c, "dilation_rate", 2);
        int[] outputPadding = c.containsKey("output_padding") ? ints(c, "output_padding", 2) : null;
        long[] pads = new long[4];
        long[] extra = new long[2];
        for (int a = 0; a < 2; a++) {
            int[] geo = transposeGeometry((String) c.get("padding"), outputPadding == null ? -1 : outputPadding[a],
                    sample[a], strides[a], dilation[a] * (k[a] - 1) + 1);
            pads[a] = geo[0];
            pads[2 + a] = geo[1];
            extra[a] = geo[2];
        }
        List<String> inputs = new ArrayList<>(List.of(x, g.weight(t.kernel().name(), t.kernel(), w -> w.permute(3, 2, 0, 1))));
        if (t.bias() != null) {
            inputs.add(g.weight(t.bias().name(), t.bias()));
        }
        return g.op(scope, "ConvTranspose", inputs, Attr.ints("kernel_shape", longs(k)),
                Attr.ints("strides", longs(strides)), Attr.ints("pads", pads), Attr.ints("dilations", longs(dilation)),
                Attr.ints("output_padding", extra));
    }

    /**
     * Keras's Conv2DTranspose along one axis: {before, after, output padding} of the convolution it
     * transposes, for {@code padding}, an output padding ({@code -1}: Keras's default), the input
     * size, the stride and the dilated kernel size.
     */
    static int[] transposeGeometry(String padding, int outputPadding, int h, int s, int k) {
        boolean same = padding.equals("same");
        int out = outputPadding < 0 ? (same ? h * s : h * s + Math.max(k - s, 0))
                : (h - 1) * s + k - 2 * (same ? k / 2 : 0) + outputPadding;
        int total = same ? Math.max((h - 1) * s + k - out, 0) : 0;
        return new int[] {total / 2, total - total / 2, out - ((h - 1) * s - total + k)};
    }

    private static String pool(GraphBuilder g, BasePooling<?> pool, String x, int[] sample, String scope) {
        Map<String, Object> c = pool.config();
        int[] k = pool.poolSize();
        int spatial = k.length;
        int[] strides = ints(c, "strides", spatial);
        long[] pads = new long[2 * spatial];
        if ("same".equals(c.get("padding"))) {
            for (int a = 0; a < spatial; a++) {
                int[] p = ConvSpec.samePadding(sample[a], k[a], strides[a], 1);
                pads[a] = p[0];
                pads[spatial + a] = p[1];
            }
        }
        Attr kernel = Attr.ints("kernel_shape", longs(k));
        Attr stride = Attr.ints("strides", longs(strides));
        Attr padAttr = Attr.ints("pads", pads);
        boolean max = pool instanceof MaxPooling1D || pool instanceof MaxPooling2D;
        assert max || pool instanceof AveragePooling1D || pool instanceof AveragePooling2D;
        return max ? g.op(scope, "MaxPool", x, kernel, stride, padAttr)
                : g.op(scope, "AveragePool", x, kernel, stride, padAttr, Attr.of("count_include_pad", 0L));
    }

    /** A tuple setting of a layer's config, {@code fill} entries of 1 when absent (a lone number repeats). */
    private static int[] ints(Map<String, Object> config, String key, int fill) {
        Object v = config.get(key);
        if (v instanceof List<?> list) {
            return list.stream().mapToInt(e -> ((Number) e).intValue()).toArray();
        }
        int[] out = new int[fill];
        java.util.Arrays.fill(out, v instanceof Number n ? n.intValue() : 1);
        return out;
    }

    private static long[] longs(int[] v) {
        return java.util.Arrays.stream(v).asLongStream().toArray();
    }
}
