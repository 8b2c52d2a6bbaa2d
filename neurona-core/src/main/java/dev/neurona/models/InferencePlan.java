package dev.neurona.models;

import dev.neurona.nn.Layer;
import dev.neurona.tensor.Tensor;
import dev.neurona.train.FusedMlp;
import java.util.List;

/**
 * A Sequential's fused forward pass for inference ({@link FusedMlp}), planned at first use and
 * again whenever the layers change; absent when the layers do not allow one, and then callers
 * take the layer-by-layer path. Its output buffer is shared, so each use copies out under the
 * plan's lock.
 */
final class InferencePlan {

    private final List<Layer> layers;
    private FusedMlp plan;
    private boolean planned;

    InferencePlan(List<Layer> layers) {
        this.layers = layers;
    }

    /** The current plan, or {@code null} when the layers have no fused form. */
    private FusedMlp current() {
        if (!planned || (plan != null && !plan.isCurrent())) {
            plan = FusedMlp.compile(layers, null);
            planned = true;
        }
        return plan;
    }

    /** The outputs for a whole batch {@code x} (a copy), or {@code null} without a plan. */
    Tensor forward(Tensor x) {
        FusedMlp p = current();
        if (p == null) {
            return null;
        }
        synchronized (p) {
            return p.forward(x).copy();
        }
    }

    /**
     * The outputs for {@code x} in batches of {@code batchSize}, each batch read in place and its
     * outputs written straight into the result; {@code null} without a plan.
     */
    Tensor predict(Tensor x, int batchSize) {
        FusedMlp p = current();
        if (p == null) {
            return null;
        }
        int n = x.dim(0);
        int width = p.inputWidth();
        float[] out = null;
        int outWidth = 0;
        for (int start = 0; start < n; start += batchSize) {
            int rows = Math.min(batchSize, n - start);
            synchronized (p) {
                Tensor y = p.forward(x.data(), start * width, rows);
                if (out == null) {
                    outWidth = y.dim(1);
                    out = new float[n * outWidth];
                }
                System.arraycopy(y.data(), 0, out, start * outWidth, rows * outWidth);
            }
        }
        return Tensor.wrap(out, n, outWidth);
    }
}
