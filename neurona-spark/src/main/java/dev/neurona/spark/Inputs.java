package dev.neurona.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * Turns a DataFrame or an RDD of {@link Sample}s into cached {@link Block}s, checking every
 * value on the way: a missing column or one of the wrong type fails on the driver before any
 * job, and a null, a wrong length, a non-finite value or a label out of range fails with the
 * column and the row's index (its 0-based position in the input's order).
 */
final class Inputs {

    private Inputs() {
    }

    /** Reads one item into {@code x[xo..]} and {@code y[yo..]}. */
    interface Reader<T> extends Serializable {
        void read(T item, long row, float[] x, int xo, float[] y, int yo);

        /** The feature count of an item, to size a model that is not built yet. */
        int featureCount(T item, long row);
    }

    /** How a column holds its values. */
    enum Kind { SCALAR, ARRAY, VECTOR }

    /** The kind of {@code column} in {@code schema}, or a clear error. */
    static Kind kind(StructType schema, String column, String role, boolean scalarAllowed) {
        List<String> names = List.of(schema.fieldNames());
        if (!names.contains(column)) {
            throw new IllegalArgumentException("no " + role + " column '" + column + "' in the DataFrame; its columns are "
                    + names);
        }
        DataType type = schema.apply(column).dataType();
        if (type instanceof ArrayType a && a.elementType() instanceof NumericType) {
            return Kind.ARRAY;
        }
        if (type.equals(SQLDataTypes.VectorType())) {
            return Kind.VECTOR;
        }
        if (scalarAllowed && type instanceof NumericType) {
            return Kind.SCALAR;
        }
        throw new IllegalArgumentException(role + " column '" + column + "' has type " + type.simpleString()
                + "; expected " + (scalarAllowed ? "a number, " : "") + "an array of numbers or an ML Vector");
    }

    /** Reads the features and labels of DataFrame rows. */
    static final class RowReader implements Reader<Row> {
        private static final long serialVersionUID = 1L;
        final String featuresCol;
        final String labelCol;
        final int featuresIndex;
        final int labelIndex;
        final Kind featuresKind;
        final Kind labelKind;
        int xDim = -1;
        int yDim = -1;
        /** One-hot encode a scalar label into this many classes, or 0 to keep it. */
        int oneHot;

        RowReader(StructType schema, String featuresCol, String labelCol) {
            this.featuresCol = featuresCol;
            this.labelCol = labelCol;
            this.featuresKind = kind(schema, featuresCol, "features", false);
            this.featuresIndex = schema.fieldIndex(featuresCol);
            if (labelCol != null) {
                this.labelKind = kind(schema, labelCol, "label", true);
                this.labelIndex = schema.fieldIndex(labelCol);
            } else {
                this.labelKind = null;
                this.labelIndex = -1;
            }
        }

        @Override
        public int featureCount(Row row, long index) {
            return values(row, featuresIndex, featuresKind, featuresCol, index).length;
        }

        @Override
        public void read(Row row, long index, float[] x, int xo, float[] y, int yo) {
            copy(values(row, featuresIndex, featuresKind, featuresCol, index), xDim, featuresCol, index, x, xo);
            if (labelKind == null) {
                return;
            }
            double[] label = values(row, labelIndex, labelKind, labelCol, index);
            if (oneHot > 0 && labelKind == Kind.SCALAR) {
                double c = label[0];
                if (c != Math.rint(c) || c < 0 || c >= oneHot) {
                    throw new IllegalArgumentException("label column '" + labelCol + "', row " + index
                            + ": expected a class index in [0, " + oneHot + "), got " + c);
                }
                java.util.Arrays.fill(y, yo, yo + yDim, 0f);
                y[yo + (int) c] = 1f;
            } else {
                copy(label, yDim, labelCol, index, y, yo);
            }
        }

        private static double[] values(Row row, int i, Kind kind, String column, long index) {
            if (row == null) {
                throw new IllegalArgumentException("row " + index + " is null");
            }
            if (row.isNullAt(i)) {
                throw new IllegalArgumentException("column '" + column + "', row " + index + ": null");
            }
            switch (kind) {
                case SCALAR:
                    return new double[] {((Number) row.get(i)).doubleValue()};
                case VECTOR:
                    return ((Vector) row.get(i)).toArray();
                default:
                    List<Object> list = row.getList(i);
                    double[] out = new double[list.size()];
                    for (int k = 0; k < out.length; k++) {
                        Object v = list.get(k);
                        if (v == null) {
                            throw new IllegalArgumentException("column '" + column + "', row " + index + ": element "
                                    + k + " is null");
                        }
                        out[k] = ((Number) v).doubleValue();
                    }
                    return out;
            }
        }
    }

