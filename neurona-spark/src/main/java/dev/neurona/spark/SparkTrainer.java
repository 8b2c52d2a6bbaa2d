package dev.neurona.spark;

import dev.neurona.metrics.Metric;
import dev.neurona.models.Model;
import dev.neurona.optim.Optimizer;
import dev.neurona.tensor.Parameter;
import dev.neurona.tensor.Seeds;
import dev.neurona.train.Callback;
import dev.neurona.train.Evaluation;
import dev.neurona.train.Fit;
import dev.neurona.train.History;
import dev.neurona.train.ProgressBar;
import dev.neurona.train.TrainStep;
import dev.neurona.train.RunContext;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;

/**
 * Data-parallel training of a compiled {@link Model} of one input and one output (Sequential or
 * functional) on Spark: the driver keeps the model,
 * the optimizer, the epochs, callbacks, {@link History} and the progress bar; the executors
 * compute on cached partitions of the data with the same {@link TrainStep} as local training.
 *
 * <pre>{@code
 * History h = new SparkTrainer(model).featuresCol("features").labelCol("label")
 *         .fit(df, Fit.epochs(10).batchSize(64));
 * }</pre>
 *
 * <p><b>Global batches.</b> Every row has a global index: its position in the input's order
 * (partition by partition). Each epoch's order is {@code Trainer.epochOrder(n, shuffle,
 * Seeds.derive(shuffleSeed, optimizer.iterations()))}, exactly as the local fit loop draws it,
 * and global batch {@code b} is the indices {@code order[b·B .. (b+1)·B)}. The partitions own
 * consecutive index ranges, so each takes the batch's indices that fall in its range (in batch
 * order): its share. With {@link Strategy#SYNCHRONOUS} every step sums the shares' gradients
 * (each share's mean gradient times its size, the loss being a batch mean) and the driver applies
 * their mean: the update of the local step on the same batch, so the same seed and batch size
 * give the same weights as {@code model.fit} up to the order of floating-point sums, whatever the
 * partitioning. Only the epoch's seed travels; executors recompute the permutation.
 *
 * <p>A validation split takes the last rows by global index, as Keras; callbacks see a
 * {@link dev.neurona.train.TrainingContext} that saves the model through {@link Model#saver()}. Not
 * supported: layers whose training pass draws random numbers (dropout) give each partition its
 * own stream, so they train correctly but not identically to a local run.
 */
public final class SparkTrainer {

    private final Model model;
    private String featuresCol = "features";
    private String labelCol = "label";
    private Strategy strategy = Strategy.SYNCHRONOUS;
    private int averagingPeriod = 8;
    private int treeDepth = 2;
    private boolean localCheckpoint;
    private TaskHook hook;

    /**
     * A trainer for {@code model}, which must be compiled before {@code fit}. Any model that can
     * be saved (it travels to the executors as its model file) and has one input and one output.
     *
     * @throws IllegalArgumentException for null or a model of several inputs or outputs, naming the counts
     */
    public SparkTrainer(Model model) {
        this.model = SparkModels.requireSingle(model, "SparkTrainer");
    }

    /** The DataFrame column of features: an array of numbers or an ML Vector (default "features"). */
    public SparkTrainer featuresCol(String column) {
        this.featuresCol = requireName(column, "featuresCol");
        return this;
    }

    /**
     * The DataFrame column of targets (default "label"): a number (one-hot encoded into the
     * model's outputs when the loss is categorical cross-entropy or hinge), or an array/Vector.
     */
    public SparkTrainer labelCol(String column) {
        this.labelCol = requireName(column, "labelCol");
        return this;
    }

    /** {@link Strategy#SYNCHRONOUS} (the default) or {@link Strategy#PARAMETER_AVERAGING}. */
    public SparkTrainer strategy(Strategy strategy) {
        if (strategy == null) {
            throw new IllegalArgumentException("SparkTrainer: strategy must not be null");
        }
        this.strategy = strategy;
        return this;
    }

