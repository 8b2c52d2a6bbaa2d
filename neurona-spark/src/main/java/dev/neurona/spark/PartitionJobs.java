package dev.neurona.spark;

import dev.neurona.data.Dataset;
import dev.neurona.metrics.Metric;
import dev.neurona.models.Model;
import dev.neurona.optim.Optimizer;
import dev.neurona.tensor.Parameter;
import dev.neurona.tensor.Tensor;
import dev.neurona.train.Checks;
import dev.neurona.train.Evaluation;
import dev.neurona.train.Fit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * The Spark jobs of one {@link SparkTrainer} run over its cached {@link Block}s, each one
 * {@code treeAggregate} of {@link Partial}s: a synchronous gradient step, a parameter-averaging
 * round and an evaluation. The driver's loop decides what to do with the results; the lambdas
 * here capture only serializable values (broadcasts, arrays, numbers), never this object.
 */
final class PartitionJobs {

    private final JavaSparkContext jsc;
    private final Model model;
    private final JavaRDD<Block> blocks;
    private final Broadcast<ModelShipment> ship;
    private final int[] inputShape;
    private final int yDim;
    private final Fit fit;
    private final int treeDepth;
    private final TaskHook hook;

    /** {@code fit} is null for an evaluation-only run. */
    PartitionJobs(JavaSparkContext jsc, Model model, JavaRDD<Block> blocks, Broadcast<ModelShipment> ship,
            int[] inputShape, int yDim, Fit fit, int treeDepth, TaskHook hook) {
        this.jsc = jsc;
        this.model = model;
        this.blocks = blocks;
        this.ship = ship;
        this.inputShape = inputShape;
        this.yDim = yDim;
        this.fit = fit;
        this.treeDepth = treeDepth;
        this.hook = hook;
    }

    private int[] targetShape() {
        return new int[] {1, yDim};
    }

    /** One synchronous step: the gradient sums of global batch {@code b}'s shares. */
    Partial gradientStep(Broadcast<EpochPlan> plan, int b, int nTrain, long round) {
        int lo = b * fit.batchSize();
        int hi = Math.min(nTrain, lo + fit.batchSize());
        Broadcast<float[][]> weights = jsc.broadcast(ModelShipment.weightsOf(model));
        try {
            Broadcast<ModelShipment> s = ship;
            int[] shape = inputShape;
            int[] target = targetShape();
            Map<Integer, Double> classWeight = fit.classWeight();
            TaskHook h = hook;
            Partial result = Inputs.call(() -> blocks.treeAggregate(new Partial(), (acc, block) -> {
                int[] rows = share(plan.value().order(), lo, hi, block);
                if (rows.length == 0) {
                    return acc;
                }
                if (h != null) {
                    h.beforeTask(round, block.start);
                }
                ModelShipment.Worker w = s.value().borrow(target);
                w.setWeights(weights.value());
                w.resetMetrics();
                Tensor[] xy = gather(block, rows, shape);
                Tensor sw = classWeight == null ? null : Checks.classWeights(xy[1], classWeight);
                float loss = w.step.computeGradients(xy[0], xy[1], sw, w.gradient, rows.length);
                Partial p = Partial.of(w.gradient.clone(), (double) loss * rows.length, rows.length,
                        w.metricStates());
                s.value().release(w);
                return acc.merge(p);
            }, Partial::merge, treeDepth));
            if (result.isEmpty()) {
                throw new IllegalStateException("SparkTrainer: global batch " + b + " reached no partition");
            }
            return result;
        } finally {
            weights.destroy();
        }
    }

    /** One averaging round over global batches {@code [b, last)}: averaged weights and optimizer slots. */
    Partial averagingRound(Broadcast<EpochPlan> plan, int b, int last, int nTrain, long round) {
        Optimizer optimizer = model.optimizer();
        Broadcast<float[][]> weights = jsc.broadcast(ModelShipment.weightsOf(model));
        Broadcast<Map<String, float[]>> state = jsc.broadcast(optimizer.exportState());
        Double lr = optimizer.schedule() == null ? optimizer.learningRate() : null;
        try {
            Broadcast<ModelShipment> s = ship;
            int[] shape = inputShape;
            int[] target = targetShape();
            int batch = fit.batchSize();
            Map<Integer, Double> classWeight = fit.classWeight();
            TaskHook h = hook;
            Partial result = Inputs.call(() -> blocks.treeAggregate(new Partial(), (acc, block) -> {
                int[] order = plan.value().order();
                ModelShipment.Worker w = null;
                double lossSum = 0;
                long count = 0;
                for (int j = b; j < last; j++) {
                    int lo = j * batch;
                    int[] rows = share(order, lo, Math.min(nTrain, lo + batch), block);
                    if (rows.length == 0) {
                        continue;
                    }
                    if (w == null) {
                        if (h != null) {
                            h.beforeTask(round, block.start);
                        }
                        w = s.value().borrow(target);
                        w.setWeights(weights.value());
                        w.model.optimizer().loadState(state.value());
                        if (lr != null) {
                            w.model.optimizer().learningRate(lr);
                        }
                        w.resetMetrics();
                    }
                    Tensor[] xy = gather(block, rows, shape);
                    Tensor sw = classWeight == null ? null : Checks.classWeights(xy[1], classWeight);
                    lossSum += (double) w.step.run(xy[0], xy[1], sw) * rows.length;
                    count += rows.length;
                }
                if (w == null) {
                    return acc;
                }
                Partial p = Partial.of(averagable(w, count), lossSum, count, w.metricStates());
                Map<String, float[]> slots = slots(w.model.optimizer().exportState());
                p.stateKeys = slots.keySet().toArray(String[]::new);
                p.stateSizes = slots.values().stream().mapToInt(a -> a.length).toArray();
                s.value().release(w);
                return acc.merge(p);
            }, Partial::merge, treeDepth));
            if (result.isEmpty()) {
                throw new IllegalStateException("SparkTrainer: round at batch " + b + " reached no partition");
            }
            return result;
        } finally {
            weights.destroy();
            state.destroy();
        }
    }

