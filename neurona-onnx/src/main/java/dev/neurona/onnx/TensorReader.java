package dev.neurona.onnx;

import dev.neurona.onnx.proto.Onnx.TensorProto;
import dev.neurona.onnx.proto.Onnx.TensorProto.DataType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Decodes an ONNX {@code TensorProto} (typed fields or little-endian {@code raw_data}) into a
 * {@link ConstValue}, checking that the element count matches the dimensions, so that a
 * truncated or mistyped tensor is refused with its name instead of read past its end.
 */
final class TensorReader {

    /** Larger constants are refused: Neurona's tensors index with int. */
    private static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    private TensorReader() {
    }

    /**
     * The constant in {@code t}.
     *
     * @param what names the tensor in errors, such as {@code "initializer 'fc.weight'"}
     * @throws OnnxImportException for external data, strings, complex numbers or an element
     *     count that does not match the dimensions
     */
    static ConstValue read(TensorProto t, String what) {
        long count = 1;
        int[] shape = new int[t.getDimsCount()];
        for (int i = 0; i < shape.length; i++) {
            long d = t.getDims(i);
            if (d < 0 || d > MAX_ELEMENTS || (count *= d) > MAX_ELEMENTS) {
                throw new OnnxImportException(what + " has dimensions " + t.getDimsList() + "; each must be >= 0, "
                        + "with fewer than 2^31 elements in all");
            }
            shape[i] = (int) d;
        }
        if (t.getDataLocation() == TensorProto.DataLocation.EXTERNAL) {
            throw new OnnxImportException(what + " keeps its data in an external file; only embedded data is read");
        }
        int n = (int) count;
        int type = t.getDataType();
        DataType dt = DataType.forNumber(type);
        if (dt == null || dt == DataType.UNDEFINED || dt == DataType.STRING || dt == DataType.COMPLEX64
                || dt == DataType.COMPLEX128) {
            throw new OnnxImportException(what + " has data type " + (dt == null ? type : dt) + "; only numeric tensors are read");
        }
        double[] values = t.getRawData().isEmpty() ? typed(t, dt, n, what) : raw(t, dt, n, what);
        return new ConstValue(shape, values, type);
    }

    private static double[] raw(TensorProto t, DataType dt, int n, String what) {
        int width = switch (dt) {
            case DOUBLE, INT64, UINT64 -> 8;
            case FLOAT, INT32, UINT32 -> 4;
            case FLOAT16, BFLOAT16, INT16, UINT16 -> 2;
            default -> 1;
        };
        ByteBuffer b = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        if (b.remaining() != (long) n * width) {
            throw new OnnxImportException(what + " has " + b.remaining() + " bytes of raw data; " + dt + " of shape "
                    + t.getDimsList() + " needs " + (long) n * width);
        }
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = switch (dt) {
                case DOUBLE -> b.getDouble();
                case INT64 -> b.getLong();
                case UINT64 -> unsigned(b.getLong());
                case FLOAT -> b.getFloat();
                case INT32 -> b.getInt();
                case UINT32 -> Integer.toUnsignedLong(b.getInt());
                case FLOAT16 -> half(b.getShort());
                case BFLOAT16 -> Float.intBitsToFloat((b.getShort() & 0xffff) << 16);
                case INT16 -> b.getShort();
                case UINT16 -> b.getShort() & 0xffff;
                case INT8 -> b.get();
                default -> b.get() & 0xff; // UINT8, BOOL
            };
        }
        return out;
    }

    private static double[] typed(TensorProto t, DataType dt, int n, String what) {
        int available = switch (dt) {
            case FLOAT -> t.getFloatDataCount();
            case DOUBLE -> t.getDoubleDataCount();
            case INT64 -> t.getInt64DataCount();
            case UINT32, UINT64 -> t.getUint64DataCount();
            default -> t.getInt32DataCount();
        };
        if (available != n) {
            throw new OnnxImportException(what + " has " + available + " " + dt + " values; shape " + t.getDimsList()
                    + " needs " + n);
        }
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = switch (dt) {
                case FLOAT -> t.getFloatData(i);
                case DOUBLE -> t.getDoubleData(i);
                case INT64 -> t.getInt64Data(i);
                case UINT32, UINT64 -> unsigned(t.getUint64Data(i));
                case FLOAT16 -> half((short) t.getInt32Data(i));
                case BFLOAT16 -> Float.intBitsToFloat((t.getInt32Data(i) & 0xffff) << 16);
                default -> t.getInt32Data(i);
            };
        }
        return out;
    }

    /** IEEE 754 binary16 to float (Java 17 has no {@code Float.float16ToFloat}). */
    static float half(short bits) {
        int sign = (bits & 0x8000) != 0 ? -1 : 1;
        int exponent = (bits >> 10) & 0x1f;
        int mantissa = bits & 0x3ff;
        if (exponent == 0x1f) {
            return mantissa == 0 ? sign * Float.POSITIVE_INFINITY : Float.NaN;
        }
        if (exponent == 0) {
            return sign * mantissa * 0x1p-24f;
        }
        return sign * (1 + mantissa / 1024f) * (float) Math.pow(2, exponent - 15);
    }

    private static double unsigned(long v) {
        return v >= 0 ? v : (v >>> 1) * 2.0 + (v & 1);
    }
}
