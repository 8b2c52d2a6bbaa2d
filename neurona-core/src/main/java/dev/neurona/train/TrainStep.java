package dev.neurona.train;

import dev.neurona.losses.Loss;
import dev.neurona.metrics.Metric;
import dev.neurona.nn.Mode;
import dev.neurona.optim.Optimizer;
import dev.neurona.tensor.Compiled;
import dev.neurona.tensor.HostAccess;
import dev.neurona.tensor.Parameter;
import dev.neurona.tensor.Tensor;
import java.util.List;

/**
 * One training step on one batch, independent of where batches come from (the local fit
 * loop and Spark both call it): forward, loss, backward, optimizer update, metric update.
 *
 * <p>The step is one {@link Compiled} function of the batch: its first call for a batch shape
 * runs forward, loss, regularization, backward and the optimizer update eagerly while tracing
 * them (the update as host code, {@link Compiled#host}), and later calls replay them,
 * allocating nothing; a network whose step cannot be traced runs eagerly, which is logged once.
 *
 * <p>The loss is checked before the update: a batch whose loss is NaN or infinite is not
 * applied (its gradients would make every weight NaN for good), so the weights stay those of
 * the last finite step. An update with a finite loss can still overflow the weights (a
 * learning rate of 1e3); with {@link #keepPreviousWeights(boolean)} on, the step keeps a copy
 * of the weights before each update so that {@link #restorePreviousWeights()} can undo it.
 */
public final class TrainStep {

    private final Network network;
    private final Objective objective;
    private final Optimizer optimizer;
    private final List<Parameter> parameters;
    /** The network's input and output counts: the batch is {@code inputs} tensors, {@code outputs} targets, a sample weight. */
    private final int inputs;
    private final int outputs;
    /** Scratch arrays reused by every step (targets, predictions, each output's loss), so that a step allocates nothing. */
    private final Tensor[] ys;
    private final Tensor[] predictions;
    private final Tensor[] terms;
    private final float[] lastTerms;
    /** The step that sets the gradients (zeroing them first). */
    private final Compiled training = new Compiled("training step", in -> gradients(in, true, true));
    /** The same step without the update, for gradients applied elsewhere (Spark sums them over partitions). */
    private final Compiled setting = new Compiled("gradient step", in -> gradients(in, true, false));
    /** The step's inputs, reused so that a step allocates nothing. */
    private final Tensor[] batch;
    /** The weights before the last applied update, when kept; allocated once, on the first update. */
    private float[][] previous;
    private boolean keepPrevious;
    private boolean previousKept;
    /** Checks one parameter's values in place for {@link #weightsFinite()}; made once, so the check allocates nothing. */
    private final FiniteCheck finiteCheck = new FiniteCheck();

    /** Whether the values it was last applied to are all finite. */
    private static final class FiniteCheck implements HostAccess {
        boolean finite;

        @Override
        public void apply(float[] values) {
            finite = allFinite(values);
        }
    }

    /** A step for {@code network} trained with {@code loss} and {@code optimizer}, updating {@code metrics}. */
    public TrainStep(Network network, Loss loss, Optimizer optimizer, List<Metric> metrics) {
        this(network, Objective.of(loss, metrics), optimizer);
    }

    /** A step for {@code network} trained towards {@code objective} (one loss per output) with {@code optimizer}. */
    public TrainStep(Network network, Objective objective, Optimizer optimizer) {
        if (objective.outputCount() != network.outputCount()) {
            throw new IllegalArgumentException("TrainStep: the model has " + network.outputCount() + " outputs but "
                    + objective.outputCount() + " losses");
        }
        this.network = network;
        this.objective = objective;
        this.optimizer = optimizer;
        this.parameters = List.copyOf(network.trainableParameters());
        this.inputs = network.inputCount();
        this.outputs = network.outputCount();
        this.batch = new Tensor[inputs + outputs + 1];
        this.ys = new Tensor[outputs];
        this.predictions = new Tensor[outputs];
        this.terms = new Tensor[outputs];
        this.lastTerms = new float[outputs];
    }

    /**
     * Sets the gradients to this batch's (zeroing them first, or overwriting them on the fast
     * path) and applies the optimizer, unless the loss is not finite: then nothing is applied
     * (the optimizer takes no step), and the weights stay as they were.
     *
     * @param sampleWeight per-sample weights {@code [batch]}, or {@code null}
     * @return the batch's loss (regularization included), possibly NaN or infinite (then not applied)
     */
    public float run(Tensor x, Tensor y, Tensor sampleWeight) {
        requireSingle();
        batch[0] = x;
        batch[1] = y;
        batch[2] = sampleWeight;
        return step(training);   // the update is the step's last part (see update)
    }

