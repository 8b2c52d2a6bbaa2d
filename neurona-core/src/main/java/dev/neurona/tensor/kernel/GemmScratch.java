package dev.neurona.tensor.kernel;

/**
 * {@link JavaGemm}'s per-thread packing buffers and operand record, allocated once at their largest
 * size (the vector kernel's on its first use), so that a product on one thread allocates nothing.
 */
final class GemmScratch {

    /** Each thread's buffers, created on its first product. */
    static final ThreadLocal<GemmScratch> SCRATCH = ThreadLocal.withInitial(GemmScratch::new);

    // JavaGemm's blocking constants (compile-time constants: reading them loads no class)
    private static final int MR = JavaGemm.MR;
    private static final int NC = JavaGemm.NC;
    private static final int KC = JavaGemm.KC;
    private static final int MC = JavaGemm.MC;
    private static final int VECTOR_MC = JavaGemm.VECTOR_MC;

    final float[][] packedB = new float[KC][NC];
    final float[] packedA = new float[MC * KC];
    final float[][] tile = new float[MR][NC];
    final GemmArgs args = new GemmArgs();
    final RowHalves rowHalves = new RowHalves();
    private float[] transposed = new float[0];
    /** The vector kernel's buffers, allocated on its first use on this thread. */
    private float[] packedBv;
    private float[] packedAv;
    private float[] edge;

    /** KC × NC of op(B) as NR-column panels, p-major within a panel, zero-padded to a whole panel. */
    float[] packedBv() {
        if (packedBv == null) {
            int nr = VectorMicroKernel.NR;
            packedBv = new float[KC * ((NC + nr - 1) / nr * nr)];
        }
        return packedBv;
    }

    /** VECTOR_MC × KC of alpha · op(A) as MR-row panels, p-major within a panel. */
    float[] packedAv() {
        if (packedAv == null) {
            packedAv = new float[VECTOR_MC * KC];
        }
        return packedAv;
    }

    /** One MR × NR tile, for the partial tiles at C's bottom and right edges. */
    float[] edge() {
        if (edge == null) {
            edge = new float[VectorMicroKernel.MR * VectorMicroKernel.NR];
        }
        return edge;
    }

    /** A scratch array of at least {@code size} values, grown (once) when a larger one is needed. */
    float[] transposed(int size) {
        if (transposed.length < size) {
            transposed = new float[size];
        }
        return transposed;
    }
}
