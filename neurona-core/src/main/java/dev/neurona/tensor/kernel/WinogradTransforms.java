package dev.neurona.tensor.kernel;

/**
 * The three transforms of Winograd's F(2×2, 3×3), channels-last: a 3×3 kernel to its 4×4
 * {@code U = G·g·Gᵀ}, a 4×4 input tile to {@code V = Bᵀ·d·B}, and a 4×4 product tile to the
 * 2×2 output {@code Y = Aᵀ·M·A}, with
 * {@code G = [[1,0,0],[½,½,½],[½,-½,½],[0,0,1]]}, {@code Bᵀ = [[1,0,-1,0],[0,1,1,0],[0,-1,1,0],[0,1,0,-1]]}
 * and {@code Aᵀ = [[1,1,1,0],[0,1,-1,-1]]}. Transform position {@code ξ = 4·r + s} of every
 * tile and channel is stored as the rows of one matrix, so that the 16 products are GEMMs.
 * With the Vector API present the input and output transforms run a vector of channels at a
 * time ({@link WinogradVectorTransforms}), the scalar loops taking the rest.
 */
final class WinogradTransforms {

    private WinogradTransforms() {
    }

    /**
     * Writes {@code U[ξ][c][f]} ({@code ξ·cin·filters + c·filters + f}) for the Keras kernel
     * {@code k [3, 3, cin, filters]}; {@code rotated} writes instead the kernel turned 180° with
     * its channel axes swapped, {@code U[ξ][f][c]}, the kernel of the input gradient.
     */
    static void kernel(float[] k, int cin, int filters, boolean rotated, float[] u, int uOff) {
        int plane = cin * filters;
        for (int c = 0; c < cin; c++) {
            for (int f = 0; f < filters; f++) {
                int at = c * filters + f;
                float g00 = k[at];
                float g01 = k[plane + at];
                float g02 = k[2 * plane + at];
                float g10 = k[3 * plane + at];
                float g11 = k[4 * plane + at];
                float g12 = k[5 * plane + at];
                float g20 = k[6 * plane + at];
                float g21 = k[7 * plane + at];
                float g22 = k[8 * plane + at];
                if (rotated) {
                    float t;
                    t = g00; g00 = g22; g22 = t;
                    t = g01; g01 = g21; g21 = t;
                    t = g02; g02 = g20; g20 = t;
                    t = g10; g10 = g12; g12 = t;
                }
                // rows: G·g, 4×3
                float a0 = g00, a1 = g01, a2 = g02;
                float b0 = 0.5f * (g00 + g10 + g20), b1 = 0.5f * (g01 + g11 + g21), b2 = 0.5f * (g02 + g12 + g22);
                float c0 = 0.5f * (g00 - g10 + g20), c1 = 0.5f * (g01 - g11 + g21), c2 = 0.5f * (g02 - g12 + g22);
                float d0 = g20, d1 = g21, d2 = g22;
                int o = uOff + (rotated ? f * cin + c : at);
                row(a0, a1, a2, u, o, plane);
                row(b0, b1, b2, u, o + 4 * plane, plane);
                row(c0, c1, c2, u, o + 8 * plane, plane);
                row(d0, d1, d2, u, o + 12 * plane, plane);
            }
        }
    }

    /** One row of {@code (G·g)·Gᵀ}: four values, {@code stride} apart. */
    private static void row(float t0, float t1, float t2, float[] u, int o, int stride) {
        u[o] = t0;
        u[o + stride] = 0.5f * (t0 + t1 + t2);
        u[o + 2 * stride] = 0.5f * (t0 - t1 + t2);
        u[o + 3 * stride] = t2;
    }