    /**
     * {@link #run(Tensor, Tensor, Tensor)} for a network of several inputs or outputs: one batch
     * per input and one per output's targets, in order.
     */
    public float run(List<Tensor> xs, List<Tensor> targets, Tensor sampleWeight) {
        if (xs.size() != inputs || targets.size() != outputs) {
            throw new IllegalArgumentException("TrainStep: the model has " + inputs + " inputs and " + outputs
                    + " outputs, got " + xs.size() + " input and " + targets.size() + " target batches");
        }
        for (int i = 0; i < inputs; i++) {
            batch[i] = xs.get(i);
        }
        for (int k = 0; k < outputs; k++) {
            batch[inputs + k] = targets.get(k);
        }
        batch[inputs + outputs] = sampleWeight;
        return step(training);
    }

    /** Each output's loss in the last step (without its weight), in output order. */
    public float outputLoss(int k) {
        return lastTerms[k];
    }

    private void requireSingle() {
        if (inputs != 1 || outputs != 1) {
            throw new IllegalArgumentException("TrainStep: the model has " + inputs + " inputs and " + outputs
                    + " outputs; give lists of batches");
        }
    }

    /**
     * The optimizer update at the end of the compiled step, as host code that runs at every
     * replay: checked before the update, so that a batch whose loss is not finite is not
     * applied and a stopped run keeps the last finite weights.
     */
    private void update(Tensor value) {
        if (!Float.isFinite(value.item())) {
            return;
        }
        if (keepPrevious) {
            savePrevious();
        }
        optimizer.step(parameters);
    }

    /**
     * Keeps a copy of the weights before each update from now on (one pass over them per step,
     * into buffers allocated once), so that an update that makes them non-finite can be undone
     * with {@link #restorePreviousWeights()}. Off by default; {@code fit} turns it on when
     * {@link TerminateOnNaN} is among the callbacks.
     *
     * @return this step
     */
    public TrainStep keepPreviousWeights(boolean keep) {
        this.keepPrevious = keep;
        if (!keep) {
            previous = null;
            previousKept = false;
        }
        return this;
    }

    private void savePrevious() {
        if (previous == null) {
            previous = new float[parameters.size()][];
            for (int i = 0; i < previous.length; i++) {
                previous[i] = new float[parameters.get(i).size()];
            }
        }
        for (int i = 0; i < previous.length; i++) {
            parameters.get(i).copyTo(previous[i], 0);
        }
        previousKept = true;
    }

    /**
     * Whether every trainable weight is finite: one pass over them, for the rare moments that
     * ask (a non-finite loss, the end of an epoch), never every step.
     */
    public boolean weightsFinite() {
        for (int i = 0; i < parameters.size(); i++) {
            parameters.get(i).onHost(finiteCheck);
            if (!finiteCheck.finite) {
                return false;
            }
        }
        return true;
    }

    /**
     * Puts back the weights from before the last applied update, kept by
     * {@link #keepPreviousWeights(boolean)}. The optimizer's state (its moments and step count)
     * is not rewound.
     *
     * @return whether they were put back: {@code false} when no update was applied since the
     *         copy was turned on, or when the copy itself is not finite
     */
    public boolean restorePreviousWeights() {
        if (!previousKept) {
            return false;
        }
        for (float[] w : previous) {
            if (!allFinite(w)) {
                return false;
            }
        }
        for (int i = 0; i < previous.length; i++) {
            parameters.get(i).assign(previous[i]);
        }
        return true;
    }

    /** Whether no value is NaN or infinite ({@code v·0} is 0 exactly for finite {@code v}, NaN otherwise). */
    static boolean allFinite(float[] values) {
        float s0 = 0f;
        float s1 = 0f;
        float s2 = 0f;
        float s3 = 0f;
        int i = 0;
        for (; i + 4 <= values.length; i += 4) {
            s0 += values[i] * 0f;
            s1 += values[i + 1] * 0f;
            s2 += values[i + 2] * 0f;
            s3 += values[i + 3] * 0f;
        }
        for (; i < values.length; i++) {
            s0 += values[i] * 0f;
        }
        return s0 + s1 + s2 + s3 == 0f;
    }

    /**
     * Computes the batch's loss and adds its gradient to every trainable parameter's
     * {@link Parameter#grad()}, and updates the metrics; applies nothing. Spark sums these
     * gradients over partitions before one optimizer update.
     *
     * @return the batch's loss (regularization included)
     */
    public float computeGradients(Tensor x, Tensor y, Tensor sampleWeight) {
        requireSingle();
        // eager: whether a contribution adds or replaces depends on the gradients' state before the call
        Tensor[] eager = {x, y, sampleWeight};
        Tensor[] out = gradients(eager, false, false);
        System.arraycopy(eager, 0, batch, 0, eager.length);
        return metrics(out);
    }

    /** Runs a compiled step on the batch in {@link #batch} and updates the metrics with its predictions. */
    private float step(Compiled compiled) {
        Tensor[] out = compiled.run(batch);
        return metrics(out);
    }