    /** Parameter averaging every {@code k} global batches (sets the strategy). */
    public SparkTrainer parameterAveraging(int k) {
        if (k <= 0) {
            throw new IllegalArgumentException("SparkTrainer: the averaging period must be positive, got " + k);
        }
        this.strategy = Strategy.PARAMETER_AVERAGING;
        this.averagingPeriod = k;
        return this;
    }

    /** The depth of {@code treeAggregate} (default 2). */
    public SparkTrainer treeDepth(int depth) {
        if (depth < 1) {
            throw new IllegalArgumentException("SparkTrainer: tree depth must be at least 1, got " + depth);
        }
        this.treeDepth = depth;
        return this;
    }

    /**
     * Whether to cut the cached training blocks off the input's lineage (default false). Turn it
     * on for data parallelized from a driver-side collection ({@code jsc.parallelize},
     * {@code createDataFrame(List, …)}), whose partitions hold the data itself and would otherwise
     * travel with every task of every step; leave it off for data read from files, so that the
     * blocks of a lost executor can be rebuilt from the source.
     */
    public SparkTrainer localCheckpoint(boolean localCheckpoint) {
        this.localCheckpoint = localCheckpoint;
        return this;
    }

    /** For tests: runs in every training task before its work. */
    SparkTrainer taskHook(TaskHook hook) {
        this.hook = hook;
        return this;
    }

    private static String requireName(String column, String what) {
        if (column == null || column.isBlank()) {
            throw new IllegalArgumentException("SparkTrainer: " + what + " must name a column");
        }
        return column;
    }

    // ---------------------------------------------------------------- entry points

    /** Trains on a DataFrame with the features and label columns; see {@link Fit} for the options. */
    public History fit(org.apache.spark.sql.Dataset<Row> df, Fit fit) {
        Inputs.RowReader reader = new Inputs.RowReader(df.schema(), featuresCol, labelCol);
        return fit(Inputs.rows(df), reader, fit);
    }

    /** Trains on samples; see {@link Fit} for the options. */
    public History fit(JavaRDD<Sample> samples, Fit fit) {
        return fit(samples, new Inputs.SampleReader(), fit);
    }

    /** The loss and metrics of the model on a DataFrame, computed on the executors: {@code {loss=…, accuracy=…}}. */
    public Map<String, Double> evaluate(org.apache.spark.sql.Dataset<Row> df, int batchSize) {
        Inputs.RowReader reader = new Inputs.RowReader(df.schema(), featuresCol, labelCol);
        Run<Row> run = new Run<>(Inputs.rows(df), reader, null);
        try {
            return run.jobs.evaluate(0, run.n, batchSize);
        } finally {
            run.close();
        }
    }

    private <T> History fit(JavaRDD<T> rdd, Inputs.Reader<T> reader, Fit fit) {
        if (fit == null) {
            throw new IllegalArgumentException("SparkTrainer.fit: options must not be null, e.g. Fit.epochs(10)");
        }
        Run<T> run = new Run<>(rdd, reader, fit);
        try {
            return run.train();
        } finally {
            run.close();
        }
    }

    // ---------------------------------------------------------------- one run

    /** The state of one fit or evaluate call: cached blocks, broadcasts, driver-side metrics. */
    private final class Run<T> {
        final JavaSparkContext jsc;
        final JavaRDD<Block> blocks;
        final int n;
        final int[] inputShape;
        final int yDim;
        final Fit fit;
        final Broadcast<ModelShipment> ship;
        final List<Metric> metrics;
        final PartitionJobs jobs;

