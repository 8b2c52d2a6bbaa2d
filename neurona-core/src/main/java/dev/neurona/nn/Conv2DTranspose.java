package dev.neurona.nn;

import dev.neurona.names.ConfigKeys;
import dev.neurona.tensor.ConvSpec;
import dev.neurona.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A transposed 2-D convolution (Keras's {@code Conv2DTranspose}, sometimes called
 * deconvolution): the gradient of a convolution with respect to its input, which maps
 * {@code [batch, height, width, channels]} to a larger {@code [batch, oh, ow, filters]}. The
 * kernel is {@code [kh, kw, filters, channels]} (Keras layout). Output sizes as Keras: without
 * {@code output_padding}, {@code valid} gives {@code height·stride + max(k − stride, 0)} and
 * {@code same} gives {@code height·stride}; with it, {@code (height − 1)·stride + k − 2·pad +
 * output_padding} ({@code pad} = {@code k / 2} for {@code same}, 0 for {@code valid}; {@code k}
 * the dilated kernel size).
 */
public final class Conv2DTranspose extends BaseConv<Conv2DTranspose> {

    private final int filters;
    private int[] outputPadding;
    /** The output padding of the op, set with {@link #spec} for the input in hand. */
    private final int[] extra = new int[2];

    /** {@code filters} output channels from a kernel of {@code kernelSize} (one value, or height and width). */
    public Conv2DTranspose(int filters, int... kernelSize) {
        super(2, kernelSize);
        if (filters <= 0) {
            throw new IllegalArgumentException("Conv2DTranspose: filters must be positive, got " + filters);
        }
        this.filters = filters;
    }

    /** Rows and columns added at the far side of the output (one value or one per axis), each smaller than the stride; {@code null} for Keras's default. */
    public Conv2DTranspose outputPadding(int... values) {
        unbuilt();
        this.outputPadding = values == null ? null : Windows.tuple(label(), "output_padding", 2, 0, values);
        return this;
    }

    /** The number of output channels. */
    public int filters() {
        return filters;
    }

    @Override
    int outChannels(int channels) {
        return filters;
    }

    @Override
    int[] kernelShape(int channels) {
        return new int[] {kernelSize[0], kernelSize[1], filters, channels};
    }

    /** Keras's output size per axis; the padding and output padding of the convolution it transposes. */
    @Override
    int[] spatial(int[] sample) {
        int[] out = new int[2];
        int[] before = new int[2];
        int[] after = new int[2];
        for (int a = 0; a < 2; a++) {
            int h = sample[a];
            int s = strides[a];
            int k = dilation[a] * (kernelSize[a] - 1) + 1;
            boolean same = padding.equals("same");
            if (outputPadding == null) {
                out[a] = same ? h * s : h * s + Math.max(k - s, 0);
            } else {
                if (outputPadding[a] >= Math.max(s, dilation[a])) {
                    throw new IllegalArgumentException(label() + ": output_padding " + outputPadding[a] + " must be smaller "
                            + "than the stride " + s + " (or the dilation " + dilation[a] + ")");
                }
                out[a] = (h - 1) * s + k - 2 * (same ? k / 2 : 0) + outputPadding[a];
            }
            int total = same ? Math.max((h - 1) * s + k - out[a], 0) : 0;
            before[a] = total / 2;
            after[a] = total - before[a];
            extra[a] = out[a] - ((h - 1) * s - total + k);
            if (out[a] < 1 || extra[a] < 0 || extra[a] >= Math.max(s, dilation[a])) {
                throw new IllegalArgumentException(label() + ": no output size fits input " + Layer.batched(sample)
                        + " along axis " + (a + 1) + " with kernel " + kernelSize[a] + ", stride " + s + " and padding \""
                        + padding + "\"");
            }
        }
        spec = new ConvSpec(strides[0], strides[1], before[0], after[0], before[1], after[1], dilation[0], dilation[1], 1);
        return out;
    }

    @Override
    Tensor convolve(Tensor x) {
        return x.conv2dTranspose(kernel, spec, extra[0], extra[1]);
    }

    @Override
    void head(Map<String, Object> s) {
        s.put("filters", filters);
    }

    @Override
    void middle(Map<String, Object> s) {
        if (outputPadding != null) {
            s.put("output_padding", Windows.list(outputPadding));
        }
    }

    /** Rebuilds the layer from {@link #config()}: {@code filters} and {@code kernel_size} required. */
    public static Conv2DTranspose fromConfig(Map<String, Object> config) {
        List<String> keys = new ArrayList<>(commonKeys("kernel"));
        keys.addAll(List.of("filters", "output_padding"));
        ConfigKeys c = ConfigKeys.of(config).only(keys);
        int filters = (int) c.integer("filters", 1, Integer.MAX_VALUE);
        int[] size = Windows.tuple(c, "kernel_size", 2, 1);
        Conv2DTranspose layer = LayerConfigs.built("kernel_size", () -> new Conv2DTranspose(filters, size));
        if (c.has("output_padding")) {
            int[] p = Windows.tuple(c, "output_padding", 2, 0);
            LayerConfigs.built("output_padding", () -> layer.outputPadding(p));
        }
        return configure(layer, c);
    }
}
