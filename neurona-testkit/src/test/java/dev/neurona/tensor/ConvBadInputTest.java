package dev.neurona.tensor;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Bad arguments of the convolution and pooling ops: each error names the op, the shapes and the expected form. */
class ConvBadInputTest {

    private static final ConvSpec D = ConvSpec.DEFAULT;

    @Test
    void wrongRanksNameTheExpectedLayout() {
        assertThatThrownBy(() -> Tensor.zeros(2, 5, 5).conv2d(Tensor.zeros(3, 3, 5, 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("conv2d").hasMessageContaining("[batch, height, width, channels]")
                .hasMessageContaining("[2, 5, 5]");
        assertThatThrownBy(() -> Tensor.zeros(2, 5, 5, 3).conv2d(Tensor.zeros(3, 3, 3)))
                .hasMessageContaining("conv2d: the kernel must be [kernel height, kernel width, channels/groups, filters]")
                .hasMessageContaining("[3, 3, 3]");
        assertThatThrownBy(() -> Tensor.zeros(2, 5, 5, 3).conv1d(Tensor.zeros(3, 3, 2), ConvSpec.of1d(1, 0, 0, 1, 1)))
                .hasMessageContaining("conv1d").hasMessageContaining("[batch, steps, channels]");
        assertThatThrownBy(() -> Tensor.zeros(4, 4).maxPool2d(2))
                .hasMessageContaining("maxPool2d").hasMessageContaining("[batch, height, width, channels]");
    }

    @Test
    void aKernelLargerThanThePaddedInput() {
        assertThatThrownBy(() -> Tensor.zeros(1, 4, 4, 2).conv2d(Tensor.zeros(5, 5, 2, 1)))
                .hasMessageContaining("conv2d").hasMessageContaining("height 5")
                .hasMessageContaining("larger than the padded input's 4").hasMessageContaining("[1, 4, 4, 2]");
        assertThatThrownBy(() -> Tensor.zeros(1, 5, 5, 2).conv2d(Tensor.zeros(3, 3, 2, 1), D.dilation(3)))
                .hasMessageContaining("dilated to 7");
        assertThatThrownBy(() -> Tensor.zeros(1, 2, 2, 1).avgPool2d(3)).hasMessageContaining("avgPool2d")
                .hasMessageContaining("larger than the padded input");
    }

    @Test
    void badStridesDilationPaddingAndGroups() {
        assertThatThrownBy(() -> D.strides(0)).hasMessageContaining("strides must be at least 1, got [0, 0]");
        assertThatThrownBy(() -> D.dilation(1, -1)).hasMessageContaining("dilation must be at least 1");
        assertThatThrownBy(() -> D.padding(0, -1, 0, 0)).hasMessageContaining("padding must be 0 or more");
        assertThatThrownBy(() -> D.groups(0)).hasMessageContaining("groups must be at least 1");
        assertThatThrownBy(() -> Tensor.zeros(1, 4, 4, 6).conv2d(Tensor.zeros(3, 3, 2, 4), D.groups(4)))
                .hasMessageContaining("conv2d").hasMessageContaining("6 channels")
                .hasMessageContaining("do not divide into 4 groups");
        assertThatThrownBy(() -> Tensor.zeros(1, 4, 4, 4).conv2d(Tensor.zeros(3, 3, 2, 3), D.groups(2)))
                .hasMessageContaining("3 filters").hasMessageContaining("do not divide into 2 groups");
        assertThatThrownBy(() -> Tensor.zeros(1, 4, 4, 2).maxPool2d(new int[] {2, 2}, new int[] {0, 1}, new int[4]))
                .hasMessageContaining("maxPool2d: strides must be two values of at least 1, got [0, 1]");
        assertThatThrownBy(() -> Tensor.zeros(1, 4, 4, 2).maxPool2d(new int[] {2, 2}, new int[] {2, 2},
                new int[] {2, 0, 0, 0})).hasMessageContaining("smaller than the pool size");
    }

    @Test
    void channelsThatDoNotMatchTheKernelAndAChannelsFirstHint() {
        assertThatThrownBy(() -> Tensor.zeros(2, 5, 5, 4).conv2d(Tensor.zeros(3, 3, 3, 8)))
                .hasMessageContaining("conv2d: the kernel [3, 3, 3, 8] takes 3 channels")
                .hasMessageContaining("the input [2, 5, 5, 4] has 4 channels");
        assertThatThrownBy(() -> Tensor.zeros(2, 3, 28, 28).conv2d(Tensor.zeros(3, 3, 3, 8)))
                .hasMessageContaining("channels-first").hasMessageContaining("permute(0, 2, 3, 1)");
        assertThatThrownBy(() -> Tensor.zeros(2, 3, 3, 4).conv2dTranspose(Tensor.zeros(3, 3, 2, 5), D))
                .hasMessageContaining("conv2dTranspose").hasMessageContaining("takes 5 input channels");
    }

    @Test
    void transposedOutputPaddingAndSize() {
        assertThatThrownBy(() -> Tensor.zeros(1, 3, 3, 2).conv2dTranspose(Tensor.zeros(3, 3, 2, 2), D, 1, 0))
                .hasMessageContaining("output padding 1").hasMessageContaining("smaller than the stride (1)");
        assertThatThrownBy(() -> Tensor.zeros(1, 1, 1, 2).conv2dTranspose(Tensor.zeros(1, 1, 2, 2),
                D.padding(1, 1, 0, 0))).hasMessageContaining("the padding is too large");
    }
}