    /** Updates the metrics with a step's predictions and keeps each output's loss; the step's loss. */
    private float metrics(Tensor[] out) {
        for (int k = 0; k < outputs; k++) {
            ys[k] = batch[inputs + k];
            predictions[k] = out[1 + k];
        }
        objective.update(ys, predictions);
        if (outputs > 1) {
            for (int k = 0; k < outputs; k++) {
                lastTerms[k] = out[1 + outputs + k].item();
            }
        }
        float value = out[0].item();
        if (outputs == 1) {
            lastTerms[0] = value;
        }
        java.util.Arrays.fill(batch, null);   // the caller's tensors are not kept
        java.util.Arrays.fill(ys, null);
        java.util.Arrays.fill(predictions, null);
        return value;
    }

    /** The traced function: the loss and predictions of a batch, its gradients set or added, then maybe applied. */
    private Tensor[] gradients(Tensor[] batch, boolean zeroFirst, boolean apply) {
        if (zeroFirst) {
            for (int i = 0; i < parameters.size(); i++) {
                parameters.get(i).zeroGrad();
            }
        }
        network.addedLoss();   // forget losses of passes nobody read
        Tensor[] yPred = new Tensor[outputs];
        Tensor[] targets = new Tensor[outputs];
        if (inputs == 1 && outputs == 1) {
            yPred[0] = network.forward(batch[0], Mode.TRAINING);
        } else {
            List<Tensor> out = network.forwardAll(java.util.Arrays.asList(batch).subList(0, inputs), Mode.TRAINING);
            for (int k = 0; k < outputs; k++) {
                yPred[k] = out.get(k);
            }
        }
        System.arraycopy(batch, inputs, targets, 0, outputs);
        Tensor[] parts = new Tensor[outputs];
        Tensor value = objective.total(targets, yPred, batch[inputs + outputs], parts);
        Tensor added = network.addedLoss();
        if (added != null) {
            value = value.add(added);
        }
        Tensor penalty = network.regularizationLoss();
        if (penalty != null) {
            // penalty first: backward then reaches the data term's gradients first, so a weight's
            // gradient comes straight out of its GEMM and the penalty's is added into it in place
            // (one fused pass); the sum is the same bits either way round
            value = penalty.add(value);
        }
        value.backward();
        if (apply) {
            Tensor loss = value;
            Compiled.host("optimizer update", () -> update(loss));
        }
        Tensor[] out = new Tensor[1 + outputs + (outputs > 1 ? outputs : 0)];
        out[0] = value;
        for (int k = 0; k < outputs; k++) {
            out[1 + k] = yPred[k].detach();
            if (outputs > 1) {
                out[1 + outputs + k] = parts[k].detach();
            }
        }
        return out;
    }

    /** The number of trainable values: the length of the flat gradient arrays below. */
    public int gradientSize() {
        long n = 0;
        for (int i = 0; i < parameters.size(); i++) {   // indexed: no iterator, also where escape analysis fails
            n += parameters.get(i).size();
        }
        return Math.toIntExact(n);
    }

    /**
     * Zeroes the gradients, {@link #computeGradients computes} them for the batch and copies
     * them, times {@code scale}, into {@code out} (trainable parameters in order, each flattened);
     * applies nothing. With {@code scale} the batch size, {@code out} holds the gradient sum
     * over the batch, which partitions of a distributed batch add up.
     *
     * @param out an array of {@link #gradientSize()} values, overwritten
     * @return the batch's mean loss (regularization included)
     */
    public float computeGradients(Tensor x, Tensor y, Tensor sampleWeight, float[] out, float scale) {
        if (out.length != gradientSize()) {
            throw new IllegalArgumentException("TrainStep: the gradient array has " + out.length
                    + " values, the network " + gradientSize() + " trainable ones");
        }
        requireSingle();
        batch[0] = x;
        batch[1] = y;
        batch[2] = sampleWeight;
        float value = step(setting);
        int offset = 0;
        for (int n = 0; n < parameters.size(); n++) {
            Parameter p = parameters.get(n);
            int size = Math.toIntExact(p.size());
            Tensor g = p.grad();
            if (g == null) {  // the loss does not depend on it
                java.util.Arrays.fill(out, offset, offset + size, 0f);
            } else {
                g.copyTo(out, offset);   // into the caller's array, then scaled there: no allocation
                for (int i = offset; i < offset + size; i++) {
                    out[i] *= scale;
                }
            }
            offset += size;
        }
        return value;
    }

    /**
     * Sets every trainable parameter's gradient from the flat {@code gradient} (the layout of
     * {@link #computeGradients(Tensor, Tensor, Tensor, float[], float)}) times {@code scale},
     * and applies the optimizer: the second half of {@link #run}, for gradients computed
     * elsewhere.
     */
    public void applyGradients(float[] gradient, float scale) {
        if (gradient.length != gradientSize()) {
            throw new IllegalArgumentException("TrainStep: the gradient array has " + gradient.length
                    + " values, the network " + gradientSize() + " trainable ones");
        }
        int offset = 0;
        for (int n = 0; n < parameters.size(); n++) {
            Parameter p = parameters.get(n);
            p.setGrad(gradient, offset, scale);
            offset += Math.toIntExact(p.size());
        }
        optimizer.step(parameters);
    }
}