        Run(JavaRDD<T> rdd, Inputs.Reader<T> reader, Fit fit) {
            if (!model.isCompiled()) {
                throw new IllegalStateException("SparkTrainer: the model is not compiled; call compile(optimizer, loss, "
                        + "metrics...) first");
            }
            this.fit = fit;
            this.jsc = JavaSparkContext.fromSparkContext(rdd.context());
            List<T> first = Inputs.call(() -> rdd.take(1));
            if (first.isEmpty()) {
                throw new IllegalArgumentException("SparkTrainer: the training data is empty");
            }
            T head = first.get(0);
            inputShape = inputShape(reader.featureCount(head, 0));
            int xDim = Math.toIntExact(Arrays.stream(inputShape).asLongStream().reduce(1, (a, b) -> a * b));
            yDim = labelDim(reader, head, xDim);
            long[] counts = Inputs.counts(rdd);
            long total = Arrays.stream(counts).sum();
            if (total > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("SparkTrainer: " + total + " rows; at most " + Integer.MAX_VALUE
                        + " are supported (one epoch order is an int array)");
            }
            n = (int) total;
            blocks = Inputs.blocks(rdd, counts, reader, xDim, yDim, localCheckpoint);
            ship = jsc.broadcast(ModelShipment.of(model, "SparkTrainer"));
            metrics = ship.value().metrics(model, targetShape());
            jobs = new PartitionJobs(jsc, model, blocks, ship, inputShape, yDim, fit, treeDepth, hook);
        }

        int[] targetShape() {
            return new int[] {1, yDim};
        }

        private int[] inputShape(int featureCount) {
            return SparkModels.buildInput(model, new int[] {featureCount});
        }

        private int labelDim(Inputs.Reader<T> reader, T head, int xDim) {
            if (reader instanceof Inputs.RowReader r) {
                r.xDim = xDim;
                int outputs = SparkModels.outputSize(model);
                if (r.labelKind == Inputs.Kind.SCALAR) {
                    String loss = model.loss().name();
                    boolean oneHot = outputs > 1 && (loss.equals("categorical_crossentropy")
                            || loss.equals("categorical_hinge"));
                    r.oneHot = oneHot ? outputs : 0;
                    r.yDim = oneHot ? outputs : 1;
                } else if (r.labelKind != null) {
                    r.yDim = -1;   // from the first row
                    Row row = (Row) head;
                    int i = r.labelIndex;
                    r.yDim = row.isNullAt(i) ? outputs : r.labelKind == Inputs.Kind.VECTOR
                            ? ((org.apache.spark.ml.linalg.Vector) row.get(i)).size() : row.getList(i).size();
                } else {
                    r.yDim = 0;
                }
                return r.yDim;
            }
            Inputs.SampleReader s = (Inputs.SampleReader) reader;
            s.xDim = xDim;
            Sample sample = (Sample) head;
            s.yDim = sample == null || sample.label() == null ? 1 : sample.label().length;
            return s.yDim;
        }

        void close() {
            blocks.unpersist(false);
            ship.destroy();
        }

        // ------------------------------------------------------------ training

