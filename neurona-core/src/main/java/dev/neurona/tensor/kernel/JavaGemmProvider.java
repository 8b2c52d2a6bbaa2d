package dev.neurona.tensor.kernel;

import java.util.Optional;

/** Offers the pure-Java {@link JavaGemm}; always available, lowest priority. */
public final class JavaGemmProvider implements GemmProvider {

    @Override
    public String name() {
        return "java";
    }

    @Override
    public int priority() {
        return 0;
    }

    @Override
    public Optional<Gemm> create() {
        return Optional.of(new JavaGemm());
    }
}
