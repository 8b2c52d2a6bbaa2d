package dev.neurona.tensor.kernel;

import java.util.Arrays;

/**
 * Stride-1 3×3 convolutions (one group, no dilation) by Winograd's F(2×2, 3×3), the forward and
 * the input gradient: each 2×2 block of output pixels (a tile) reads a 4×4 input tile {@code d};
 * per chunk of {@link #tiles} tiles, {@link WinogradTransforms#input} writes {@code V = Bᵀ·d·B}
 * as 16 matrices {@code V_ξ [tiles, cin]}, 16 GEMMs give {@code M_ξ = V_ξ·U_ξ [tiles, filters]}
 * with the kernel transformed once per call ({@code U_ξ = (G·g·Gᵀ)_ξ [cin, filters]}), and
 * {@link WinogradTransforms#output} turns each tile's {@code M} into its 2×2 output pixels
 * (fewer at an odd edge). That is 16 multiply-adds per tile and channel pair instead of 36.
 * The input gradient of such a convolution is the same product over the output gradient with
 * the kernel turned 180° and its channel axes swapped, padded by {@code 2 − pad}.
 *
 * <p>{@code U}, {@code V} and the input tile live in the op's scratch
 * ({@link #scratchLength}); {@code M} cannot (a GEMM's C must not share an array with A or B),
 * so it lives in a per-thread buffer grown on first use: a compiled replay allocates nothing.
 *
 * <p>The transforms are scalar loops; the products go through the convolutions' GEMM.
 */
final class WinogradConvolutions {

    /** The system property that turns Winograd off ({@code false}); read once. */
    static final String PROPERTY = "neurona.conv.winograd";

    private static final boolean ENABLED = !"false".equals(System.getProperty(PROPERTY, "true"));

    /** Floats of {@code V} and {@code M} one chunk of tiles may hold together (2 MB). */
    static final int TILE_FLOATS = 1 << 19;

    private static final int MIN_CHANNELS = 32;

    /**
     * Floats between the 16 matrices of {@code V} (and of {@code M}) past their rows: with a
     * power-of-two stride the 16 positions of a tile fell on one cache set, and the transforms
     * ran 4× slower.
     */
    private static final int SKEW = 16;

    private static final ThreadLocal<float[][]> PRODUCTS = ThreadLocal.withInitial(() -> new float[1][0]);

    private final Gemm gemm;

    WinogradConvolutions(Gemm gemm) {
        this.gemm = gemm;
    }

    /** Whether Winograd can compute this convolution: a 3×3 window, stride 1, no dilation, one group. */
    static boolean eligible(ConvGeometry g) {
        return g.kh() == 3 && g.kw() == 3 && g.sh() == 1 && g.sw() == 1 && g.dh() == 1 && g.dw() == 1
                && g.groups() == 1;
    }

    /**
     * Whether the convolutions of {@code g} run by Winograd: eligible, not turned off by
     * {@link #PROPERTY}, at least 32 input channels and 32 filters, and an even output height and
     * width (no partial edge tiles). Measured (best of ~1.5 s, 2 cores of a shared Xeon
     * Sapphire Rapids with AVX-512, batch 128, ms forward / input gradient, im2col → Winograd):
     * {@code 32×32×32→32 same} 58 / 76 → 63 / 60; {@code 16×16×64→64 same} 67 / 127 → 54 / 41;
     * {@code 8×8×128→128 same} 126 / 80 → 31 / 37; {@code 16×16×32→64 same} 34 / 46 → 25 / 31;
     * but {@code 32×32×3→32 same} 15 / 17 → 28 / 43, {@code 28×28×1→32 valid} 7 / 12 → 27 / 56
     * and {@code 13×13×32→64 valid} (11×11 output) 18 / 20 → 22 / 37: with few channels the
     * transforms cost more than the saved multiply-adds, and partial tiles waste a quarter.
     */
    static boolean chosen(ConvGeometry g) {
        return ENABLED && eligible(g) && g.cin() >= MIN_CHANNELS && g.filters() >= MIN_CHANNELS && g.oh() % 2 == 0
                && g.ow() % 2 == 0;
    }

