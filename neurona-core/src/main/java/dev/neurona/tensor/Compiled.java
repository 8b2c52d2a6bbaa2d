package dev.neurona.tensor;

import java.util.Arrays;
import java.util.logging.Logger;

/**
 * A function of tensors run as a compiled step: the first call for given input shapes runs it
 * eagerly while tracing every kernel it executes (forward, loss, backward, gradient
 * accumulation — whatever the function does through tensor ops); a planner then gives the
 * intermediates shared buffers by liveness, and every later call with those shapes replays the
 * kernels on the new inputs' values, allocating nothing. Replays compute exactly what the
 * eager run computes, in the same order, so the bits agree.
 *
 * <pre>{@code
 * Compiled step = new Compiled("train step", in -> {
 *     Tensor loss = model(in[0]).sub(in[1]).square().mean();
 *     loss.backward();
 *     return new Tensor[] {loss};
 * });
 * float value = step.run(x, y)[0].item();
 * }</pre>
 *
 * <p>The function must reach values only through ops: code that reads or writes them directly
 * during the call ({@link Tensor#data()}, {@link Tensor#item()}, …) would not run again at a
 * replay, so such a trace is refused, and the function then runs eagerly at every call, which
 * is logged once with the reason. Checks of the inputs' values belong in {@link #host} and
 * generated values (a dropout mask) in {@link Tensor#generate}. The outputs are the same
 * tensors at every replay, overwritten; copy what must outlive the next call.
 */
public final class Compiled {

    private static final Logger LOG = Logger.getLogger(Compiled.class.getName());
    /** Input shapes kept compiled at once: training needs two (full batches and the last one). */
    private static final int MAX_PLANS = 4;

    /** The function: outputs from inputs (an input may be {@code null}). */
    @FunctionalInterface
    public interface Body {
        Tensor[] apply(Tensor[] inputs);
    }

    /** Counts structural changes to any model (an activation swapped, a parameter frozen): plans from before are stale. */
    private static final java.util.concurrent.atomic.AtomicLong STRUCTURE = new java.util.concurrent.atomic.AtomicLong();
    /** Set on a thread while {@link #eagerly} runs. */
    private static final ThreadLocal<Boolean> EAGER = ThreadLocal.withInitial(() -> Boolean.FALSE);

    private final String name;
    private final Body body;
    private final Plan[] plans = new Plan[MAX_PLANS];
    private int nextPlan;
    private String eagerReason;
    private String[] lastOps;

    /** A compiled form of {@code body}, named {@code name} in log lines. */
    public Compiled(String name, Body body) {
        this.name = name;
        this.body = body;
    }

    /**
     * Runs the function on {@code inputs}: a replay when these shapes were traced, otherwise a
     * traced (or, when refused, plain) eager run.
     *
     * @return the outputs, the same tensors at every replay of the same shapes
     */
    public Tensor[] run(Tensor... inputs) {
        if (eagerReason != null || EAGER.get() || Trace.current() != null) {
            // inside another step's trace the body runs inline: its ops become part of that trace
            return body.apply(inputs);
        }
        long structure = STRUCTURE.get();
        for (Plan p : plans) {
            if (p != null && p.structure == structure && p.accepts(inputs)) {
                return p.replay(inputs);
            }
        }
        return trace(inputs, structure);
    }

    /**
     * Runs {@code body} with every compiled step on this thread run eagerly instead (Keras's
     * {@code run_eagerly}): for debugging, and for tests that compare the two.
     */
    public static <T> T eagerly(java.util.function.Supplier<T> body) {
        boolean before = EAGER.get();
        EAGER.set(Boolean.TRUE);
        try {
            return body.get();
        } finally {
            EAGER.set(before);
        }
    }

    /**
     * Tells every compiled step that a model's structure changed in a way its trace cannot
     * see (a layer's activation replaced, a parameter frozen or a regularizer set): each traces
     * again at its next call. Layers call it from such setters.
     */
    public static void structureChanged() {
        STRUCTURE.incrementAndGet();
    }

    /** The op names of the kernels the last traced plan replays, in order (for tests); {@code null} before one. */
    String[] plannedOps() {
        return lastOps == null ? null : lastOps.clone();
    }

    /** Whether calls run eagerly (a trace was refused), and {@link #eagerReason()} says why. */
    public boolean isEager() {
        return eagerReason != null;
    }

    /** Why calls run eagerly, or {@code null} when they are compiled. */
    public String eagerReason() {
        return eagerReason;
    }

    /** Forgets every plan (the function changed: a layer was swapped, say); the next call traces again. */
    public void invalidate() {
        Arrays.fill(plans, null);
        eagerReason = null;
    }

    /**
     * Runs {@code check} now and again at this point of every replay: for host code that reads
     * the inputs' values (validation), which a trace would otherwise refuse.
     */
    public static void host(String what, Runnable check) {
        Trace trace = Trace.current();
        if (trace == null) {
            check.run();
        } else {
            trace.host(what, check);
        }
    }

    /** Whether a step is being traced on this thread (a layer may skip host-only work). */
    public static boolean isTracing() {
        return Trace.current() != null;
    }

    private Tensor[] trace(Tensor[] inputs, long structure) {
        Tensor[] placeholders = new Tensor[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            Tensor in = inputs[i];
            placeholders[i] = in == null ? null : new Tensor(new Storage(in.array()), in.shape.clone());
        }
        Trace trace = Trace.begin();
        Tensor[] outputs;
        try {
            outputs = body.apply(placeholders);
        } finally {
            trace.end();
        }
        String refusal = trace.refusal();
        if (refusal != null) {
            eagerReason = refusal;
            LOG.info(() -> name + " runs eagerly (not compiled): " + refusal);
            return outputs;
        }
        Planner.Result planned;
        try {
            planned = Planner.plan(trace.steps, placeholders, outputs);
        } catch (RuntimeException e) {
            // never the user's error: the traced run's outputs are right, later calls run eagerly
            eagerReason = "planning failed (" + e + ")";
            LOG.warning(() -> name + " runs eagerly (not compiled): " + eagerReason);
            return outputs;
        }
        plans[nextPlan] = new Plan(placeholders, outputs, planned.kernels(), structure);
        lastOps = planned.ops();
        nextPlan = (nextPlan + 1) % MAX_PLANS;
        return outputs;
    }

    /** The kernels of one traced call and the tensors they run on. */
    private static final class Plan {
        final Tensor[] placeholders;
        final Tensor[] outputs;
        final Runnable[] kernels;
        final long structure;

        Plan(Tensor[] placeholders, Tensor[] outputs, Runnable[] kernels, long structure) {
            this.placeholders = placeholders;
            this.outputs = outputs;
            this.kernels = kernels;
            this.structure = structure;
        }

        boolean accepts(Tensor[] inputs) {
            if (inputs.length != placeholders.length) {
                return false;
            }
            for (int i = 0; i < inputs.length; i++) {
                Tensor p = placeholders[i];
                Tensor in = inputs[i];
                if ((p == null) != (in == null) || (p != null && !Arrays.equals(p.shape, in.shape))) {
                    return false;
                }
            }
            return true;
        }

        Tensor[] replay(Tensor[] inputs) {
            for (int i = 0; i < inputs.length; i++) {
                if (inputs[i] != null) {
                    placeholders[i].storage.array = inputs[i].array();
                }
            }
            for (Runnable k : kernels) {
                k.run();
            }
            return outputs;
        }
    }
}
