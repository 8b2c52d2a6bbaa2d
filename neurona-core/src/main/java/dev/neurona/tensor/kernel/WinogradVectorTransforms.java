package dev.neurona.tensor.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link WinogradTransforms#input} and {@link WinogradTransforms#output} with the incubating
 * Vector API, a vector of channels at a time (the scalar loops do not vectorize: the tile and
 * the transformed matrices share the scratch array, so the JIT cannot prove them apart). The
 * same additions in the same order, so the same bits. Loaded only when
 * {@code jdk.incubator.vector} is present ({@link JavaGemm#VECTOR_DEFAULT}).
 */
final class WinogradVectorTransforms {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    /** Channels per vector. */
    static final int V = S.length();

    private WinogradVectorTransforms() {
    }

    /** The channels {@code [0, c − c % V)} of {@link WinogradTransforms#input}; returns where the scalar rest starts. */
    static int input(float[] p, int pOff, int c, float[] v, int vOff, int vStride) {
        int c4 = 4 * c;
        int ch = 0;
        for (; ch + V <= c; ch += V) {
            int q = pOff + ch;
            FloatVector d00 = FloatVector.fromArray(S, p, q);
            FloatVector d01 = FloatVector.fromArray(S, p, q + c);
            FloatVector d02 = FloatVector.fromArray(S, p, q + 2 * c);
            FloatVector d03 = FloatVector.fromArray(S, p, q + 3 * c);
            FloatVector d10 = FloatVector.fromArray(S, p, q + c4);
            FloatVector d11 = FloatVector.fromArray(S, p, q + c4 + c);
            FloatVector d12 = FloatVector.fromArray(S, p, q + c4 + 2 * c);
            FloatVector d13 = FloatVector.fromArray(S, p, q + c4 + 3 * c);
            FloatVector d20 = FloatVector.fromArray(S, p, q + 2 * c4);
            FloatVector d21 = FloatVector.fromArray(S, p, q + 2 * c4 + c);
            FloatVector d22 = FloatVector.fromArray(S, p, q + 2 * c4 + 2 * c);
            FloatVector d23 = FloatVector.fromArray(S, p, q + 2 * c4 + 3 * c);
            FloatVector d30 = FloatVector.fromArray(S, p, q + 3 * c4);
            FloatVector d31 = FloatVector.fromArray(S, p, q + 3 * c4 + c);
            FloatVector d32 = FloatVector.fromArray(S, p, q + 3 * c4 + 2 * c);
            FloatVector d33 = FloatVector.fromArray(S, p, q + 3 * c4 + 3 * c);
            FloatVector t00 = d00.sub(d20);
            FloatVector t01 = d01.sub(d21);
            FloatVector t02 = d02.sub(d22);
            FloatVector t03 = d03.sub(d23);
            FloatVector t10 = d10.add(d20);
            FloatVector t11 = d11.add(d21);
            FloatVector t12 = d12.add(d22);
            FloatVector t13 = d13.add(d23);
            FloatVector t20 = d20.sub(d10);
            FloatVector t21 = d21.sub(d11);
            FloatVector t22 = d22.sub(d12);
            FloatVector t23 = d23.sub(d13);
            FloatVector t30 = d10.sub(d30);
            FloatVector t31 = d11.sub(d31);
            FloatVector t32 = d12.sub(d32);
            FloatVector t33 = d13.sub(d33);
            int o = vOff + ch;
            t00.sub(t02).intoArray(v, o);
            t01.add(t02).intoArray(v, o + vStride);
            t02.sub(t01).intoArray(v, o + 2 * vStride);
            t01.sub(t03).intoArray(v, o + 3 * vStride);
            t10.sub(t12).intoArray(v, o + 4 * vStride);
            t11.add(t12).intoArray(v, o + 5 * vStride);
            t12.sub(t11).intoArray(v, o + 6 * vStride);
            t11.sub(t13).intoArray(v, o + 7 * vStride);
            t20.sub(t22).intoArray(v, o + 8 * vStride);
            t21.add(t22).intoArray(v, o + 9 * vStride);
            t22.sub(t21).intoArray(v, o + 10 * vStride);
            t21.sub(t23).intoArray(v, o + 11 * vStride);
            t30.sub(t32).intoArray(v, o + 12 * vStride);
            t31.add(t32).intoArray(v, o + 13 * vStride);
            t32.sub(t31).intoArray(v, o + 14 * vStride);
            t31.sub(t33).intoArray(v, o + 15 * vStride);
        }
        return ch;
    }

    /** The filters {@code [0, filters − filters % V)} of {@link WinogradTransforms#output}; returns where the scalar rest starts. */
    @SuppressWarnings("checkstyle:ParameterNumber")
    static int output(float[] m, int mOff, int mStride, int filters, float[] y, int yOff, int right, int down,
                      boolean hasRight, boolean hasDown) {
        int f = 0;
        for (; f + V <= filters; f += V) {
            int q = mOff + f;
            FloatVector m00 = FloatVector.fromArray(S, m, q);
            FloatVector m01 = FloatVector.fromArray(S, m, q + mStride);
            FloatVector m02 = FloatVector.fromArray(S, m, q + 2 * mStride);
            FloatVector m03 = FloatVector.fromArray(S, m, q + 3 * mStride);
            FloatVector m10 = FloatVector.fromArray(S, m, q + 4 * mStride);
            FloatVector m11 = FloatVector.fromArray(S, m, q + 5 * mStride);
            FloatVector m12 = FloatVector.fromArray(S, m, q + 6 * mStride);
            FloatVector m13 = FloatVector.fromArray(S, m, q + 7 * mStride);
            FloatVector m20 = FloatVector.fromArray(S, m, q + 8 * mStride);
            FloatVector m21 = FloatVector.fromArray(S, m, q + 9 * mStride);
            FloatVector m22 = FloatVector.fromArray(S, m, q + 10 * mStride);
            FloatVector m23 = FloatVector.fromArray(S, m, q + 11 * mStride);
            FloatVector m30 = FloatVector.fromArray(S, m, q + 12 * mStride);
            FloatVector m31 = FloatVector.fromArray(S, m, q + 13 * mStride);
            FloatVector m32 = FloatVector.fromArray(S, m, q + 14 * mStride);
            FloatVector m33 = FloatVector.fromArray(S, m, q + 15 * mStride);
            FloatVector a0 = m00.add(m10).add(m20);
            FloatVector a1 = m01.add(m11).add(m21);
            FloatVector a2 = m02.add(m12).add(m22);
            FloatVector a3 = m03.add(m13).add(m23);
            int o = yOff + f;
            a0.add(a1).add(a2).intoArray(y, o);
            if (hasRight) {
                a1.sub(a2).sub(a3).intoArray(y, o + right);
            }
            if (hasDown) {
                FloatVector b0 = m10.sub(m20).sub(m30);
                FloatVector b1 = m11.sub(m21).sub(m31);
                FloatVector b2 = m12.sub(m22).sub(m32);
                FloatVector b3 = m13.sub(m23).sub(m33);
                b0.add(b1).add(b2).intoArray(y, o + down);
                if (hasRight) {
                    b1.sub(b2).sub(b3).intoArray(y, o + down + right);
                }
            }
        }
        return f;
    }
}