    /**
     * {@code V = Bᵀ·d·B} of the 4×4 tile {@code p} (16 cells of {@code c} channels each, row-major,
     * from {@code pOff}), channel by channel, to {@code v[vOff + ξ·vStride + ch]}.
     */
    static void input(float[] p, int pOff, int c, float[] v, int vOff, int vStride) {
        int c4 = 4 * c;
        int start = JavaGemm.VECTOR_DEFAULT ? WinogradVectorTransforms.input(p, pOff, c, v, vOff, vStride) : 0;
        for (int ch = start; ch < c; ch++) {
            int q = pOff + ch;
            // Bᵀ·d: rows
            float t00 = p[q] - p[q + 2 * c4];
            float t01 = p[q + c] - p[q + c + 2 * c4];
            float t02 = p[q + 2 * c] - p[q + 2 * c + 2 * c4];
            float t03 = p[q + 3 * c] - p[q + 3 * c + 2 * c4];
            float t10 = p[q + c4] + p[q + 2 * c4];
            float t11 = p[q + c + c4] + p[q + c + 2 * c4];
            float t12 = p[q + 2 * c + c4] + p[q + 2 * c + 2 * c4];
            float t13 = p[q + 3 * c + c4] + p[q + 3 * c + 2 * c4];
            float t20 = p[q + 2 * c4] - p[q + c4];
            float t21 = p[q + c + 2 * c4] - p[q + c + c4];
            float t22 = p[q + 2 * c + 2 * c4] - p[q + 2 * c + c4];
            float t23 = p[q + 3 * c + 2 * c4] - p[q + 3 * c + c4];
            float t30 = p[q + c4] - p[q + 3 * c4];
            float t31 = p[q + c + c4] - p[q + c + 3 * c4];
            float t32 = p[q + 2 * c + c4] - p[q + 2 * c + 3 * c4];
            float t33 = p[q + 3 * c + c4] - p[q + 3 * c + 3 * c4];
            int o = vOff + ch;
            // (Bᵀ·d)·B: columns
            v[o] = t00 - t02;
            v[o + vStride] = t01 + t02;
            v[o + 2 * vStride] = t02 - t01;
            v[o + 3 * vStride] = t01 - t03;
            v[o + 4 * vStride] = t10 - t12;
            v[o + 5 * vStride] = t11 + t12;
            v[o + 6 * vStride] = t12 - t11;
            v[o + 7 * vStride] = t11 - t13;
            v[o + 8 * vStride] = t20 - t22;
            v[o + 9 * vStride] = t21 + t22;
            v[o + 10 * vStride] = t22 - t21;
            v[o + 11 * vStride] = t21 - t23;
            v[o + 12 * vStride] = t30 - t32;
            v[o + 13 * vStride] = t31 + t32;
            v[o + 14 * vStride] = t32 - t31;
            v[o + 15 * vStride] = t31 - t33;
        }
    }

    /**
     * {@code Y = Aᵀ·M·A} of one tile's products ({@code m[mOff + ξ·mStride + f]}) to the output
     * cells {@code y[yOff + f]}, {@code y[yOff + right + f]}, {@code y[yOff + down + f]} and
     * {@code y[yOff + down + right + f]}; a cell past the output's edge ({@code !hasRight},
     * {@code !hasDown}) is not written.
     */
    @SuppressWarnings("checkstyle:ParameterNumber")
    static void output(float[] m, int mOff, int mStride, int filters, float[] y, int yOff, int right, int down,
                       boolean hasRight, boolean hasDown) {
        int start = JavaGemm.VECTOR_DEFAULT
                ? WinogradVectorTransforms.output(m, mOff, mStride, filters, y, yOff, right, down, hasRight, hasDown) : 0;
        for (int f = start; f < filters; f++) {
            int q = mOff + f;
            float m00 = m[q], m01 = m[q + mStride], m02 = m[q + 2 * mStride], m03 = m[q + 3 * mStride];
            float m10 = m[q + 4 * mStride], m11 = m[q + 5 * mStride], m12 = m[q + 6 * mStride];
            float m13 = m[q + 7 * mStride];
            float m20 = m[q + 8 * mStride], m21 = m[q + 9 * mStride], m22 = m[q + 10 * mStride];
            float m23 = m[q + 11 * mStride];
            float m30 = m[q + 12 * mStride], m31 = m[q + 13 * mStride], m32 = m[q + 14 * mStride];
            float m33 = m[q + 15 * mStride];
            // Aᵀ·M: rows
            float a0 = m00 + m10 + m20, a1 = m01 + m11 + m21, a2 = m02 + m12 + m22, a3 = m03 + m13 + m23;
            float b0 = m10 - m20 - m30, b1 = m11 - m21 - m31, b2 = m12 - m22 - m32, b3 = m13 - m23 - m33;
            int o = yOff + f;
            y[o] = a0 + a1 + a2;
            if (hasRight) {
                y[o + right] = a1 - a2 - a3;
            }
            if (hasDown) {
                y[o + down] = b0 + b1 + b2;
                if (hasRight) {
                    y[o + down + right] = b1 - b2 - b3;
                }
            }
        }
    }
}
