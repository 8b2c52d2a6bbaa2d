package dev.neurona.train;

import dev.neurona.tensor.Tensor;
import java.util.HashMap;
import java.util.Map;

/**
 * Copies the rows of one batch out of a data tensor into a buffer that is reused from batch
 * to batch (one per batch size: the full batches and the last, shorter one), so that the
 * fit loop does not allocate a batch every step. A returned tensor is valid until the next
 * call for the same batch size.
 */
final class BatchGather {

    private final Tensor source;
    private final int width;
    private final Map<Integer, Tensor> buffers = new HashMap<>();

    BatchGather(Tensor source) {
        this.source = source;
        this.width = source.size() / source.dim(0);
    }

    /** The rows {@code order[from..to)} of the source, in that order. */
    Tensor gather(int[] order, int from, int to) {
        int rows = to - from;
        Tensor batch = buffers.get(rows);
        if (batch == null) {
            int[] shape = source.shape();
            shape[0] = rows;
            batch = Tensor.zeros(shape);
            buffers.put(rows, batch);
        }
        float[] src = source.data();
        float[] dst = batch.data();
        for (int i = 0; i < rows; i++) {
            System.arraycopy(src, order[from + i] * width, dst, i * width, width);
        }
        return batch;
    }
}
