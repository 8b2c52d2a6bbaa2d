package dev.neurona.openblas;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** When the SkylakeX kernels are recommended: AMD with every AVX-512 instruction they use, only. */
class OpenBlasCoreTypeTest {

    private static String cpu(String vendor, String flags) {
        return "processor\t: 0\nvendor_id\t: " + vendor + "\nmodel name\t: some cpu\nflags\t\t: " + flags
                + "\n\nprocessor\t: 1\nvendor_id\t: " + vendor + "\nflags\t\t: " + flags + "\n";
    }

    private static final String ZEN4 = "fpu sse sse2 avx avx2 fma avx512f avx512dq avx512cd avx512bw avx512vl avx512_bf16";

    @Test
    void zen4GetsTheSkylakeXKernels() {
        assertThat(OpenBlasCoreType.recommended(cpu("AuthenticAMD", ZEN4))).contains("SKYLAKEX");
    }

    @Test
    void otherCpusKeepOpenBlassOwnChoice() {
        assertThat(OpenBlasCoreType.recommended(cpu("AuthenticAMD", "fpu sse avx avx2 fma"))).as("Zen 3").isEmpty();
        assertThat(OpenBlasCoreType.recommended(cpu("AuthenticAMD", "avx2 avx512f avx512dq avx512cd avx512vl")))
                .as("without avx512bw").isEmpty();
        assertThat(OpenBlasCoreType.recommended(cpu("GenuineIntel", ZEN4))).as("Intel: OpenBLAS picks SkylakeX").isEmpty();
        assertThat(OpenBlasCoreType.recommended("")).isEmpty();
    }
}
