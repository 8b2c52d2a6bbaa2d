package dev.neurona.models;

import dev.neurona.nn.Mode;
import dev.neurona.tensor.Compiled;
import dev.neurona.tensor.HostAccess;
import dev.neurona.tensor.NoGrad;
import dev.neurona.tensor.Tensor;

/**
 * A model's forward pass for inference as a {@link Compiled} step: traced at the first
 * batch of each size and replayed after, so that {@code predict} allocates only its result.
 * The step's buffers are shared, so each use copies out under this plan's lock; batches of a
 * large input are copied into one reused input buffer, through one reused copier (a
 * {@link HostAccess.Pair}), and each batch's outputs straight into the result
 * ({@link Tensor#copyTo}).
 */
final class InferencePlan {

    private final Compiled forward;
    /** The reused input buffers of {@link #predict}: for its full batches and for a shorter last one. */
    private Tensor fullBatch;
    private Tensor lastBatch;
    /** The step's input, reused so that a call allocates only its result. */
    private final Tensor[] input = new Tensor[1];
    /** Copies one batch's rows from the input into {@link #batch}; made once, so a call allocates nothing for it. */
    private final RowCopy rowCopy = new RowCopy();

    /** Copies {@code count} values from {@code from} of the first array to the start of the second. */
    private static final class RowCopy implements HostAccess.Pair {
        int from;
        int count;

        @Override
        public void apply(float[] source, float[] batch) {
            System.arraycopy(source, from, batch, 0, count);
        }
    }

    InferencePlan(Model model) {
        this.forward = new Compiled("inference", in -> {
            try (NoGrad ignored = NoGrad.enter()) {
                Tensor h = model.forwardUnplanned(in[0], Mode.INFERENCE);
                model.clearAddedLosses();
                return new Tensor[] {h};
            }
        });
    }

    /** The outputs for a whole batch {@code x} (a copy). */
    synchronized Tensor forward(Tensor x) {
        return run(x).copy();
    }

    private Tensor run(Tensor x) {
        input[0] = x;
        Tensor y = forward.run(input)[0];
        input[0] = null;
        return y;
    }

    /**
     * The outputs for {@code x} in batches of {@code batchSize}, each batch copied into a reused
     * buffer and its outputs written straight into the result.
     */
    synchronized Tensor predict(Tensor x, int batchSize) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("predict: batch size must be positive, got " + batchSize);
        }
        int n = x.dim(0);
        if (n <= batchSize) {
            return forward(x);
        }
        int width = x.size() / n;
        float[] out = null;
        int[] outShape = null;
        int outWidth = 0;
        for (int start = 0; start < n; start += batchSize) {
            int rows = Math.min(batchSize, n - start);
            Tensor batch = rows == batchSize ? fullBatch : lastBatch;
            if (batch == null || batch.dim(0) != rows || batch.size() != rows * width) {
                int[] shape = x.shape();
                shape[0] = rows;
                batch = Tensor.zeros(shape);
                if (rows == batchSize) {
                    fullBatch = batch;
                } else {
                    lastBatch = batch;
                }
            }
            rowCopy.from = start * width;
            rowCopy.count = rows * width;
            x.onHost(batch, rowCopy);
            Tensor y = run(batch);
            if (out == null) {
                outShape = y.shape();
                outWidth = y.size() / rows;
                out = new float[n * outWidth];
            }
            y.copyTo(out, start * outWidth);   // y holds exactly rows * outWidth values
        }
        outShape[0] = n;
        return Tensor.wrap(out, outShape);
    }
}
