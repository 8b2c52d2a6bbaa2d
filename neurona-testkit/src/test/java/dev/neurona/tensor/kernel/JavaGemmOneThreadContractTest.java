package dev.neurona.tensor.kernel;

import dev.neurona.testkit.GemmContract;

/** The {@link Gemm} contract on the pure-Java kernel restricted to the calling thread. */
class JavaGemmOneThreadContractTest extends GemmContract {

    @Override
    protected Gemm gemm() {
        return new JavaGemm(1);
    }
}
