package dev.neurona.onnx;

import dev.neurona.onnx.proto.Onnx.AttributeProto;
import dev.neurona.onnx.proto.Onnx.NodeProto;
import dev.neurona.onnx.proto.Onnx.TensorProto.DataType;
import java.util.Arrays;
import java.util.List;

/**
 * Evaluates the constant parts of an ONNX graph: the values of {@code Constant} nodes and the
 * small elementwise subexpressions exporters build from them ({@code Div(1, Sqrt(2))},
 * {@code Cast}, {@code Neg}, …), so that importers see one constant where PyTorch wrote several
 * nodes. Anything else is left to the graph: folding never guesses.
 */
final class ConstantFolder {

    private ConstantFolder() {
    }

    /**
     * The value of a {@code Constant} node: its {@code value} tensor or its {@code value_float},
     * {@code value_floats}, {@code value_int} or {@code value_ints}.
     *
     * @throws OnnxImportException when it has none of these or more than one, or only a form
     *     Neurona does not read (sparse tensors, strings)
     */
    static ConstValue constantNode(ValueTable table, NodeProto node) {
        if (node.getAttributeCount() != 1) {
            throw table.refuse(node, "has " + node.getAttributeCount() + " attributes "
                    + node.getAttributeList().stream().map(AttributeProto::getName).toList()
                    + "; a Constant has exactly one value attribute");
        }
        AttributeProto a = node.getAttribute(0);
        int f = DataType.FLOAT_VALUE;
        int i64 = DataType.INT64_VALUE;
        return switch (a.getName()) {
            case "value" -> {
                if (!a.hasT()) {
                    throw table.refuse(node, "has a 'value' attribute without a tensor");
                }
                yield TensorReader.read(a.getT(), table.describe(node) + " value");
            }
            case "value_float" -> new ConstValue(new int[0], new double[] {a.getF()}, f);
            case "value_int" -> new ConstValue(new int[0], new double[] {a.getI()}, i64);
            case "value_floats" -> new ConstValue(new int[] {a.getFloatsCount()},
                    a.getFloatsList().stream().mapToDouble(Float::doubleValue).toArray(), f);
            case "value_ints" -> new ConstValue(new int[] {a.getIntsCount()},
                    a.getIntsList().stream().mapToDouble(Long::doubleValue).toArray(), i64);
            default -> throw table.refuse(node, "holds its value as '" + a.getName() + "'; Neurona reads value, "
                    + "value_float, value_floats, value_int and value_ints");
        };
    }

    /** The value of {@code node} applied to the constants {@code in}, or null when it is not folded. */
    static ConstValue fold(NodeProto node, List<ConstValue> in) {
        return switch (node.getOpType()) {
            case "Identity" -> in.size() == 1 ? in.get(0) : null;
            case "Neg" -> unary(in, v -> -v);
            case "Abs" -> unary(in, Math::abs);
            case "Sqrt" -> floatUnary(in, Math::sqrt);
            case "Reciprocal" -> floatUnary(in, v -> 1 / v);
            case "Cast" -> in.size() == 1 ? cast(in.get(0), (int) OnnxImport.attrInt(node, "to", -1)) : null;
            case "Add" -> binary(in, Double::sum);
            case "Sub" -> binary(in, (a, b) -> a - b);
            case "Mul" -> binary(in, (a, b) -> a * b);
            case "Div" -> binary(in, (a, b) -> a / b);
            case "Pow" -> in.size() == 2 && in.get(0).floating() ? binary(in, Math::pow) : null;
            default -> null;
        };
    }

    private static ConstValue unary(List<ConstValue> in, java.util.function.DoubleUnaryOperator f) {
        if (in.size() != 1) {
            return null;
        }
        ConstValue x = in.get(0);
        return new ConstValue(x.shape(), round(Arrays.stream(x.values()).map(f).toArray(), x.dataType()), x.dataType());
    }

    private static ConstValue floatUnary(List<ConstValue> in, java.util.function.DoubleUnaryOperator f) {
        return in.size() == 1 && in.get(0).floating() ? unary(in, f) : null;
    }

    private static ConstValue cast(ConstValue x, int to) {
        DataType type = DataType.forNumber(to);
        if (type == null || type == DataType.UNDEFINED || type == DataType.STRING || type == DataType.COMPLEX64
                || type == DataType.COMPLEX128) {
            return null;
        }
        double[] v = x.values().clone();
        if (type == DataType.BOOL) {
            v = Arrays.stream(v).map(d -> d != 0 ? 1 : 0).toArray();
        } else if (!ConstValue.isFloating(to)) {
            v = Arrays.stream(v).map(d -> d < 0 ? Math.ceil(d) : Math.floor(d)).toArray();
        }
        return new ConstValue(x.shape(), round(v, to), to);
    }

    /** Elementwise with NumPy broadcasting; integer division truncates, as ONNX's reference does. */
    private static ConstValue binary(List<ConstValue> in, java.util.function.DoubleBinaryOperator f) {
        if (in.size() != 2 || in.get(0).dataType() != in.get(1).dataType()) {
            return null;
        }
        ConstValue a = in.get(0);
        ConstValue b = in.get(1);
        int[] shape = broadcast(a.shape(), b.shape());
        if (shape == null) {
            return null;
        }
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        double[] out = new double[n];
        int[] index = new int[shape.length];
        boolean integral = !a.floating();
        for (int k = 0; k < n; k++) {
            double r = f.applyAsDouble(a.values()[offset(index, a.shape())], b.values()[offset(index, b.shape())]);
            out[k] = integral && Double.isFinite(r) ? (r < 0 ? Math.ceil(r) : Math.floor(r)) : r;
            for (int d = shape.length - 1; d >= 0 && ++index[d] == shape[d]; d--) {
                index[d] = 0;
            }
        }
        if (integral && Arrays.stream(out).anyMatch(v -> !Double.isFinite(v))) {
            return null; // an integer division by zero is left to the graph
        }
        return new ConstValue(shape, round(out, a.dataType()), a.dataType());
    }

    private static int[] broadcast(int[] a, int[] b) {
        int rank = Math.max(a.length, b.length);
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            int da = i < rank - a.length ? 1 : a[i - (rank - a.length)];
            int db = i < rank - b.length ? 1 : b[i - (rank - b.length)];
            if (da != db && da != 1 && db != 1) {
                return null;
            }
            out[i] = da == 1 ? db : da;
        }
        return out;
    }

    /** The flat offset into a tensor of {@code shape} of the broadcast index {@code index}. */
    private static int offset(int[] index, int[] shape) {
        int skip = index.length - shape.length;
        int off = 0;
        for (int d = 0; d < shape.length; d++) {
            off = off * shape[d] + (shape[d] == 1 ? 0 : index[d + skip]);
        }
        return off;
    }

    /** Float32 results are rounded to float32, as ONNX Runtime computes them. */
    private static double[] round(double[] v, int dataType) {
        if (dataType == DataType.FLOAT_VALUE) {
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) v[i];
            }
        }
        return v;
    }
}
