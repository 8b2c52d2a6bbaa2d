package dev.neurona.models;

import dev.neurona.data.Dataset;
import dev.neurona.train.Fit;
import dev.neurona.train.History;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Service-provider interface of a trainer that runs {@code model.fit} on a cluster. Found at
 * run time with {@link ServiceLoader} (a {@code META-INF/services/dev.neurona.models.ClusterTrainer}
 * entry), so that core and the command line compile and run without the cluster's libraries:
 * {@code neurona-spark} provides the one named {@code "spark"}, and only a class path that
 * holds it (and Spark) can train there.
 */
public interface ClusterTrainer {

    /** The name callers choose it by, such as {@code "spark"}. */
    String name();

    /**
     * Whether the cluster's own libraries are on the class path: the provider's jar may be
     * present without them, and then {@link #fit} cannot run.
     */
    boolean available();

    /** Why {@link #available()} is false, in words for the user (what to put on the class path). */
    default String unavailableReason() {
        return name() + "'s libraries are not on the class path";
    }

    /**
     * Trains {@code model} (compiled) on {@code data} on the cluster {@code master} (the
     * provider's own master syntax), with the settings of {@code fit}, and returns the history
     * as {@link Model#fit(Dataset, Fit)} would.
     */
    History fit(String master, Model model, Dataset data, Fit fit);

    /** The provider named {@code name} among those on the class path, or empty when there is none. */
    static Optional<ClusterTrainer> find(String name) {
        for (ClusterTrainer t : ServiceLoader.load(ClusterTrainer.class, ClusterTrainer.class.getClassLoader())) {
            if (t.name().equals(name)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
