package dev.neurona.tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * The kernels one traced run of a step executed, in order, with the buffers each read and
 * wrote: what {@link Compiled} replays. One per thread while a step is traced; while none is,
 * every op runs eagerly and nothing is kept.
 *
 * <p>A trace is refused — the step then runs eagerly — when code outside the kernels reads or
 * writes values during the step ({@link Tensor#data()}, {@link Tensor#item()}, …): a replay
 * would not run that code, so its result would be stale. The first such reason is kept.
 */
final class Trace {

    private static final ThreadLocal<Trace> CURRENT = new ThreadLocal<>();

    /**
     * One recorded kernel: what it runs, the storages it reads and the one it writes
     * ({@code fresh} when that is the new output of an op rather than a buffer written in place).
     */
    record Step(String op, Runnable run, Storage[] reads, Storage written, boolean fresh, Fusible fusible,
                Storage[] alsoWritten) {
        Step(String op, Runnable run, Storage[] reads, Storage written, boolean fresh, Fusible fusible) {
            this(op, run, reads, written, fresh, fusible, NONE);
        }
    }

    private static final Storage[] NONE = new Storage[0];

    final List<Step> steps = new ArrayList<>();
    private String refusal;
    private int depth;

    private Trace() {
    }

    /** The trace of this thread's step, or {@code null} when none is being traced. */
    static Trace current() {
        return CURRENT.get();
    }

    static Trace begin() {
        if (CURRENT.get() != null) {
            throw new IllegalStateException("Compiled.trace: a step is already being traced on this thread");
        }
        Trace t = new Trace();
        CURRENT.set(t);
        return t;
    }

    void end() {
        CURRENT.remove();
    }

    /** Runs {@code kernel} into {@code out} and records it (a kernel that runs ops records only itself). */
    void run(String op, Graph.Kernel kernel, Tensor out, Tensor[] inputs, Fusible fusible) {
        depth++;
        try {
            kernel.run(out);
        } finally {
            depth--;
        }
        if (depth == 0) {
            steps.add(new Step(op, () -> kernel.run(out), storages(inputs), out.storage, true, fusible));
        }
    }

    /** Runs an in-place effect on {@code written} and records it. */
    void effect(String op, Runnable effect, Tensor written, Tensor[] read) {
        depth++;
        try {
            effect.run();
        } finally {
            depth--;
        }
        if (depth == 0) {
            steps.add(new Step(op, effect, storages(read), written == null ? null : written.storage, false, null));
        }
    }

    /** Runs host code (a check of the batch's values) now and at each replay; it may read values. */
    void host(String what, Runnable code) {
        effect(what, code, null, new Tensor[0]);
    }

    /** Called when values are read or written outside a kernel: refuses the trace (once, with the caller). */
    void valuesTouched(String access) {
        if (depth > 0 || refusal != null) {
            return;
        }
        String caller = StackWalker.getInstance().walk(frames -> frames
                .filter(f -> !f.getClassName().startsWith("dev.neurona.tensor."))
                .findFirst().map(f -> f.getClassName() + "." + f.getMethodName()).orElse("?"));
        refusal = caller + " calls Tensor." + access + " during the step (values read or written outside an op "
                + "cannot be replayed); to compile it, write it with tensor ops (Tensor.generate for generated values, "
                + "Compiled.host for checks of a batch's values)";
    }

    /** Refuses the trace for {@code reason} unless an earlier reason was given. */
    void refuse(String reason) {
        if (refusal == null) {
            refusal = reason;
        }
    }

    /** Why this trace cannot be replayed, or {@code null} when it can. */
    String refusal() {
        return refusal;
    }

    private static Storage[] storages(Tensor[] tensors) {
        Storage[] s = new Storage[tensors.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = tensors[i].storage;
        }
        return s;
    }
}
