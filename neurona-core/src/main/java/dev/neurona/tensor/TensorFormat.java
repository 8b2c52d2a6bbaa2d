package dev.neurona.tensor;

import java.util.Locale;

/**
 * NumPy-like text for tensors: nested brackets, aligned values, and at most
 * {@value #EDGE} leading and trailing entries per dimension once a tensor has more than
 * {@value #THRESHOLD} elements.
 */
final class TensorFormat {

    static final int THRESHOLD = 1000;
    static final int EDGE = 3;

    private TensorFormat() {
    }

    static String format(Tensor t) {
        boolean truncate = t.array().length > THRESHOLD;
        boolean scientific = false;
        float maxAbs = 0f;
        for (float v : t.array()) {
            if (Float.isFinite(v)) {
                maxAbs = Math.max(maxAbs, Math.abs(v));
                scientific |= v != 0f && (Math.abs(v) < 1e-4f || Math.abs(v) >= 1e5f);
            }
        }
        int width = 0;
        for (float v : t.array()) {
            width = Math.max(width, value(v, scientific).length());
        }
        StringBuilder sb = new StringBuilder("tensor(");
        String indent = " ".repeat("tensor(".length());
        if (t.shape.length == 0) {
            sb.append(value(t.array()[0], scientific));
        } else {
            block(sb, t, 0, 0, width, scientific, truncate, indent);
        }
        sb.append(", shape=").append(Shape.toString(t.shape));
        if (t.requiresGrad) {
            sb.append(t.node == null ? ", requiresGrad=true" : ", op=" + t.node.op);
        }
        return sb.append(')').toString();
    }

    private static void block(StringBuilder sb, Tensor t, int dim, int offset, int width, boolean scientific,
                              boolean truncate, String indent) {
        int n = t.shape[dim];
        int stride = Shape.inner(t.shape, dim);
        sb.append('[');
        for (int i = 0; i < n; i++) {
            if (truncate && n > 2 * EDGE && i == EDGE) {
                sb.append(dim == t.shape.length - 1 ? "..., " : "...,\n" + indent + " ".repeat(dim + 1));
                i = n - EDGE - 1;
                continue;
            }
            if (dim == t.shape.length - 1) {
                String v = value(t.array()[offset + i], scientific);
                sb.append(" ".repeat(width - v.length())).append(v);
            } else {
                block(sb, t, dim + 1, offset + i * stride, width, scientific, truncate, indent);
            }
            if (i < n - 1) {
                sb.append(',');
                if (dim == t.shape.length - 1) {
                    sb.append(' ');
                } else {
                    sb.append("\n".repeat(t.shape.length - 1 - dim)).append(indent).append(" ".repeat(dim + 1));
                }
            }
        }
        sb.append(']');
    }

    /**
     * {@code v} as a short decimal for messages, the way a caller would write it:
     * {@code 0}, {@code 0.5}, {@code 1000000}, {@code 1e13}, {@code 1.5e-30}.
     */
    static String decimal(float v) {
        java.math.BigDecimal d = shortest(v);
        double a = Math.abs(v);
        if (a == 0 || (a >= 1e-4 && a < 1e7)) {
            return d.toPlainString();
        }
        return d.toString().toLowerCase(Locale.ROOT).replace("+", "");
    }

    /**
     * The decimal with the fewest digits that reads back as {@code v} (JDK 17's
     * {@code Float.toString(1e13f)} gives {@code 9.9999998E12}).
     */
    static java.math.BigDecimal shortest(float v) {
        java.math.BigDecimal exact = new java.math.BigDecimal(v);
        for (int digits = 1; digits < 9; digits++) {
            java.math.BigDecimal d = exact.round(new java.math.MathContext(digits));
            if (d.floatValue() == v) {
                return d.stripTrailingZeros();
            }
        }
        return exact.round(new java.math.MathContext(9)).stripTrailingZeros();
    }

    private static String value(float v, boolean scientific) {
        if (Float.isNaN(v)) {
            return "nan";
        }
        if (Float.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        return String.format(Locale.ROOT, scientific ? "%.4e" : "%.4f", v);
    }
}
