package dev.neurona.tensor.kernel;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Chooses the kernels once per JVM: the {@link Kernels} every op runs, and the {@link Gemm}
 * among them.
 *
 * <p>With the system property {@code neurona.backend} set (for example {@code java} or
 * {@code native}, which {@code neurona-native} adds), that backend is used and a missing or
 * unloadable one is an error. Without it, the available provider with the highest
 * {@link GemmProvider#priority()} wins, falling back (with one log line saying why) to the
 * pure-Java kernel, which is always present. A backend other than the pure-Java default
 * announces itself with one INFO line.
 */
public final class Backend {

    /** The system property that names the backend. */
    public static final String PROPERTY = "neurona.backend";

    private static final Logger LOG = Logger.getLogger(Backend.class.getName());

    private Backend() {
    }

    private static final class Holder {
        static final Kernels KERNELS = selectKernels(System.getProperty(PROPERTY), providers());
    }

    /** Set on a thread by {@link #using}: kernels that replace the JVM's choice there. */
    private static final ThreadLocal<Kernels> OVERRIDE = new ThreadLocal<>();

    /** The GEMM kernel chosen for this JVM (the one {@link #kernels()} holds). */
    public static Gemm gemm() {
        return kernels().gemm();
    }

    /**
     * The op-level kernels chosen for this JVM, or those {@link #using} set on this thread.
     * Ops take them when they are built, so a compiled step replays with the kernels it was
     * traced with.
     */
    public static Kernels kernels() {
        Kernels override = OVERRIDE.get();
        return override != null ? override : Holder.KERNELS;
    }

    /**
     * Runs {@code body} with every op built on this thread using {@code kernels}: for tests
     * of the contract (a decorator that counts or checks calls) and for a backend under
     * development, without restarting the JVM.
     */
    public static <T> T using(Kernels kernels, java.util.function.Supplier<T> body) {
        if (kernels == null) {
            throw new IllegalArgumentException("Backend.using: kernels must not be null");
        }
        Kernels before = OVERRIDE.get();
        OVERRIDE.set(kernels);
        try {
            return body.get();
        } finally {
            if (before == null) {
                OVERRIDE.remove();
            } else {
                OVERRIDE.set(before);
            }
        }
    }

    /** All providers on the class path, highest priority first. */
    public static List<GemmProvider> providers() {
        List<GemmProvider> all = new ArrayList<>();
        ServiceLoader.load(GemmProvider.class, Backend.class.getClassLoader()).forEach(all::add);
        all.sort(Comparator.comparingInt(GemmProvider::priority).reversed());
        return all;
    }

    /**
     * Picks the kernel among {@code providers} as the class comment says; public so that
     * tests and benchmarks can ask for a given backend without restarting the JVM.
     *
     * @param requested a backend name, or {@code null}/blank for the automatic choice
     * @throws IllegalStateException if the requested backend is unknown or cannot load
     */
    public static Gemm select(String requested, List<GemmProvider> providers) {
        return selectKernels(requested, providers).gemm();
    }

    /**
     * {@link #select} for the whole contract: the chosen provider's {@link GemmProvider#createKernels()}.
     *
     * @throws IllegalStateException if the requested backend is unknown or cannot load
     */
    public static Kernels selectKernels(String requested, List<GemmProvider> providers) {
        if (requested != null && !requested.isBlank()) {
            String name = requested.trim();
            GemmProvider provider = providers.stream()
                    .filter(p -> p.name().equalsIgnoreCase(name))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException(PROPERTY + "=" + name
                            + ": unknown backend; known backends: " + names(providers)));
            return provider.createKernels().orElseThrow(() -> new IllegalStateException(PROPERTY + "=" + name
                    + ": the backend cannot load: " + provider.unavailableReason()));
        }
        for (GemmProvider provider : providers) {
            Optional<Kernels> kernels = provider.createKernels();
            if (kernels.isPresent()) {
                // One line when an add-on backend (priority above the pure-Java default) takes
                // over, so a user can see which kernel runs; the default stays quiet.
                Level level = provider.priority() > 0 ? Level.INFO : Level.FINE;
                LOG.log(level, () -> "Neurona kernel backend: " + provider.name() + " (" + kernels.get().gemm().name() + ")");
                return kernels.get();
            }
            LOG.info(() -> "Neurona: backend '" + provider.name() + "' not used: " + provider.unavailableReason());
        }
        return new CpuKernels(new JavaGemm());
    }

    private static String names(List<GemmProvider> providers) {
        return providers.stream().map(GemmProvider::name).collect(Collectors.joining(", "));
    }
}
