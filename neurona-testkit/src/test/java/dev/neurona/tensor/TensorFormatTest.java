package dev.neurona.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link Tensor#toString()}: exact text for small tensors, truncation for large ones. */
class TensorFormatTest {

    @Test
    void smallMatrixPrintsEveryValueAligned() {
        Tensor t = Tensor.of(new float[][] {{1, -2.5f}, {30, 0.125f}});
        assertThat(t.toString()).isEqualTo("""
                tensor([[ 1.0000, -2.5000],
                        [30.0000,  0.1250]], shape=[2, 2])""");
    }

    @Test
    void vectorScalarAndGradFlags() {
        assertThat(Tensor.of(1, 2, 3).toString()).isEqualTo("tensor([1.0000, 2.0000, 3.0000], shape=[3])");
        assertThat(Tensor.scalar(0.5f).toString()).isEqualTo("tensor(0.5000, shape=[])");
        Tensor x = Tensor.of(1f).requiresGrad(true);
        assertThat(x.toString()).isEqualTo("tensor([1.0000], shape=[1], requiresGrad=true)");
        assertThat(x.exp().toString()).endsWith(", op=exp)");
    }

    @Test
    void tinyOrHugeValuesSwitchToScientificNotation() {
        assertThat(Tensor.of(1e-6f, 2f).toString()).isEqualTo("tensor([1.0000e-06, 2.0000e+00], shape=[2])");
    }

    @Test
    void threeDimensionalTensorSeparatesBlocksByABlankLine() {
        Tensor t = Tensor.arange(8).reshape(2, 2, 2);
        assertThat(t.toString()).isEqualTo("""
                tensor([[[0.0000, 1.0000],
                         [2.0000, 3.0000]],

                        [[4.0000, 5.0000],
                         [6.0000, 7.0000]]], shape=[2, 2, 2])""");
    }

    @Test
    void largeTensorIsTruncatedWithEllipses() {
        Tensor t = Tensor.arange(100 * 50).reshape(100, 50);
        assertThat(t.toString()).isEqualTo("""
                tensor([[   0.0000,    1.0000,    2.0000, ...,   47.0000,   48.0000,   49.0000],
                        [  50.0000,   51.0000,   52.0000, ...,   97.0000,   98.0000,   99.0000],
                        [ 100.0000,  101.0000,  102.0000, ...,  147.0000,  148.0000,  149.0000],
                        ...,
                        [4850.0000, 4851.0000, 4852.0000, ..., 4897.0000, 4898.0000, 4899.0000],
                        [4900.0000, 4901.0000, 4902.0000, ..., 4947.0000, 4948.0000, 4949.0000],
                        [4950.0000, 4951.0000, 4952.0000, ..., 4997.0000, 4998.0000, 4999.0000]], shape=[100, 50])""");
    }

    @Test
    void tensorsUpToTheThresholdAreNotTruncated() {
        assertThat(Tensor.zeros(1000).toString()).doesNotContain("...");
        assertThat(Tensor.zeros(1001).toString()).contains("0.0000, ..., 0.0000");
    }

    @Test
    void parameterPrintsItsName() {
        assertThat(new Parameter("w", Tensor.of(1f)).toString()).startsWith("w tensor([1.0000]");
    }
}