    /** Loss and metrics on the rows with global indices {@code [from, to)}, computed on the executors. */
    Map<String, Double> evaluate(int from, int to, int batchSize) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("evaluate: batch size must be positive, got " + batchSize);
        }
        Broadcast<float[][]> weights = jsc.broadcast(ModelShipment.weightsOf(model));
        try {
            Broadcast<ModelShipment> s = ship;
            int[] shape = inputShape;
            int[] target = targetShape();
            Partial result = Inputs.call(() -> blocks.treeAggregate(new Partial(), (acc, block) -> {
                long lo = Math.max(from, block.start);
                long hi = Math.min(to, block.start + block.rows);
                if (hi <= lo) {
                    return acc;
                }
                int[] rows = new int[(int) (hi - lo)];
                for (int i = 0; i < rows.length; i++) {
                    rows[i] = (int) (lo - block.start) + i;
                }
                ModelShipment.Worker w = s.value().borrow(target);
                w.setWeights(weights.value());
                Tensor[] xy = gather(block, rows, shape);
                Map<String, Double> logs = Evaluation.evaluate(w.model, w.model.loss(), w.metrics,
                        Dataset.of(xy[0], xy[1]), batchSize);
                Partial p = Partial.of(new float[0], logs.get("loss") * rows.length, rows.length, w.metricStates());
                s.value().release(w);
                return acc.merge(p);
            }, Partial::merge, treeDepth));
            List<Metric> val = ship.value().metrics(model, targetShape());
            for (double[][] states : result.metricStates) {
                for (int i = 0; i < val.size(); i++) {
                    val.get(i).merge(states[i]);
                }
            }
            return SparkTrainer.logs(val, result.lossSum / result.count);
        } finally {
            weights.destroy();
        }
    }

    // ---------------------------------------------------------------- executor-side helpers

    /** The local rows of {@code block} among global batch {@code order[lo..hi)}, in batch order. */
    static int[] share(int[] order, int lo, int hi, Block block) {
        int[] rows = new int[hi - lo];
        int m = 0;
        for (int k = lo; k < hi; k++) {
            int g = order[k];
            if (block.owns(g)) {
                rows[m++] = (int) (g - block.start);
            }
        }
        return Arrays.copyOf(rows, m);
    }

    /** Features {@code [m, inputShape…]} and targets {@code [m, yDim]} of local rows. */
    static Tensor[] gather(Block block, int[] rows, int[] inputShape) {
        int m = rows.length;
        float[] x = new float[m * block.xDim];
        float[] y = new float[m * block.yDim];
        for (int i = 0; i < m; i++) {
            System.arraycopy(block.x, rows[i] * block.xDim, x, i * block.xDim, block.xDim);
            System.arraycopy(block.y, rows[i] * block.yDim, y, i * block.yDim, block.yDim);
        }
        int[] xShape = new int[inputShape.length + 1];
        xShape[0] = m;
        System.arraycopy(inputShape, 0, xShape, 1, inputShape.length);
        return new Tensor[] {Tensor.of(x, xShape), Tensor.of(y, m, block.yDim)};
    }

    /** The optimizer's slot arrays (not the step count), by key in sorted order. */
    static Map<String, float[]> slots(Map<String, float[]> state) {
        Map<String, float[]> out = new java.util.TreeMap<>(state);
        out.remove("iterations");
        return out;
    }

    /** Weights then optimizer slots, flattened, times {@code count}: what averaging sums. */
    static float[] averagable(ModelShipment.Worker w, long count) {
        List<Parameter> params = w.model.parameters();
        List<float[]> slots = new ArrayList<>(slots(w.model.optimizer().exportState()).values());
        int size = 0;
        for (Parameter p : params) {
            size += p.size();
        }
        for (float[] a : slots) {
            size += a.length;
        }
        float[] out = new float[size];
        int offset = 0;
        for (Parameter p : params) {
            p.copyTo(out, offset);   // straight into the result: no copy per parameter
            offset += p.size();
        }
        for (float[] a : slots) {
            System.arraycopy(a, 0, out, offset, a.length);
            offset += a.length;
        }
        for (int i = 0; i < size; i++) {
            out[i] *= count;
        }
        return out;
    }
}
