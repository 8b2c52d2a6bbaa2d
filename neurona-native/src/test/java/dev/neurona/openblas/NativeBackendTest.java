package dev.neurona.openblas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.neurona.tensor.kernel.Backend;
import dev.neurona.tensor.kernel.Gemm;
import dev.neurona.tensor.kernel.GemmProvider;
import dev.neurona.tensor.kernel.JavaGemm;
import dev.neurona.tensor.kernel.JavaGemmProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How {@link Backend} chooses once neurona-native is on the class path. */
class NativeBackendTest {

    private final Logger backendLog = Logger.getLogger(Backend.class.getName());
    private final List<LogRecord> logged = new ArrayList<>();
    private final Handler capture = new Recorder(backendLog, logged);

    /** Keeps the records its logger would publish at the logger's current level. */
    private static final class Recorder extends Handler {
        private final Logger logger;
        private final List<LogRecord> records;

        Recorder(Logger logger, List<LogRecord> records) {
            this.logger = logger;
            this.records = records;
        }

        @Override
        public void publish(LogRecord record) {
            if (logger.isLoggable(record.getLevel())) {
                records.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    @BeforeEach
    void listen() {
        backendLog.addHandler(capture);
    }

    @AfterEach
    void stopListening() {
        backendLog.removeHandler(capture);
    }

    private static void assertWorks(Gemm gemm) {
        float[] c = new float[4];
        gemm.gemm(2, 2, 2, new float[] {1, 2, 3, 4}, new float[] {5, 6, 7, 8}, c);
        assertThat(c).containsExactly(19, 22, 43, 50);
    }

    private List<String> messages() {
        return logged.stream().filter(r -> r.getLevel().intValue() >= Level.INFO.intValue())
                .map(LogRecord::getMessage).toList();
    }

    @Test
    void nativeIsFoundAndPickedAutomatically() {
        assertThat(Backend.providers()).extracting(GemmProvider::name).containsExactly("native", "java");
        Gemm gemm = Backend.select(null, Backend.providers());
        assertThat(gemm).isInstanceOf(OpenBlasGemm.class);
        assertThat(gemm.name()).isEqualTo("openblas");
        assertWorks(gemm);
        assertThat(messages()).containsExactly("Neurona kernel backend: native (openblas)");
    }

    @Test
    void theJvmWideKernelIsOpenBlasUnlessAnotherIsNamed() {
        String property = System.getProperty(Backend.PROPERTY);
        if (property == null || property.isBlank() || property.trim().equalsIgnoreCase("native")) {
            assertThat(Backend.gemm()).isInstanceOf(OpenBlasGemm.class);
        }
        assertWorks(Backend.gemm());
    }

    @Test
    void namedBackendsAreStillHonoured() {
        assertThat(Backend.select("java", Backend.providers())).isInstanceOf(JavaGemm.class);
        assertThat(Backend.select(" NATIVE ", Backend.providers())).isInstanceOf(OpenBlasGemm.class);
    }

    @Test
    void failedNativeLoadFallsBackToJavaWithTheReason() {
        GemmProvider broken = new OpenBlasGemmProvider(() -> {
            throw new UnsatisfiedLinkError("no jniopenblas_nolapack in java.library.path");
        });
        Gemm gemm = Backend.select(null, List.of(broken, new JavaGemmProvider()));
        assertThat(gemm).isInstanceOf(JavaGemm.class);
        assertWorks(gemm);
        assertThat(broken.unavailableReason())
                .contains("OpenBLAS could not be loaded")
                .contains("UnsatisfiedLinkError")
                .contains("no jniopenblas_nolapack");
        assertThat(messages()).singleElement().asString()
                .contains("backend 'native' not used")
                .contains("no jniopenblas_nolapack");
    }

    @Test
    void otherLoadFailuresAreCaughtToo() {
        GemmProvider missingJar = new OpenBlasGemmProvider(() -> {
            throw new NoClassDefFoundError("org/bytedeco/javacpp/Loader");
        });
        assertThat(missingJar.create()).isEmpty();
        assertThat(missingJar.unavailableReason()).contains("NoClassDefFoundError");
        GemmProvider badExtract = new OpenBlasGemmProvider(() -> {
            throw new IllegalStateException("cannot write ~/.javacpp/cache");
        });
        assertThat(badExtract.create()).isEmpty();
        assertThat(badExtract.unavailableReason()).contains("cannot write");
        // Named explicitly, a backend that cannot load is an error that says why.
        assertThatThrownBy(() -> Backend.select("native", List.of(badExtract, new JavaGemmProvider())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot write");
    }

    @Test
    void providerDescribesItself() {
        OpenBlasGemmProvider provider = new OpenBlasGemmProvider();
        assertThat(provider.name()).isEqualTo("native");
        assertThat(provider.priority()).isGreaterThan(new JavaGemmProvider().priority());
    }

    @Test
    void netlibsOwnFallbackWarningsStayOutOfTheLog() {
        // netlib warns about each pure-Java fallback it cannot load; that line would appear in
        // every CLI run, so opening the binding silences it, and restores the logger after
        Logger netlib = Logger.getLogger(OpenBlasGemmProvider.NETLIB_LOGGER);
        List<LogRecord> seen = new ArrayList<>();
        Handler handler = new Recorder(netlib, seen);
        netlib.addHandler(handler);
        Level before = netlib.getLevel();
        try {
            OpenBlasGemmProvider.quietly(() -> {
                netlib.warning("Failed to load implementation from:dev.ludovic.netlib.blas.VectorBLAS");
                return null;
            });
            assertThat(seen).isEmpty();
            assertThat(netlib.getLevel()).isEqualTo(before);
        } finally {
            netlib.removeHandler(handler);
        }
    }
}
