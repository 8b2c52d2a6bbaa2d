package dev.neurona.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** NumPy broadcasting of the elementwise ops, against hand-computed values. */
class BroadcastingTest {

    private static final Tensor M = Tensor.of(new float[][] {{1, 2, 3, 4}, {5, 6, 7, 8}, {9, 10, 11, 12}});

    @Test
    void rowVectorRepeatsOverRows() {
        Tensor y = M.add(Tensor.of(10, 20, 30, 40));
        assertThat(y.shape()).containsExactly(3, 4);
        assertThat(y.toArray()).containsExactly(11, 22, 33, 44, 15, 26, 37, 48, 19, 30, 41, 52);
    }

    @Test
    void columnTimesRowIsAnOuterProduct() {
        Tensor col = Tensor.of(new float[] {1, 2, 3}, 3, 1);
        Tensor row = Tensor.of(new float[] {1, 10, 100, 1000}, 1, 4);
        Tensor y = col.mul(row);
        assertThat(y.shape()).containsExactly(3, 4);
        assertThat(y.toArray()).containsExactly(1, 10, 100, 1000, 2, 20, 200, 2000, 3, 30, 300, 3000);
    }

    @Test
    void scalarTensorOnEitherSide() {
        Tensor two = Tensor.scalar(2f);
        assertThat(two.sub(M).toArray()).containsExactly(1, 0, -1, -2, -3, -4, -5, -6, -7, -8, -9, -10);
        assertThat(M.div(two).shape()).containsExactly(3, 4);
        assertThat(M.div(two).toArray()[11]).isEqualTo(6f);
        assertThat(two.mul(Tensor.scalar(3f)).shape()).isEmpty();
        assertThat(two.mul(Tensor.scalar(3f)).item()).isEqualTo(6f);
    }

    @Test
    void floatOverloadsBroadcastAConstant() {
        assertThat(M.add(1f).toArray()[0]).isEqualTo(2f);
        assertThat(M.sub(1f).toArray()[11]).isEqualTo(11f);
        assertThat(M.mul(0.5f).toArray()[3]).isEqualTo(2f);
        assertThat(M.div(4f).toArray()[7]).isEqualTo(2f);
    }

    @Test
    void missingLeadingDimensionsAndOnesCombine() {
        // [2, 1, 3] - [4, 1] -> [2, 4, 3]: y[i, j, k] = a[i, 0, k] - b[j, 0]
        Tensor a = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 1, 3);
        Tensor b = Tensor.of(new float[] {0, 10, 20, 30}, 4, 1);
        Tensor y = a.sub(b);
        assertThat(y.shape()).containsExactly(2, 4, 3);
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 4; j++) {
                for (int k = 0; k < 3; k++) {
                    assertThat(y.get(i, j, k)).isEqualTo(a.get(i, 0, k) - b.get(j, 0));
                }
            }
        }
    }

    @Test
    void maximumMinimumAndMasksBroadcast() {
        Tensor t = Tensor.of(new float[] {5, 6, 7, 8}, 1, 4);
        assertThat(M.maximum(t).toArray()).containsExactly(5, 6, 7, 8, 5, 6, 7, 8, 9, 10, 11, 12);
        assertThat(M.minimum(6.5f).toArray()).containsExactly(1, 2, 3, 4, 5, 6, 6.5f, 6.5f, 6.5f, 6.5f, 6.5f, 6.5f);
        assertThat(M.gt(t).toArray()).containsExactly(0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1);
        assertThat(M.ge(t).toArray()).containsExactly(0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1);
        assertThat(M.lt(6f).toArray()).containsExactly(1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0);
        assertThat(M.le(6f).toArray()).containsExactly(1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0);
        assertThat(M.eq(t).toArray()).containsExactly(0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0);
    }

    @Test
    void broadcastToRepeatsAndItsGradientSums() {
        Tensor v = Tensor.of(1, 2, 3).requiresGrad(true);
        Tensor y = v.broadcastTo(2, 3);
        assertThat(y.toArray()).containsExactly(1, 2, 3, 1, 2, 3);
        y.backward(Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3));
        assertThat(v.grad().toArray()).containsExactly(5, 7, 9);
    }

    @Test
    void gradientOfABroadcastInputIsSummedBackToItsShape() {
        Tensor col = Tensor.of(new float[] {1, 2, 3}, 3, 1).requiresGrad(true);
        Tensor row = Tensor.of(10, 20, 30, 40).requiresGrad(true);
        col.mul(row).sum().backward();
        assertThat(col.grad().shape()).containsExactly(3, 1);
        assertThat(col.grad().toArray()).containsExactly(100, 100, 100);
        assertThat(row.grad().shape()).containsExactly(4);
        assertThat(row.grad().toArray()).containsExactly(6, 6, 6, 6);
    }
}