    /** Reads {@link Sample}s. */
    static final class SampleReader implements Reader<Sample> {
        private static final long serialVersionUID = 1L;
        int xDim = -1;
        int yDim = -1;

        @Override
        public int featureCount(Sample s, long index) {
            check(s, index);
            return s.features().length;
        }

        @Override
        public void read(Sample s, long index, float[] x, int xo, float[] y, int yo) {
            check(s, index);
            copy(s.features(), xDim, "features", index, x, xo);
            copy(s.label(), yDim, "label", index, y, yo);
        }

        private static void check(Sample s, long index) {
            if (s == null) {
                throw new IllegalArgumentException("row " + index + ": the sample is null");
            }
            if (s.features() == null || s.label() == null) {
                throw new IllegalArgumentException("row " + index + ": the sample's " + (s.features() == null
                        ? "features" : "label") + " are null");
            }
        }

        private static void copy(float[] v, int dim, String column, long index, float[] out, int offset) {
            double[] d = new double[v.length];
            for (int i = 0; i < v.length; i++) {
                d[i] = v[i];
            }
            Inputs.copy(d, dim, column, index, out, offset);
        }
    }

    static void copy(double[] values, int dim, String column, long index, float[] out, int offset) {
        if (values.length != dim) {
            throw new IllegalArgumentException("column '" + column + "', row " + index + ": expected " + dim
                    + " values, got " + values.length);
        }
        for (int k = 0; k < dim; k++) {
            double v = values[k];
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("column '" + column + "', row " + index + ": element " + k
                        + " is " + v);
            }
            out[offset + k] = (float) v;
        }
    }

    /** The rows of each partition, in partition order (one job). */
    static <T> long[] counts(JavaRDD<T> rdd) {
        List<Long> counts = rdd.mapPartitions((Iterator<T> it) -> {
            long n = 0;
            while (it.hasNext()) {
                it.next();
                n++;
            }
            return List.of(n).iterator();
        }).collect();
        long[] out = new long[counts.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = counts.get(i);
        }
        return out;
    }

    /**
     * One cached block per partition (materialized by a job here, so that input errors surface
     * now). {@code counts} are the partitions' sizes from {@link #counts}. With {@code truncate},
     * the blocks are local-checkpointed: later tasks no longer carry the input's lineage (whose
     * partitions hold all the data when it was parallelized from a driver-side collection), but
     * a lost executor's blocks cannot be recomputed.
     */
    static <T> JavaRDD<Block> blocks(JavaRDD<T> rdd, long[] counts, Reader<T> reader, int xDim, int yDim,
                                     boolean truncate) {
        long[] starts = new long[counts.length];
        for (int i = 1; i < counts.length; i++) {
            starts[i] = starts[i - 1] + counts[i - 1];
        }
        JavaRDD<Block> blocks = rdd.mapPartitionsWithIndex((Integer p, Iterator<T> it) -> {
            List<T> items = new ArrayList<>();
            it.forEachRemaining(items::add);
            int n = items.size();
            float[] x = new float[Math.multiplyExact(n, xDim)];
            float[] y = new float[Math.multiplyExact(n, yDim)];
            long start = starts[p];
            for (int i = 0; i < n; i++) {
                reader.read(items.get(i), start + i, x, i * xDim, y, i * yDim);
            }
            return List.of(new Block(start, n, xDim, yDim, x, y)).iterator();
        }, true).persist(StorageLevel.MEMORY_AND_DISK());
        if (truncate) {
            blocks.rdd().localCheckpoint();
        }
        try {
            call(blocks::count);
        } catch (RuntimeException e) {
            blocks.unpersist(false);
            throw e;
        }
        return blocks;
    }

    /** The DataFrame's rows as an RDD. */
    static JavaRDD<Row> rows(Dataset<Row> df) {
        return df.toJavaRDD();
    }

    /**
     * Runs a Spark action, turning a task's {@link IllegalArgumentException} (bad input, found
     * on an executor) back into one on the driver with the same message.
     */
    static <R> R call(java.util.function.Supplier<R> action) {
        try {
            return action.get();
        } catch (Exception e) {   // SparkException is checked but thrown through the Java API
            throw unwrap(e);
        }
    }

    static RuntimeException unwrap(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IllegalArgumentException iae) {
                return new IllegalArgumentException(iae.getMessage(), e);
            }
        }
        return e instanceof RuntimeException r ? r : new IllegalStateException("Spark job failed: " + e.getMessage(), e);
    }
}
