package dev.neurona.onnx;

import dev.neurona.onnx.proto.Onnx.TensorProto;
import dev.neurona.tensor.Shape;
import dev.neurona.tensor.Tensor;

/**
 * A constant of an ONNX graph (an initializer, a {@code Constant} node's value or a folded
 * subexpression of such), kept as doubles with its ONNX element type so that integer axes and
 * float weights travel in one table; only {@link #toTensor} turns it into Neurona's float32.
 *
 * @param shape the ONNX dimensions ({@code []} for a scalar)
 * @param values the elements in row-major order
 * @param dataType the ONNX {@code TensorProto.DataType} number
 */
record ConstValue(int[] shape, double[] values, int dataType) {

    /** A float32 scalar. */
    static ConstValue scalar(double value) {
        return new ConstValue(new int[0], new double[] {(float) value}, TensorProto.DataType.FLOAT_VALUE);
    }

    /** Whether the elements are of a floating type (float, double, float16, bfloat16). */
    boolean floating() {
        return isFloating(dataType);
    }

    static boolean isFloating(int dataType) {
        return dataType == TensorProto.DataType.FLOAT_VALUE || dataType == TensorProto.DataType.DOUBLE_VALUE
                || dataType == TensorProto.DataType.FLOAT16_VALUE || dataType == TensorProto.DataType.BFLOAT16_VALUE;
    }

    /** Whether this holds exactly one element (a scalar or a tensor of shape [1], [1, 1], …). */
    boolean isSingle() {
        return values.length == 1;
    }

    /** The one element; callers check {@link #isSingle} first. */
    double single() {
        return values[0];
    }

    int size() {
        return values.length;
    }

    /** The elements as a float32 Neurona tensor (a scalar becomes shape [1]). */
    Tensor toTensor() {
        float[] data = new float[values.length];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) values[i];
        }
        return Tensor.of(data, shape.length == 0 ? new int[] {1} : shape);
    }

    /** The elements as longs, for axes and other integer attributes given as inputs. */
    long[] longs() {
        long[] out = new long[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (long) values[i];
        }
        return out;
    }

    @Override
    public String toString() {
        return TensorProto.DataType.forNumber(dataType) + Shape.toString(shape);
    }
}
