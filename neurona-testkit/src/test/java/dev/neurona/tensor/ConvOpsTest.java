package dev.neurona.tensor;

import static dev.neurona.testkit.OpTable.op;
import static dev.neurona.testkit.OpTable.op2;
import static org.assertj.core.api.Assertions.assertThat;

import dev.neurona.testkit.GradCheck;
import dev.neurona.testkit.OpTable;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The convolution and pooling ops through {@link OpTable}: per op and typical arguments
 * (strides, uneven padding, dilation, groups, pointwise kernels, chunked im2col) a
 * finite-difference gradient check of every input and a compiled replay bit-identical to eager
 * runs. Values against PyTorch are in {@link ConvGoldenTest}, errors in {@link ConvBadInputTest}.
 */
class ConvOpsTest {

    private static int[] s(int... shape) {
        return shape;
    }

    private static final ConvSpec D = ConvSpec.DEFAULT;

    /**
     * Max pooling is piecewise linear with kinks where two cells of a window tie: a smaller step
     * than the default 0.01 keeps the differences off them (random values in [-2, 2) put two of a
     * window's cells within 0.01 of each other in some of these cases).
     */
    private static final GradCheck.Options MAX = GradCheck.Options.DEFAULTS.withEps(1e-3);

    /** A case small enough to check by hand: 2×2 sums of a 3×3 image, and the 2×2 max pool of it. */
    @Test
    void aHandCheckedConvolutionAndPool() {
        Tensor image = Tensor.of(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, 1, 3, 3, 1);
        Tensor ones = Tensor.full(1f, 2, 2, 1, 1);
        Tensor sums = image.conv2d(ones);
        assertThat(sums.shape()).containsExactly(1, 2, 2, 1);
        assertThat(sums.toArray()).containsExactly(12, 16, 24, 28);   // 1+2+4+5, 2+3+5+6, 4+5+7+8, 5+6+8+9
        assertThat(sums.maxPool2d(2).toArray()).containsExactly(28);
        Tensor shifted = image.conv2d(ones, D.strides(2).padding(1, 0, 1, 0));   // zeros above and left
        assertThat(shifted.toArray()).containsExactly(1, 5, 11, 28);
    }

    @TestFactory
    Stream<DynamicTest> convolutions() {
        return OpTable.tests(
                op2("conv2d 3x3 valid", (x, k) -> x.conv2d(k)).shapes(s(2, 5, 5, 3), s(3, 3, 3, 4))
                        .expectShape(2, 3, 3, 4),
                op2("conv2d stride 2 uneven padding", (x, k) -> x.conv2d(k, D.strides(2).padding(0, 1, 1, 0)))
                        .shapes(s(2, 6, 5, 2), s(3, 3, 2, 3)).expectShape(2, 3, 2, 3),
                op2("conv2d dilation 2 padding 2", (x, k) -> x.conv2d(k, D.dilation(2).padding(2, 2, 2, 2)))
                        .shapes(s(1, 5, 5, 2), s(3, 3, 2, 2)).expectShape(1, 5, 5, 2),
                op2("conv2d groups 2", (x, k) -> x.conv2d(k, D.groups(2))).shapes(s(2, 4, 4, 4), s(2, 2, 2, 6))
                        .expectShape(2, 3, 3, 6),
                op2("conv2d depthwise", (x, k) -> x.conv2d(k, D.groups(3).padding(1, 1, 1, 1)))
                        .shapes(s(1, 4, 4, 3), s(3, 3, 1, 3)).expectShape(1, 4, 4, 3),
                op2("conv2d 1x1 pointwise (no im2col)", (x, k) -> x.conv2d(k)).shapes(s(2, 3, 3, 4), s(1, 1, 4, 3))
                        .expectShape(2, 3, 3, 3),
                op2("conv2d 1x1 pointwise groups 2", (x, k) -> x.conv2d(k, D.groups(2)))
                        .shapes(s(2, 3, 3, 4), s(1, 1, 2, 4)).expectShape(2, 3, 3, 4),
                op2("conv2d strides [2,1] dilation [1,2]", (x, k) -> x.conv2d(k, D.strides(2, 1).dilation(1, 2)))
                        .shapes(s(2, 6, 7, 2), s(2, 3, 2, 2)).expectShape(2, 3, 3, 2),
                op2("conv2dTranspose stride 2", (x, k) -> x.conv2dTranspose(k, D.strides(2)))
                        .shapes(s(2, 3, 3, 3), s(3, 3, 2, 3)).expectShape(2, 7, 7, 2),
                op2("conv2dTranspose same stride 2 output padding", (x, k) -> x.conv2dTranspose(k,
                        D.strides(2).padding(1, 1, 1, 1), 1, 1)).shapes(s(1, 3, 3, 2), s(3, 3, 2, 2))
                        .expectShape(1, 6, 6, 2),
                op2("conv2dTranspose groups 2 dilation 2", (x, k) -> x.conv2dTranspose(k, D.groups(2).dilation(2)))
                        .shapes(s(1, 3, 3, 4), s(2, 2, 1, 4)).expectShape(1, 5, 5, 2),
                op2("conv1d stride 2 padding 1", (x, k) -> x.conv1d(k, ConvSpec.of1d(2, 1, 1, 1, 1)))
                        .shapes(s(2, 7, 3), s(3, 3, 2)).expectShape(2, 4, 2),
                op2("conv1d causal dilation 2 groups 2", (x, k) -> x.conv1d(k, ConvSpec.of1d(1, 4, 0, 2, 2)))
                        .shapes(s(1, 6, 4), s(3, 2, 2)).expectShape(1, 6, 2));
    }

