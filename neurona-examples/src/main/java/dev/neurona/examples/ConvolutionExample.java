package dev.neurona.examples;

import static dev.neurona.nn.Layers.conv2d;
import static dev.neurona.nn.Layers.input;

import dev.neurona.nn.Conv2D;
import dev.neurona.models.Sequential;
import dev.neurona.tensor.Tensor;
import java.util.Locale;

/**
 * One convolution, by hand and by the layer: a 5×5 image, dark on the left and bright on the
 * right, slid under a 3×3 vertical-edge kernel (Sobel's, without the weights 2). Each output
 * cell is the sum of the nine products of the kernel with the image patch under it, so the 3×3
 * result is large where the patch straddles the edge and zero where the image is flat.
 *
 * <p>Then the same with {@code conv2d(1, 3)} (one filter, no bias) whose kernel is set to the
 * same nine numbers: the layer computes exactly the loops above (as Keras and PyTorch, a
 * cross-correlation: the kernel is not flipped), on channels-last images {@code [1, 5, 5, 1]}.
 */
public final class ConvolutionExample {

    static final float[][] IMAGE = {
            {0, 0, 0, 1, 1},
            {0, 0, 0, 1, 1},
            {0, 0, 0, 1, 1},
            {0, 0, 1, 1, 1},
            {0, 0, 1, 1, 1}};

    static final float[][] KERNEL = {
            {-1, 0, 1},
            {-1, 0, 1},
            {-1, 0, 1}};

    private ConvolutionExample() {
    }

    public static void main(String[] args) {
        System.out.println("Image (5x5):");
        print(IMAGE);
        System.out.println("Kernel (3x3, vertical edges):");
        print(KERNEL);

        // by hand: out[i][j] = sum over r, c of image[i + r][j + c] * kernel[r][c]  ('valid': 5 - 3 + 1 = 3)
        float[][] byHand = new float[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                float sum = 0;
                for (int r = 0; r < 3; r++) {
                    for (int c = 0; c < 3; c++) {
                        sum += IMAGE[i + r][j + c] * KERNEL[r][c];
                    }
                }
                byHand[i][j] = sum;
            }
        }
        System.out.println("By hand (3x3):");
        print(byHand);

        // the layer: one filter, no bias, its kernel [3, 3, 1, 1] set to the same numbers
        Conv2D layer = conv2d(1, 3).useBias(false);
        Sequential model = new Sequential(input(5, 5, 1), layer);
        model.build(5, 5, 1);
        layer.kernel().assign(Tensor.of(flat(KERNEL), 3, 3, 1, 1));
        Tensor out = model.predict(Tensor.of(flat(IMAGE), 1, 5, 5, 1));   // [1, 3, 3, 1]
        float[][] byLayer = new float[3][3];
        double maxDiff = 0;
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                byLayer[i][j] = out.get(0, i, j, 0);
                maxDiff = Math.max(maxDiff, Math.abs(byLayer[i][j] - byHand[i][j]));
            }
        }
        System.out.println("conv2d(1, 3) layer (3x3):");
        print(byLayer);
        System.out.printf(Locale.ROOT, "largest difference: %.1e%n", maxDiff);
        System.out.println(maxDiff < 1e-6 ? "OK: the loops and the conv2d layer agree"
                : "MISMATCH: the loops and the conv2d layer differ");
    }

    static float[] flat(float[][] rows) {
        float[] out = new float[rows.length * rows[0].length];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, out, i * rows[0].length, rows[0].length);
        }
        return out;
    }

    static void print(float[][] grid) {
        for (float[] row : grid) {
            StringBuilder sb = new StringBuilder();
            for (float v : row) {
                sb.append(String.format(Locale.ROOT, "%5.1f", v));
            }
            System.out.println(sb);
        }
    }
}
