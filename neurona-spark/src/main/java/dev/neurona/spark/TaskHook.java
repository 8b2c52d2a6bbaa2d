package dev.neurona.spark;

import java.io.Serializable;

/** Called at the start of every training task on the executor; tests use it to inject failures. */
@FunctionalInterface
interface TaskHook extends Serializable {

    /** @param round the global step (synchronous) or round (averaging) index within the run */
    void beforeTask(long round, long blockStart);
}