    /** The tiles of a chunk: as many as fit {@link #TILE_FLOATS} (at least 1, at most all). */
    static int tiles(ConvGeometry g) {
        long all = (long) g.n() * Math.max(tilesOf(g.oh()) * tilesOf(g.ow()), tilesOf(g.h()) * tilesOf(g.w()));
        long per = 16L * (g.cin() + g.filters());
        return (int) Math.max(1, Math.min(all, TILE_FLOATS / per));
    }

    /** The scratch floats: {@code U} (16·cin·filters), {@code V} (16·tiles·max channels) and one input tile. */
    static int scratchLength(ConvGeometry g) {
        return Math.toIntExact(16L * g.cin() * g.filters() + (long) PARTS * partFloats(g));
    }

    private static int tilesOf(int size) {
        return (size + 1) / 2;
    }

    void forward(ConvGeometry g, float[] x, float[] k, float[] out, float[] scratch) {
        WinogradTransforms.kernel(k, g.cin(), g.filters(), false, scratch, 0);
        run(g, x, g.h(), g.w(), g.cin(), g.filters(), g.padTop(), g.padLeft(), g.oh(), g.ow(), scratch, out);
    }

    void backwardInput(ConvGeometry g, float[] dOut, float[] k, float[] dx, float[] scratch) {
        WinogradTransforms.kernel(k, g.cin(), g.filters(), true, scratch, 0);
        run(g, dOut, g.oh(), g.ow(), g.filters(), g.cin(), 2 - g.padTop(), 2 - g.padLeft(), g.h(), g.w(), scratch, dx);
    }

    /**
     * {@code y [n, oh, ow, cout]} = the 3×3 stride-1 correlation of {@code x [n, h, w, cin]}, padded by
     * {@code padT, padL} (any further rows or columns read as zero), with the kernel already in
     * {@code scratch} as {@code U [16, cin, cout]}. The tiles go in {@link #PARTS} contiguous parts
     * over the cores (each its own {@code V} and input tile in the scratch, its thread's {@code M}):
     * a chunk's products are too small to split themselves, and each tile's values do not depend
     * on the part it lands in.
     */
    @SuppressWarnings("checkstyle:ParameterNumber")
    private void run(ConvGeometry g, float[] x, int h, int w, int cin, int cout, int padT, int padL, int oh, int ow,
                     float[] scratch, float[] y) {
        Job job = JOBS.get();
        job.set(this, g, x, h, w, cin, cout, padT, padL, oh, ow, scratch, y);
        try {
            ParallelRange.parts(PARTS, job);
        } finally {
            job.clear();
        }
    }

    /** Tiles {@code [from, to)} with part {@code part}'s region of the scratch. */
    private void tiles(Job j, int part, int from, int to) {
        int cin = j.cin;
        int cout = j.cout;
        int chunk = tiles(j.g);
        int vOff = 16 * cin * cout + part * partFloats(j.g);
        int vStride = chunk * cin + SKEW;
        int mStride = chunk * cout + SKEW;
        int pOff = vOff + 16 * (chunk * Math.max(cin, cout) + SKEW);
        float[] scratch = j.scratch;
        float[] m = products(16 * mStride);
        int th = tilesOf(j.oh);
        int tw = tilesOf(j.ow);
        int perImage = th * tw;
        for (int t0 = from; t0 < to; t0 += chunk) {
            int rows = Math.min(chunk, to - t0);
            for (int t = 0; t < rows; t++) {
                int tile = t0 + t;
                int b = tile / perImage;
                int oy = tile % perImage / tw * 2;
                int ox = tile % tw * 2;
                gather(j.x, b, j.h, j.w, cin, oy - j.padT, ox - j.padL, scratch, pOff);
                WinogradTransforms.input(scratch, pOff, cin, scratch, vOff + t * cin, vStride);
            }
            for (int xi = 0; xi < 16; xi++) {
                gemm.gemm(false, false, rows, cout, cin, 1f, scratch, vOff + xi * vStride, cin, scratch,
                        xi * cin * cout, cout, 0f, m, xi * mStride, cout);
            }
            for (int t = 0; t < rows; t++) {
                int tile = t0 + t;
                int b = tile / perImage;
                int oy = tile % perImage / tw * 2;
                int ox = tile % tw * 2;
                WinogradTransforms.output(m, t * cout, mStride, cout, j.y, ((b * j.oh + oy) * j.ow + ox) * cout, cout,
                        j.ow * cout, ox + 1 < j.ow, oy + 1 < j.oh);
            }
        }
    }

