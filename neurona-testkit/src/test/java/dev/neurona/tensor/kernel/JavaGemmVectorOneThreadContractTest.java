package dev.neurona.tensor.kernel;

import dev.neurona.testkit.GemmContract;

/**
 * The {@link Gemm} contract on the pure-Java kernel forced to the Vector API micro-kernel,
 * restricted to the calling thread.
 */
class JavaGemmVectorOneThreadContractTest extends GemmContract {

    @Override
    protected Gemm gemm() {
        return new JavaGemm(1, true);
    }
}
