package dev.neurona.train;

import dev.neurona.tensor.HostAccess;
import dev.neurona.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Copies the rows of one batch out of a data tensor into a buffer that is reused from batch
 * to batch (one per batch size: the full batches and the last, shorter one), so that the
 * fit loop does not allocate a batch every step. A returned tensor is valid until the next
 * call for the same batch size.
 *
 * <p>The copy is one {@link Tensor#onHost(Tensor, HostAccess.Pair)} call with this gatherer's
 * own copier, which is made once, and the buffers are found by a scan (no boxed key), so a
 * batch allocates nothing.
 */
final class BatchGather {

    private final Tensor source;
    private final int width;
    /** One buffer per batch size seen (usually two). */
    private final List<Tensor> buffers = new ArrayList<>();
    private final RowCopy rowCopy = new RowCopy();

    /** Copies the rows {@code order[from .. from + rows)} of the first array (rows of {@code width}) into the second. */
    private final class RowCopy implements HostAccess.Pair {
        int[] order;
        int from;
        int rows;

        @Override
        public void apply(float[] src, float[] dst) {
            for (int i = 0; i < rows; i++) {
                System.arraycopy(src, order[from + i] * width, dst, i * width, width);
            }
        }
    }

    BatchGather(Tensor source) {
        this.source = source;
        this.width = source.size() / source.dim(0);
    }

    /** The rows {@code order[from..to)} of the source, in that order. */
    Tensor gather(int[] order, int from, int to) {
        int rows = to - from;
        Tensor batch = buffer(rows);
        rowCopy.order = order;
        rowCopy.from = from;
        rowCopy.rows = rows;
        try {
            source.onHost(batch, rowCopy);
        } finally {
            rowCopy.order = null;   // the caller's order is not kept
        }
        return batch;
    }

    /** The buffer of {@code rows} rows, made on first use. */
    private Tensor buffer(int rows) {
        for (int i = 0; i < buffers.size(); i++) {
            if (buffers.get(i).dim(0) == rows) {
                return buffers.get(i);
            }
        }
        int[] shape = source.shape();
        shape[0] = rows;
        Tensor batch = Tensor.zeros(shape);
        buffers.add(batch);
        return batch;
    }
}
