package dev.neurona.spark;

import java.io.Serializable;

/**
 * The samples of one partition as two dense arrays, cached for the whole run. Rows carry
 * global indices {@code start .. start + rows - 1}: the partitions own consecutive ranges of
 * the dataset's row order, which is what lets each step find its share of a global batch by
 * index alone.
 */
final class Block implements Serializable {

    private static final long serialVersionUID = 1L;

    final long start;
    final int rows;
    final int xDim;
    final int yDim;
    final float[] x;
    final float[] y;

    Block(long start, int rows, int xDim, int yDim, float[] x, float[] y) {
        this.start = start;
        this.rows = rows;
        this.xDim = xDim;
        this.yDim = yDim;
        this.x = x;
        this.y = y;
    }

    /** Whether global row {@code index} lies in this block. */
    boolean owns(long index) {
        return index >= start && index < start + rows;
    }
}
