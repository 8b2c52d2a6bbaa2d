package dev.neurona.spark;

import dev.neurona.models.Model;
import dev.neurona.tensor.Tensor;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Batch inference on Spark: adds the model's outputs ({@code array<float>}, default column
 * "probability") and the predicted class ({@code int}, default column "prediction") to a
 * DataFrame. The model travels once per job as a broadcast {@code .nrn} file; each partition
 * predicts its rows in batches of {@link #batchSize} with {@link Model#predict(Tensor, int)}.
 * Any model of one input and one output that can be saved (Sequential or functional).
 *
 * <p>The class is the arg-max of the outputs, or for a single output the output rounded at 0.5
 * (a sigmoid); {@code predictionCol(null)} leaves the column out (regression). A null or
 * wrong-length feature fails with the column, partition and row.
 */
public final class SparkPredictor {

    private final Model model;
    private String featuresCol = "features";
    private String probabilityCol = "probability";
    private String predictionCol = "prediction";
    private int batchSize = 256;

    /**
     * A predictor for a built (or buildable) model.
     *
     * @throws IllegalArgumentException for null or a model of several inputs or outputs, naming the counts
     */
    public SparkPredictor(Model model) {
        this.model = SparkModels.requireSingle(model, "SparkPredictor");
    }

    /** The input column: an array of numbers or an ML Vector (default "features"). */
    public SparkPredictor featuresCol(String column) {
        this.featuresCol = column;
        return this;
    }

    /** The output column of the model's outputs (default "probability"). */
    public SparkPredictor probabilityCol(String column) {
        this.probabilityCol = column;
        return this;
    }

    /** The output column of the class, or {@code null} for none (default "prediction"). */
    public SparkPredictor predictionCol(String column) {
        this.predictionCol = column;
        return this;
    }

    /** Rows per forward pass (default 256). */
    public SparkPredictor batchSize(int batchSize) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("SparkPredictor: batch size must be positive, got " + batchSize);
        }
        this.batchSize = batchSize;
        return this;
    }

    /** {@code df} with the prediction columns appended (lazily: nothing runs until an action). */
    public Dataset<Row> transform(Dataset<Row> df) {
        StructType schema = df.schema();
        for (String c : new String[] {probabilityCol, predictionCol}) {
            if (c != null && List.of(schema.fieldNames()).contains(c)) {
                throw new IllegalArgumentException("SparkPredictor: the DataFrame has a column '" + c + "' already");
            }
        }
        Inputs.RowReader reader = new Inputs.RowReader(schema, featuresCol, null);
        int[] inputShape = SparkModels.buildInput(model, null);
        if (inputShape == null) {
            throw new IllegalStateException("SparkPredictor: the model is not built; build it or start it with input(…)");
        }
        int xDim = 1;
        for (int d : inputShape) {
            xDim *= d;
        }
        reader.xDim = xDim;
        StructType out = schema.add(probabilityCol, DataTypes.createArrayType(DataTypes.FloatType, false), false);
        if (predictionCol != null) {
            out = out.add(predictionCol, DataTypes.IntegerType, false);
        }
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(df.sparkSession().sparkContext());
        Broadcast<ModelShipment> ship = jsc.broadcast(ModelShipment.of(model, "SparkPredictor"));
        int batch = batchSize;
        boolean withClass = predictionCol != null;
        MapPartitionsFunction<Row, Row> predict = rows -> new Batches(rows, ship.value(), reader, inputShape, batch,
                withClass);
        return df.mapPartitions(predict, Encoders.row(out));
    }

    /** Predicts a partition's rows a batch at a time, lazily. */
    private static final class Batches implements Iterator<Row> {
        private final Iterator<Row> rows;
        private final ModelShipment ship;
        private final Inputs.RowReader reader;
        private final int[] inputShape;
        private final int batchSize;
        private final boolean withClass;
        private final int partition;
        private final List<Row> pending = new ArrayList<>();
        private Iterator<Row> ready = java.util.Collections.emptyIterator();
        private long index;
        private Model model;
        private float[] outputs = new float[0];   // a batch's predictions, copied out into this reused buffer

        Batches(Iterator<Row> rows, ModelShipment ship, Inputs.RowReader reader, int[] inputShape, int batchSize,
                boolean withClass) {
            this.rows = rows;
            this.ship = ship;
            this.reader = reader;
            this.inputShape = inputShape;
            this.batchSize = batchSize;
            this.withClass = withClass;
            org.apache.spark.TaskContext tc = org.apache.spark.TaskContext.get();
            this.partition = tc == null ? 0 : tc.partitionId();
        }

        @Override
        public boolean hasNext() {
            if (!ready.hasNext() && rows.hasNext()) {
                fill();
            }
            return ready.hasNext();
        }

        @Override
        public Row next() {
            if (!hasNext()) {
                throw new java.util.NoSuchElementException();
            }
            return ready.next();
        }

        private void fill() {
            pending.clear();
            while (rows.hasNext() && pending.size() < batchSize) {
                pending.add(rows.next());
            }
            int m = pending.size();
            float[] x = new float[m * reader.xDim];
            for (int i = 0; i < m; i++) {
                try {
                    reader.read(pending.get(i), index + i, x, i * reader.xDim, null, 0);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(e.getMessage() + " (row counted within partition " + partition
                            + ")", e);
                }
            }
            index += m;
            if (model == null) {
                model = ship.load();   // one model per task: forward passes reuse its buffers
            }
            int[] shape = new int[inputShape.length + 1];
            shape[0] = m;
            System.arraycopy(inputShape, 0, shape, 1, inputShape.length);
            Tensor y = model.predict(Tensor.wrap(x, shape), batchSize);
            int k = y.size() == 0 ? 0 : (int) (y.size() / m);
            if (outputs.length < y.size()) {
                outputs = new float[y.size()];
            }
            y.copyTo(outputs, 0);
            float[] out = outputs;
            List<Row> result = new ArrayList<>(m);
            for (int i = 0; i < m; i++) {
                Row row = pending.get(i);
                Object[] values = new Object[row.length() + (withClass ? 2 : 1)];
                for (int c = 0; c < row.length(); c++) {
                    values[c] = row.get(c);
                }
                float[] p = java.util.Arrays.copyOfRange(out, i * k, (i + 1) * k);
                Float[] boxed = new Float[k];
                for (int j = 0; j < k; j++) {
                    boxed[j] = p[j];
                }
                values[row.length()] = boxed;
                if (withClass) {
                    values[row.length() + 1] = predictedClass(p);
                }
                result.add(RowFactory.create(values));
            }
            ready = result.iterator();
        }
    }

    /** The arg-max, or for one output the output rounded at 0.5. */
    static int predictedClass(float[] p) {
        if (p.length == 1) {
            return p[0] > 0.5f ? 1 : 0;
        }
        int best = 0;
        for (int j = 1; j < p.length; j++) {
            if (p[j] > p[best]) {
                best = j;
            }
        }
        return best;
    }
}