    @TestFactory
    Stream<DynamicTest> pooling() {
        return OpTable.tests(
                op("maxPool2d 2", x -> x.maxPool2d(2)).shapes(s(2, 4, 4, 3)).options(MAX).expectShape(2, 2, 2, 3),
                op("maxPool2d 3x3 stride 2 same", x -> x.maxPool2d(s(3, 3), s(2, 2), s(1, 1, 1, 1)))
                        .shapes(s(1, 5, 5, 2)).expectShape(1, 3, 3, 2).options(MAX),
                op("maxPool2d overlapping 3x3 stride 1", x -> x.maxPool2d(s(3, 3), s(1, 1), s(0, 0, 0, 0)))
                        .shapes(s(1, 4, 4, 2)).expectShape(1, 2, 2, 2).options(MAX),
                op("avgPool2d 2", x -> x.avgPool2d(2)).shapes(s(2, 4, 4, 3)).expectShape(2, 2, 2, 3),
                op("avgPool2d 3x3 padding 1 (padding not counted)", x -> x.avgPool2d(s(3, 3), s(1, 1), s(1, 1, 1, 1)))
                        .shapes(s(1, 3, 4, 2)).expectShape(1, 3, 4, 2),
                op("avgPool2d 2x3 strides [1,2] uneven padding", x -> x.avgPool2d(s(2, 3), s(1, 2), s(0, 1, 1, 0)))
                        .shapes(s(2, 3, 5, 2)).expectShape(2, 3, 2, 2),
                op("maxPool1d 2", x -> x.maxPool1d(2, 2, 0, 0)).shapes(s(2, 6, 3)).options(MAX).expectShape(2, 3, 3),
                op("avgPool1d 3 stride 1 padding 1", x -> x.avgPool1d(3, 1, 1, 1)).shapes(s(2, 5, 2))
                        .expectShape(2, 5, 2),
                op("conv2d then maxPool2d then avgPool2d", x -> x.conv2d(Tensor.ones(3, 3, 2, 2).mul(0.1f),
                        D.padding(1, 1, 1, 1)).relu().maxPool2d(2).avgPool2d(s(2, 2), s(1, 1), s(0, 1, 0, 1)))
                        .shapes(s(2, 4, 4, 2)).expectShape(2, 2, 2, 2).options(MAX));
    }
}
