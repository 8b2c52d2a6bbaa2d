package dev.neurona.tensor;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a trace into the kernels a replay runs, giving the intermediates shared buffers: an
 * intermediate (an op's output, neither an input nor an output of the step) takes over the
 * buffer of an earlier one of the same size that no later kernel reads. Everything the step
 * does not allocate itself (parameters, their gradients, constants) keeps its buffer.
 */
final class Planner {

    private Planner() {
    }

    /** The kernels a replay runs, in order, with their op names (for tests and diagnostics). */
    record Result(Runnable[] kernels, String[] ops) {
    }

    /** Runs on each trace before it is planned; tests set it to make planning fail. {@code null} normally. */
    static volatile java.util.function.Consumer<List<Trace.Step>> beforePlanning;

    static Result plan(List<Trace.Step> traced, Tensor[] inputs, Tensor[] outputs) {
        java.util.function.Consumer<List<Trace.Step>> hook = beforePlanning;
        if (hook != null) {
            hook.accept(traced);
        }
        Set<Storage> pinned = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Tensor[] group : List.of(inputs, outputs)) {
            for (Tensor t : group) {
                if (t != null) {
                    pinned.add(t.storage);
                }
            }
        }
        List<Trace.Step> steps = Fusions.fuse(traced, pinned);
        Liveness first = new Liveness(steps);
        Set<Storage> gradients = writeGradientsInPlace(steps, first, pinned);
        Liveness live = new Liveness(steps);
        live.external.addAll(gradients);
        shareBuffers(steps, live.born, live.last, pinned, live.external);
        Runnable[] kernels = new Runnable[steps.size()];
        String[] ops = new String[steps.size()];
        for (int i = 0; i < kernels.length; i++) {
            kernels[i] = steps.get(i).run();
            ops[i] = steps.get(i).op();
        }
        return new Result(kernels, ops);
    }

    /** When each buffer is first written and last used, and which come from outside the step. */
    private static final class Liveness {
        final Map<Storage, Integer> born = new IdentityHashMap<>();
        final Map<Storage, Integer> last = new IdentityHashMap<>();
        final Map<Storage, Integer> readers = new IdentityHashMap<>();
        final Set<Storage> external = Collections.newSetFromMap(new IdentityHashMap<>());

        Liveness(List<Trace.Step> steps) {
            for (int i = 0; i < steps.size(); i++) {
                Trace.Step s = steps.get(i);
                for (Storage r : s.reads()) {
                    if (!born.containsKey(r)) {
                        external.add(r);   // read before any kernel wrote it: made outside the step
                    }
                    last.put(r, i);
                    readers.merge(r, 1, Integer::sum);
                }
                write(s.written(), s.fresh(), i);
                for (Storage w : s.alsoWritten()) {
                    write(w, s.fresh(), i);
                }
            }
        }

        private void write(Storage w, boolean fresh, int i) {
            if (w != null) {
                if (fresh && !born.containsKey(w) && !external.contains(w)) {
                    born.put(w, i);
                } else {
                    external.add(w);   // written in place (a gradient), or a buffer from outside
                }
                last.put(w, i);
            }
        }
    }

    /**
     * A gradient zeroed and then set from one op's output, which nothing else reads: that op
     * writes the gradient's buffer itself, and the zeroing and the copy go. (A matrix product's
     * weight gradient then comes straight out of the GEMM; contributions added after it, such as
     * a regularizer's, still add to it.)
     */
    private static Set<Storage> writeGradientsInPlace(List<Trace.Step> steps, Liveness live, Set<Storage> pinned) {
        Set<Storage> gradients = Collections.newSetFromMap(new IdentityHashMap<>());
        Map<Storage, Integer> zeroAt = new IdentityHashMap<>();
        Set<Trace.Step> dropped = Collections.newSetFromMap(new IdentityHashMap<>());
        for (int i = 0; i < steps.size(); i++) {
            Trace.Step s = steps.get(i);
            Storage g = s.written();
            if (s.op().equals("zero_grad")) {
                zeroAt.put(g, i);
            } else if (s.op().equals("set_grad") && zeroAt.containsKey(g) && untouchedBetween(steps, g, zeroAt.get(g), i)
                    && s.reads().length == 1) {
                Storage src = s.reads()[0];
                Integer at = live.born.get(src);
                if (at != null && at > zeroAt.get(g) && live.readers.get(src) == 1 && !live.external.contains(src)
                        && !pinned.contains(src) && src.array.length == g.array.length) {
                    src.array = g.array;
                    gradients.add(src);   // now the gradient's own buffer: never shared
                    dropped.add(steps.get(zeroAt.get(g)));
                    dropped.add(s);
                }
            }
        }
        steps.removeIf(dropped::contains);
        return gradients;
    }

    /** Gives {@code w}, born at step {@code i}, a free buffer of its size if there is one. */
    private static void take(Trace.Step step, Storage w, int i, Map<Storage, Integer> born, Set<Storage> pinned,
                             Set<Storage> external, Map<Integer, ArrayDeque<float[]>> free) {
        if (w != null && step.fresh() && Integer.valueOf(i).equals(born.get(w)) && !pinned.contains(w)
                && !external.contains(w)) {
            ArrayDeque<float[]> pool = free.get(w.array.length);
            if (pool != null && !pool.isEmpty()) {
                w.array = pool.pop();
            }
        }
    }

    /**
     * Whether no step strictly between {@code from} and {@code to} reads or writes {@code g} (later
     * steps may: an L2 penalty's gradient added to a weight gradient set from its product).
     */
    private static boolean untouchedBetween(List<Trace.Step> steps, Storage g, int from, int to) {
        for (int i = from + 1; i < to; i++) {
            Trace.Step s = steps.get(i);
            if (s.written() == g || java.util.Arrays.asList(s.alsoWritten()).contains(g)
                    || java.util.Arrays.asList(s.reads()).contains(g)) {
                return false;
            }
        }
        return true;
    }

    /** Re-points each intermediate's storage at a free buffer of its size, in order of birth. */
    private static void shareBuffers(List<Trace.Step> steps, Map<Storage, Integer> born, Map<Storage, Integer> last,
                                     Set<Storage> pinned, Set<Storage> external) {
        Map<Integer, ArrayDeque<float[]>> free = new HashMap<>();
        // buffers to release after step i: those whose last use is i
        Map<Integer, java.util.List<Storage>> dying = new HashMap<>();
        for (Map.Entry<Storage, Integer> e : born.entrySet()) {
            Storage s = e.getKey();
            if (!pinned.contains(s) && !external.contains(s)) {
                dying.computeIfAbsent(last.get(s), k -> new java.util.ArrayList<>()).add(s);
            }
        }
        for (int i = 0; i < steps.size(); i++) {
            Trace.Step step = steps.get(i);
            take(step, step.written(), i, born, pinned, external, free);
            for (Storage w : step.alsoWritten()) {
                take(step, w, i, born, pinned, external, free);
            }
            java.util.List<Storage> done = dying.get(i);
            if (done != null) {
                for (Storage s : done) {
                    free.computeIfAbsent(s.array.length, k -> new ArrayDeque<>()).push(s.array);
                }
            }
        }
    }
}