    /** The scratch floats of one part: its {@code V} matrices and its input tile. */
    private static int partFloats(ConvGeometry g) {
        int c = Math.max(g.cin(), g.filters());
        return Math.toIntExact(16L * (tiles(g) * c + SKEW) + 16L * c);
    }

    /** Parts of the tiles run over the cores (fixed, so the scratch is sized once). */
    static final int PARTS = 2;

    private static final ThreadLocal<Job> JOBS = ThreadLocal.withInitial(Job::new);

    /** One call's operands, kept per calling thread so that handing the parts out allocates nothing. */
    private static final class Job implements ParallelRange.Body {
        WinogradConvolutions owner;
        ConvGeometry g;
        float[] x;
        float[] scratch;
        float[] y;
        int h;
        int w;
        int cin;
        int cout;
        int padT;
        int padL;
        int oh;
        int ow;

        @SuppressWarnings("checkstyle:ParameterNumber")
        void set(WinogradConvolutions owner, ConvGeometry g, float[] x, int h, int w, int cin, int cout, int padT,
                 int padL, int oh, int ow, float[] scratch, float[] y) {
            this.owner = owner;
            this.g = g;
            this.x = x;
            this.h = h;
            this.w = w;
            this.cin = cin;
            this.cout = cout;
            this.padT = padT;
            this.padL = padL;
            this.oh = oh;
            this.ow = ow;
            this.scratch = scratch;
            this.y = y;
        }

        void clear() {
            owner = null;
            g = null;
            x = null;
            scratch = null;
            y = null;
        }

        @Override
        public void run(int lo, int hi) {
            int all = g.n() * tilesOf(oh) * tilesOf(ow);
            for (int part = lo; part < hi; part++) {
                int from = (int) ((long) all * part / PARTS);
                int to = (int) ((long) all * (part + 1) / PARTS);
                owner.tiles(this, part, from, to);
            }
        }
    }

    /** Copies the 4×4 input cells from {@code (iy0, ix0)} of image {@code b} to {@code p}, zeros outside the image. */
    private static void gather(float[] x, int b, int h, int w, int c, int iy0, int ix0, float[] p, int pOff) {
        int row = 4 * c;
        for (int r = 0; r < 4; r++) {
            int iy = iy0 + r;
            int dst = pOff + r * row;
            if (iy < 0 || iy >= h) {
                Arrays.fill(p, dst, dst + row, 0f);
                continue;
            }
            int base = (b * h + iy) * w;
            if (ix0 >= 0 && ix0 + 4 <= w) {
                System.arraycopy(x, (base + ix0) * c, p, dst, row);
                continue;
            }
            for (int s = 0; s < 4; s++, dst += c) {
                int ix = ix0 + s;
                if (ix < 0 || ix >= w) {
                    Arrays.fill(p, dst, dst + c, 0f);
                } else {
                    System.arraycopy(x, (base + ix) * c, p, dst, c);
                }
            }
        }
    }

    /** This thread's buffer for {@code M}, at least {@code length} floats (grown, never shrunk). */
    private static float[] products(int length) {
        float[][] holder = PRODUCTS.get();
        if (holder[0].length < length) {
            holder[0] = new float[length];
        }
        return holder[0];
    }
}
