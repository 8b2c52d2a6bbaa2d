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

    static Runnable[] plan(List<Trace.Step> steps, Tensor[] inputs, Tensor[] outputs) {
        Set<Storage> pinned = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Tensor t : inputs) {
            if (t != null) {
                pinned.add(t.storage);
            }
        }
        for (Tensor t : outputs) {
            if (t != null) {
                pinned.add(t.storage);
            }
        }
        Map<Storage, Integer> born = new IdentityHashMap<>();
        Map<Storage, Integer> last = new IdentityHashMap<>();
        Set<Storage> external = Collections.newSetFromMap(new IdentityHashMap<>());
        for (int i = 0; i < steps.size(); i++) {
            Trace.Step s = steps.get(i);
            for (Storage r : s.reads()) {
                if (!born.containsKey(r)) {
                    external.add(r);   // read before any kernel wrote it: made outside the step
                }
                last.put(r, i);
            }
            Storage w = s.written();
            if (w != null) {
                if (s.fresh() && !born.containsKey(w) && !external.contains(w)) {
                    born.put(w, i);
                } else {
                    external.add(w);   // written in place (a gradient), or a buffer from outside
                }
                last.put(w, i);
            }
        }
        shareBuffers(steps, born, last, pinned, external);
        Runnable[] kernels = new Runnable[steps.size()];
        for (int i = 0; i < kernels.length; i++) {
            kernels[i] = steps.get(i).run();
        }
        return kernels;
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
            Storage w = step.written();
            if (w != null && step.fresh() && Integer.valueOf(i).equals(born.get(w)) && !pinned.contains(w)
                    && !external.contains(w)) {
                ArrayDeque<float[]> pool = free.get(w.array.length);
                if (pool != null && !pool.isEmpty()) {
                    w.array = pool.pop();
                }
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
