package dev.neurona.train;

import dev.neurona.data.Dataset;
import dev.neurona.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The fit loop's batches: one {@link BatchGather} per input, per target and for the sample
 * weights, and the reused lists a step of several inputs or outputs is given, so that a batch
 * allocates nothing.
 */
final class Batches {

    private final BatchGather[] inputs;
    private final BatchGather[] targets;
    private final BatchGather weights;
    private final Tensor[] xs;
    private final Tensor[] ys;
    private final List<Tensor> xList;
    private final List<Tensor> yList;

    /** @param weights per-sample weights {@code [n]}, or {@code null} */
    Batches(Dataset data, Tensor weights) {
        List<BatchGather> in = new ArrayList<>();
        data.inputs().forEach(t -> in.add(new BatchGather(t)));
        List<BatchGather> out = new ArrayList<>();
        data.targets().forEach(t -> out.add(new BatchGather(t)));
        this.inputs = in.toArray(BatchGather[]::new);
        this.targets = out.toArray(BatchGather[]::new);
        this.weights = weights == null ? null : new BatchGather(weights);
        this.xs = new Tensor[inputs.length];
        this.ys = new Tensor[targets.length];
        this.xList = Arrays.asList(xs);
        this.yList = Arrays.asList(ys);
    }

    /** Runs {@code step} on the samples {@code order[from .. to)}; the batch's loss. */
    float run(TrainStep step, int[] order, int from, int to) {
        Tensor w = weights == null ? null : weights.gather(order, from, to);
        if (inputs.length == 1 && targets.length == 1) {
            return step.run(inputs[0].gather(order, from, to), targets[0].gather(order, from, to), w);
        }
        for (int i = 0; i < inputs.length; i++) {
            xs[i] = inputs[i].gather(order, from, to);
        }
        for (int k = 0; k < targets.length; k++) {
            ys[k] = targets[k].gather(order, from, to);
        }
        return step.run(xList, yList, w);
    }
}
