package dev.neurona.openblas;

import dev.neurona.tensor.kernel.Gemm;
import dev.neurona.tensor.kernel.GemmProvider;
import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.NativeBLAS;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.openblas.global.openblas_nolapack;

/**
 * Offers {@link OpenBlasGemm} as the backend {@code "native"}, ahead of the pure-Java kernel
 * (priority {@value #PRIORITY} against 0).
 *
 * <p>{@link #create()} loads OpenBLAS from the class path (JavaCPP extracts the shared libraries
 * of the linux-x86_64 jars into its cache, {@code ~/.javacpp/cache}), sets OpenBLAS's thread
 * count to {@link Runtime#availableProcessors()}, runs a 2×2 product as a self-check, and opens
 * netlib's zero-copy JNI binding on the same library ({@link #openZeroCopy()}; without it the
 * products are staged through direct buffers, see {@link OpenBlasGemm}). Any
 * failure (no library for this platform, a missing jar, a library that computes nonsense) makes
 * it return empty, and {@link #unavailableReason()} says what happened, so that
 * {@link dev.neurona.tensor.kernel.Backend} falls back to the pure-Java kernel with one log line.
 */
public final class OpenBlasGemmProvider implements GemmProvider {

    /** Above the pure-Java provider's 0. */
    public static final int PRIORITY = 100;

    /** The system property through which netlib's JNI binding is told which BLAS to open. */
    static final String NETLIB_LIBRARY_PROPERTY = "dev.ludovic.netlib.blas.nativeLibPath";

    private static final Logger LOG = Logger.getLogger(OpenBlasGemmProvider.class.getName());

    /**
     * Loads the native library and prepares it; throws whatever loading throws. Returns netlib's
     * zero-copy binding over it, or null when only the staging route works.
     */
    @FunctionalInterface
    interface NativeLoader {
        BLAS load();
    }

    private final NativeLoader loader;
    private volatile String reason = "OpenBLAS was not tried yet";

    /** The provider that {@link java.util.ServiceLoader} instantiates. */
    public OpenBlasGemmProvider() {
        this(OpenBlasGemmProvider::loadOpenBlas);
    }

    /** A provider with another loader, so that tests can make loading fail. */
    OpenBlasGemmProvider(NativeLoader loader) {
        this.loader = loader;
    }

    @Override
    public String name() {
        return "native";
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    @Override
    public Optional<Gemm> create() {
        try {
            return Optional.of(new OpenBlasGemm(loader.load()));
        } catch (LinkageError | RuntimeException e) {
            // UnsatisfiedLinkError (no library for this platform), NoClassDefFoundError (a jar
            // missing), ExceptionInInitializerError, or JavaCPP's own errors while extracting.
            reason = "OpenBLAS could not be loaded (" + e + ")";
            return Optional.empty();
        }
    }

    @Override
    public String unavailableReason() {
        return reason;
    }

    /**
     * Loads the library once per JVM (later calls return at once), sets the threads, checks a
     * product, then opens the zero-copy binding.
     */
    private static BLAS loadOpenBlas() {
        Loader.load(openblas_nolapack.class);
        openblas_nolapack.blas_set_num_threads(Runtime.getRuntime().availableProcessors());
        try (FloatPointer a = new FloatPointer(1f, 2f, 3f, 4f);
             FloatPointer b = new FloatPointer(5f, 6f, 7f, 8f);
             FloatPointer c = new FloatPointer(4)) {
            openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor, openblas_nolapack.CblasNoTrans,
                    openblas_nolapack.CblasNoTrans, 2, 2, 2, 1f, a, 2, b, 2, 0f, c, 2);
            float[] got = new float[4];
            c.get(got);
            if (got[0] != 19f || got[1] != 22f || got[2] != 43f || got[3] != 50f) {
                throw new IllegalStateException("self-check [[1,2],[3,4]]·[[5,6],[7,8]] gave "
                        + java.util.Arrays.toString(got) + " instead of [19.0, 22.0, 43.0, 50.0]");
            }
        }
        return openZeroCopy();
    }

    /**
     * Runs {@code open} with netlib's instance builder silenced below SEVERE: it logs a WARNING
     * for each of its own pure-Java fallbacks it cannot load (its Vector API one without
     * {@code --add-modules jdk.incubator.vector}), which says nothing about Neurona's kernels and
     * would appear in every CLI run. A failure of the native binding still reaches our own log
     * line through the exception.
     */
    static BLAS quietly(java.util.function.Supplier<BLAS> open) {
        Logger netlib = Logger.getLogger(NETLIB_LOGGER);
        java.util.logging.Level before = netlib.getLevel();
        netlib.setLevel(java.util.logging.Level.SEVERE);
        try {
            return open.get();
        } finally {
            netlib.setLevel(before);
        }
    }

    /** The logger of netlib's {@code InstanceBuilder}. */
    static final String NETLIB_LOGGER = "dev.ludovic.netlib.blas.InstanceBuilder";

    /**
     * Opens netlib's JNI binding on the OpenBLAS file that JavaCPP just loaded (the same library,
     * so the thread count set above holds) and checks a product through it. Returns null, with a
     * log line, when that fails: products are then staged, which is slower but equally correct.
     * A {@value #NETLIB_LIBRARY_PROPERTY} the user set is left alone; the self-check still guards it.
     */
    static BLAS openZeroCopy() {
        try {
            String library = Loader.getLoadedLibraries().entrySet().stream()
                    .filter(e -> e.getKey().startsWith("openblas_nolapack") && e.getValue() != null)
                    .map(Map.Entry::getValue).findFirst()
                    .orElseThrow(() -> new IllegalStateException("JavaCPP reports no loaded libopenblas_nolapack"));
            if (System.getProperty(NETLIB_LIBRARY_PROPERTY) == null) {
                System.setProperty(NETLIB_LIBRARY_PROPERTY, library);
            }
            BLAS blas = quietly(NativeBLAS::getInstance);
            float[] c = new float[4];
            // Column-major [[5,7],[6,8]]·[[1,3],[2,4]] is row-major [[1,2],[3,4]]·[[5,6],[7,8]].
            blas.sgemm("N", "N", 2, 2, 2, 1f, new float[] {5, 6, 7, 8}, 0, 2, new float[] {1, 2, 3, 4}, 0, 2, 0f, c, 0, 2);
            if (c[0] != 19f || c[1] != 22f || c[2] != 43f || c[3] != 50f) {
                throw new IllegalStateException("self-check gave " + java.util.Arrays.toString(c));
            }
            return blas;
        } catch (LinkageError | RuntimeException e) {
            LOG.info("Neurona: OpenBLAS without the zero-copy binding, operands are copied (" + e + ")");
            return null;
        }
    }
}