        History train() {
            Optimizer optimizer = model.optimizer();
            int initialEpoch = fit.initialEpoch();
            int nTrain = n;
            if (fit.validationSplit() > 0) {
                nTrain = (int) Math.floor(n * (1 - fit.validationSplit()));
                if (nTrain <= 0 || nTrain >= n) {
                    throw new IllegalArgumentException("fit: a validation split of " + fit.validationSplit() + " of "
                            + n + " samples leaves an empty training or validation set");
                }
            }
            int batch = fit.batchSize();
            int steps = (nTrain + batch - 1) / batch;
            // the shuffling seed of Model.fit: the Fit's, or stream 1 of the model's seed
            long shuffleSeed = fit.seed() != null ? fit.seed() : Seeds.derive(model.seed(), 1);
            TrainStep driverStep = new TrainStep(model, model.loss(), optimizer, metrics);
            RunContext context = new RunContext(model, model.optimizer(), model.saver(), fit.epochs(), steps, initialEpoch);
            ProgressBar bar = ProgressBar.standard(fit.verbose());
            History history = new History();
            List<Callback> callbacks = fit.callbacks();
            long round = 0;

            callbacks.forEach(c -> c.onTrainBegin(context));
            for (int epoch = initialEpoch; epoch < fit.epochs() && !context.stopRequested(); epoch++) {
                for (Callback c : callbacks) {
                    c.onEpochBegin(epoch, context);
                }
                Broadcast<EpochPlan> plan = jsc.broadcast(new EpochPlan(nTrain, fit.shuffle(),
                        Seeds.derive(shuffleSeed, optimizer.iterations())));
                metrics.forEach(Metric::reset);
                bar.epochBegin(epoch, fit.epochs(), steps);
                double lossSum = 0;
                long seen = 0;
                Map<String, Double> logs = Map.of();
                int period = strategy == Strategy.SYNCHRONOUS ? 1 : averagingPeriod;
                for (int b = 0; b < steps && !context.stopRequested(); b += period) {
                    int last = Math.min(steps, b + period);
                    Partial result = strategy == Strategy.SYNCHRONOUS
                            ? jobs.gradientStep(plan, b, nTrain, round)
                            : jobs.averagingRound(plan, b, last, nTrain, round);
                    round++;
                    if (strategy == Strategy.SYNCHRONOUS) {
                        driverStep.applyGradients(result.mean(), 1f);
                    } else {
                        applyAverage(result, optimizer, last - b);
                    }
                    for (double[][] states : result.metricStates) {
                        for (int i = 0; i < metrics.size(); i++) {
                            metrics.get(i).merge(states[i]);
                        }
                    }
                    lossSum += result.lossSum;
                    seen += result.count;
                    logs = logs(metrics, lossSum / seen);
                    bar.batchEnd(last, logs);
                    for (int s = b; s < last; s++) {
                        for (Callback c : callbacks) {
                            c.onBatchEnd(s, logs, context);
                        }
                    }
                }
                plan.destroy();
                Map<String, Double> epochLogs = new LinkedHashMap<>(logs);
                if (nTrain < n) {
                    jobs.evaluate(nTrain, n, batch).forEach((k, v) -> epochLogs.put("val_" + k, v));
                } else if (fit.validationData() != null) {
                    List<Metric> val = ship.value().metrics(model, targetShape());
                    Evaluation.evaluate(model, model.loss(), val, fit.validationData(), batch)
                            .forEach((k, v) -> epochLogs.put("val_" + k, v));
                }
                context.finishEpoch(epoch, epochLogs, history, bar, callbacks);
            }
            context.finishRun(history, bar, callbacks);
            model.epochsCompleted(initialEpoch + history.epochCount());
            return history;
        }

        /** Puts the averaged weights and optimizer slots into the driver's model. */
        private void applyAverage(Partial result, Optimizer optimizer, int stepsTaken) {
            float[] mean = result.mean();
            int offset = 0;
            for (Parameter p : model.parameters()) {
                p.assign(mean, offset);
                offset += p.size();
            }
            Map<String, float[]> state = new LinkedHashMap<>();
            long iterations = optimizer.iterations() + stepsTaken;
            state.put("iterations", iterations < (1 << 24) ? new float[] {iterations}
                    : new float[] {iterations % (1 << 24), iterations / (1 << 24)});
            for (int k = 0; k < result.stateKeys.length; k++) {
                int size = result.stateSizes[k];
                state.put(result.stateKeys[k], Arrays.copyOfRange(mean, offset, offset + size));
                offset += size;
            }
            optimizer.loadState(state);
        }
    }

    static Map<String, Double> logs(List<Metric> metrics, double meanLoss) {
        Map<String, Double> logs = new LinkedHashMap<>();
        logs.put("loss", meanLoss);
        for (Metric m : metrics) {
            logs.put(m.name(), m.result());
        }
        return Collections.unmodifiableMap(logs);
    }

}
