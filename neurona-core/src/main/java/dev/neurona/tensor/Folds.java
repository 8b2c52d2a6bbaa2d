package dev.neurona.tensor;

import dev.neurona.tensor.kernel.Backend;
import dev.neurona.tensor.kernel.Buffer;
import dev.neurona.tensor.kernel.ConvGeometry;
import dev.neurona.tensor.kernel.Kernels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The planner's folds: a convolution whose output only a per-channel normalization reads
 * (batch normalization in inference, {@code (z − center)·scale + shift}) becomes one
 * convolution with the kernel's filters scaled ({@code K'[…, f] = K[…, f]·scale[f]}) and a
 * per-filter offset {@code shift − center·scale} added to its output, as inference engines fold
 * batch normalization into the convolution before it. The folded kernel is recomputed at every
 * replay (a few thousand multiplies), so the plan stays right when the weights change. Only
 * where nothing else reads the convolution's output: in a training step the normalization's
 * backward reads it, so there nothing is folded. The rounding differs from the unfolded ops
 * (one product instead of two), as in every engine that folds.
 */
final class Folds {

    private Folds() {
    }

    static List<Trace.Step> convNormalize(List<Trace.Step> steps, Set<Storage> pinned) {
        List<Trace.Step> out = new ArrayList<>(steps);
        for (int i = 0; i < out.size(); i++) {
            if (!(out.get(i).fusible() instanceof Fusible.Conv conv) || pinned.contains(out.get(i).written())) {
                continue;
            }
            Storage z = out.get(i).written();
            int reader = onlyReader(out, i, z);
            if (reader < 0 || !(out.get(reader).fusible() instanceof Fusible.ChannelNormalize norm)
                    || norm.x() != z || norm.channels() != conv.geometry().filters()
                    || writtenBetween(out, i, reader, conv.x(), conv.kernel())) {
                continue;
            }
            out.set(reader, folded(conv, norm, out.get(reader).written()));
            out.remove(i);
            i--;
        }
        return out;
    }

    private static Trace.Step folded(Fusible.Conv conv, Fusible.ChannelNormalize norm, Storage y) {
        Kernels k = Backend.kernels();
        ConvGeometry g = conv.geometry();
        int filters = g.filters();
        float[] kernel = new float[conv.kernel().array.length];
        float[] offset = new float[filters];
        Buffer kernelBuf = Buffer.wrap(kernel);
        Runnable run = () -> {
            float[] w = conv.kernel().array;
            float[] scale = norm.scale().array;
            float[] center = norm.center().array;
            float[] shift = norm.shift() == null ? null : norm.shift().array;
            for (int i = 0; i < w.length; i += filters) {
                for (int f = 0; f < filters; f++) {
                    kernel[i + f] = w[i + f] * scale[f];
                }
            }
            for (int f = 0; f < filters; f++) {
                offset[f] = (shift == null ? 0f : shift[f]) - center[f] * scale[f];
            }
            k.conv2d(g, conv.x(), kernelBuf, y, conv.scratch());
            float[] out = y.array;
            for (int o = 0; o < out.length; o += filters) {
                for (int f = 0; f < filters; f++) {
                    out[o + f] += offset[f];
                }
            }
        };
        List<Storage> reads = new ArrayList<>(List.of(conv.x(), conv.kernel(), norm.center(), norm.scale()));
        if (norm.shift() != null) {
            reads.add(norm.shift());
        }
        return new Trace.Step("conv2d+channel_normalize", run, reads.toArray(new Storage[0]), y, true, null);
    }

    /** The one step after {@code from} that reads {@code s}, or −1 when none or several do. */
    private static int onlyReader(List<Trace.Step> steps, int from, Storage s) {
        int found = -1;
        for (int j = from + 1; j < steps.size(); j++) {
            if (Arrays.asList(steps.get(j).reads()).contains(s)) {
                if (found >= 0) {
                    return -1;
                }
                found = j;
            }
        }
        return found;
    }

    private static boolean writtenBetween(List<Trace.Step> steps, int from, int to, Storage a, Storage b) {
        for (int j = from + 1; j < to; j++) {
            Trace.Step s = steps.get(j);
            List<Storage> w = new ArrayList<>(Arrays.asList(s.alsoWritten()));
            w.add(s.written());
            if (w.contains(a) || w.contains(b)) {
                return true;
            }
        }
        return false;
    }
}
