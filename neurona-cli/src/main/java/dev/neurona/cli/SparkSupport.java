package dev.neurona.cli;

import dev.neurona.io.ModelFiles;
import dev.neurona.models.ClusterTrainer;
import java.util.Optional;

/**
 * Finds the Spark trainer for {@code train --spark} at run time. neurona.jar holds neither
 * neurona-spark nor Spark: both come from the class path (the launcher's {@code --spark}, or
 * spark-submit with {@code --jars}), and the trainer is found through core's
 * {@link ClusterTrainer} service-provider interface.
 */
final class SparkSupport {

    /** The {@link ClusterTrainer#name()} of neurona-spark's provider. */
    static final String PROVIDER = "spark";

    private SparkSupport() {
    }

    /** The Spark trainer, or a usage error that says how to run with Spark. */
    static ClusterTrainer trainer() {
        return check(ClusterTrainer.find(PROVIDER));
    }

    /** The usage error for a missing provider or a provider without Spark; the trainer otherwise. */
    static ClusterTrainer check(Optional<ClusterTrainer> provider) {
        if (provider.isEmpty()) {
            throw new UsageException("--spark needs neurona-spark and Apache Spark 4 (Scala 2.13) on the class path, "
                    + "and neurona.jar leaves both out: " + howToRun());
        }
        if (!provider.get().available()) {
            throw new UsageException("--spark: " + provider.get().unavailableReason() + ": " + howToRun());
        }
        return provider.get();
    }

    /** The two ways to run {@code train --spark}, as commands. */
    static String howToRun() {
        return "run './neurona train --spark local[2] ...' from the repository (the launcher fetches Spark from Maven "
                + "Central once), or 'spark-submit --class dev.neurona.cli.Neurona --jars " + sparkJar()
                + " neurona-cli/target/neurona.jar train --spark default ...'";
    }

    /** Where the build puts neurona-spark's jar. */
    static String sparkJar() {
        String v = ModelFiles.libraryVersion();
        return "neurona-spark/target/neurona-spark-" + (v.equals("unknown") ? "VERSION" : v) + ".jar";
    }
}
