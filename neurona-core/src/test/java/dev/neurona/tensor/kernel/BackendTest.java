package dev.neurona.tensor.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BackendTest {

    /** A provider that never loads, with a higher priority than the Java one. */
    private static final class Unavailable implements GemmProvider {
        @Override
        public String name() {
            return "broken";
        }

        @Override
        public int priority() {
            return 100;
        }

        @Override
        public Optional<Gemm> create() {
            return Optional.empty();
        }

        @Override
        public String unavailableReason() {
            return "no native library in this test";
        }
    }

    private static void assertWorks(Gemm gemm) {
        float[] c = new float[4];
        gemm.gemm(2, 2, 2, new float[] {1, 2, 3, 4}, new float[] {5, 6, 7, 8}, c);
        assertThat(c).containsExactly(19, 22, 43, 50);
    }

    @Test
    void automaticChoiceOnTheClassPathIsTheJavaKernel() {
        assertThat(Backend.providers()).extracting(GemmProvider::name).contains("java");
        Gemm gemm = Backend.select(null, Backend.providers());
        assertThat(gemm.name()).isEqualTo("java");
        assertWorks(gemm);
        assertThat(Backend.select("  ", Backend.providers()).name()).isEqualTo("java");
    }

    @Test
    void namedJavaBackendIsUsed() {
        Gemm gemm = Backend.select("java", Backend.providers());
        assertThat(gemm).isInstanceOf(JavaGemm.class);
        assertWorks(gemm);
        assertThat(Backend.select(" JAVA ", Backend.providers()).name()).isEqualTo("java");
    }

    @Test
    void unknownBackendListsTheKnownOnes() {
        List<GemmProvider> providers = List.of(new Unavailable(), new JavaGemmProvider());
        assertThatThrownBy(() -> Backend.select("cuda", providers))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cuda")
                .hasMessageContaining("unknown backend")
                .hasMessageContaining("known backends: broken, java");
    }

    @Test
    void namedBackendThatCannotLoadIsAnError() {
        List<GemmProvider> providers = List.of(new Unavailable(), new JavaGemmProvider());
        assertThatThrownBy(() -> Backend.select("broken", providers))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no native library in this test");
    }

    @Test
    void unavailableProviderIsSkippedWithFallback() {
        Gemm gemm = Backend.select(null, List.of(new Unavailable(), new JavaGemmProvider()));
        assertThat(gemm.name()).isEqualTo("java");
        assertWorks(gemm);
        // With nothing loadable at all, the pure-Java kernel is still the answer.
        Gemm fallback = Backend.select(null, List.of(new Unavailable()));
        assertThat(fallback).isInstanceOf(JavaGemm.class);
        assertWorks(fallback);
    }

    @Test
    void backendGemmIsTheJavaKernelWithoutProperty() {
        if (System.getProperty(Backend.PROPERTY) == null) {
            assertThat(Backend.gemm().name()).isEqualTo("java");
        }
        assertWorks(Backend.gemm());
    }
}
