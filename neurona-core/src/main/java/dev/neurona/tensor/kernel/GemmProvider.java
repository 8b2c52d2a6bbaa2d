package dev.neurona.tensor.kernel;

import java.util.Optional;

/**
 * Service-provider interface through which a kernel backend offers its {@link Gemm} and,
 * through {@link #createKernels()}, its whole {@link Kernels} contract.
 *
 * <p>Providers are found with {@link java.util.ServiceLoader} (a
 * {@code META-INF/services/dev.neurona.tensor.kernel.GemmProvider} entry); the pure-Java one
 * ships with core, {@code neurona-native} adds OpenBLAS. {@link Backend} chooses among them.
 */
public interface GemmProvider {

    /** The backend's name as given to the system property {@code neurona.backend}, e.g. {@code "java"}. */
    String name();

    /** Higher wins when the user names no backend; the pure-Java provider has priority 0. */
    int priority();

    /**
     * Creates the kernel, or says why it cannot (for example a native library that failed
     * to load). Called at most once per JVM by {@link Backend}.
     *
     * @return the kernel, or empty when this backend is unavailable on this machine
     */
    Optional<Gemm> create();

    /**
     * The whole op-level contract of this backend: by default the {@link CpuKernels} over
     * {@link #create()}'s GEMM; a backend with kernels of its own (a device) overrides this.
     */
    default Optional<Kernels> createKernels() {
        return create().map(CpuKernels::new);
    }

    /** Why {@link #create()} returned empty, for the one log line that explains the fallback. */
    default String unavailableReason() {
        return "unavailable";
    }
}
