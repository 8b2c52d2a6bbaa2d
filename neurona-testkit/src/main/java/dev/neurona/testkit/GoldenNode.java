package dev.neurona.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.neurona.tensor.Tensor;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * A JSON object from a golden file (a case, or an object nested in one) with typed
 * accessors. Every accessor names the file, case and field when the field is missing or
 * has the wrong form.
 */
public final class GoldenNode {

    private final String where;
    private final JsonNode json;

    GoldenNode(String where, JsonNode json) {
        if (!json.isObject()) {
            throw new IllegalStateException(where + ": expected a JSON object, got " + json.getNodeType());
        }
        this.where = where;
        this.json = json;
    }

    /** The {@code name} field (every case has one), or where this node sits for nested objects. */
    public String name() {
        return json.has("name") ? json.get("name").asText() : where;
    }

    /** Whether the field exists (and is not JSON null). */
    public boolean has(String field) {
        return json.hasNonNull(field);
    }

    /** The field names in file order. */
    public List<String> fields() {
        List<String> names = new ArrayList<>();
        json.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** A string field. */
    public String string(String field) {
        JsonNode n = field(field);
        if (!n.isTextual()) {
            throw wrong(field, "a string", n);
        }
        return n.asText();
    }

    /** A boolean field. */
    public boolean bool(String field) {
        JsonNode n = field(field);
        if (!n.isBoolean()) {
            throw wrong(field, "a boolean", n);
        }
        return n.asBoolean();
    }

    /** A number field. */
    public double number(String field) {
        JsonNode n = field(field);
        if (!n.isNumber()) {
            throw wrong(field, "a number", n);
        }
        return n.asDouble();
    }

    /** An integer field. */
    public int integer(String field) {
        JsonNode n = field(field);
        if (!n.isIntegralNumber()) {
            throw wrong(field, "an integer", n);
        }
        return n.asInt();
    }

    /** A flat list of numbers. */
    public double[] vector(String field) {
        return numbers(field, field(field));
    }

    /** A list of equally long lists of numbers. */
    public double[][] matrix(String field) {
        JsonNode n = field(field);
        if (!n.isArray() || n.isEmpty()) {
            throw wrong(field, "a non-empty list of lists", n);
        }
        double[][] rows = new double[n.size()][];
        for (int r = 0; r < rows.length; r++) {
            rows[r] = numbers(field + "[" + r + "]", n.get(r));
            if (rows[r].length != rows[0].length) {
                throw new IllegalStateException(where + ": field '" + field + "' is ragged: row " + r + " has "
                        + rows[r].length + " values, row 0 has " + rows[0].length);
            }
        }
        return rows;
    }

    /** A flat list of integers. */
    public int[] ints(String field) {
        JsonNode n = field(field);
        if (!n.isArray()) {
            throw wrong(field, "a list of integers", n);
        }
        int[] out = new int[n.size()];
        for (int i = 0; i < out.length; i++) {
            if (!n.get(i).isIntegralNumber()) {
                throw wrong(field + "[" + i + "]", "an integer", n.get(i));
            }
            out[i] = n.get(i).asInt();
        }
        return out;
    }

    /** A list of lists of integers (rows may differ in length, as {@code kink_indices}). */
    public int[][] intRows(String field) {
        JsonNode n = field(field);
        if (!n.isArray()) {
            throw wrong(field, "a list of lists of integers", n);
        }
        int[][] out = new int[n.size()][];
        for (int r = 0; r < out.length; r++) {
            JsonNode row = n.get(r);
            if (!row.isArray()) {
                throw wrong(field + "[" + r + "]", "a list of integers", row);
            }
            out[r] = new int[row.size()];
            for (int i = 0; i < out[r].length; i++) {
                out[r][i] = row.get(i).asInt();
            }
        }
        return out;
    }

    /** The shape of a number or nested rectangular list ({@code []} for a number). */
    public int[] shape(String field) {
        return shapeOf(field, field(field));
    }

    /** A number or nested rectangular list of numbers of any depth, flattened row-major. */
    public double[] flat(String field) {
        JsonNode n = field(field);
        int[] shape = shapeOf(field, n);
        int size = 1;
        for (int d : shape) {
            size *= d;
        }
        double[] out = new double[size];
        int[] at = {0};
        flatten(field, n, shape, 0, out, at);
        return out;
    }

    /** A number or nested rectangular list as a float32 tensor of its shape (a scalar for a number). */
    public Tensor tensor(String field) {
        double[] values = flat(field);
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) values[i];
        }
        int[] shape = shape(field);
        return shape.length == 0 ? Tensor.scalar(f[0]) : Tensor.of(f, shape);
    }

    /** A nested object, such as {@code params}. */
    public GoldenNode object(String field) {
        return new GoldenNode(where + "." + field, field(field));
    }

    /** A list of objects, such as {@code layers}. */
    public List<GoldenNode> objects(String field) {
        JsonNode n = field(field);
        if (!n.isArray()) {
            throw wrong(field, "a list of objects", n);
        }
        List<GoldenNode> out = new ArrayList<>();
        for (int i = 0; i < n.size(); i++) {
            out.add(new GoldenNode(where + "." + field + "[" + i + "]", n.get(i)));
        }
        return out;
    }

    /** The underlying Jackson node, for anything the typed accessors do not cover. */
    public JsonNode json() {
        return json;
    }

    @Override
    public String toString() {
        return where;
    }

    private JsonNode field(String field) {
        JsonNode n = json.get(field);
        if (n == null || n.isNull()) {
            throw new IllegalStateException(where + ": no field '" + field + "'; fields are " + fields());
        }
        return n;
    }

    private double[] numbers(String field, JsonNode n) {
        if (!n.isArray()) {
            throw wrong(field, "a list of numbers", n);
        }
        double[] out = new double[n.size()];
        for (int i = 0; i < out.length; i++) {
            if (!n.get(i).isNumber()) {
                throw wrong(field + "[" + i + "]", "a number", n.get(i));
            }
            out[i] = n.get(i).asDouble();
        }
        return out;
    }

    private int[] shapeOf(String field, JsonNode n) {
        List<Integer> dims = new ArrayList<>();
        JsonNode cur = n;
        while (cur.isArray()) {
            if (cur.isEmpty()) {
                throw wrong(field, "a non-empty nested list", n);
            }
            dims.add(cur.size());
            cur = cur.get(0);
        }
        if (!cur.isNumber()) {
            throw wrong(field, "numbers or nested lists of numbers", n);
        }
        return dims.stream().mapToInt(Integer::intValue).toArray();
    }

    private void flatten(String field, JsonNode n, int[] shape, int depth, double[] out, int[] at) {
        if (depth == shape.length) {
            if (!n.isNumber()) {
                throw wrong(field, "a rectangular nested list of numbers", n);
            }
            out[at[0]++] = n.asDouble();
            return;
        }
        if (!n.isArray() || n.size() != shape[depth]) {
            throw new IllegalStateException(where + ": field '" + field + "' is not rectangular: expected "
                    + shape[depth] + " entries at depth " + depth + ", got " + (n.isArray() ? n.size() : n.getNodeType()));
        }
        for (Iterator<JsonNode> it = n.elements(); it.hasNext(); ) {
            flatten(field, it.next(), shape, depth + 1, out, at);
        }
    }

    private IllegalStateException wrong(String field, String expected, JsonNode got) {
        return new IllegalStateException(where + ": field '" + field + "' should be " + expected + ", got "
                + got.getNodeType());
    }
}
