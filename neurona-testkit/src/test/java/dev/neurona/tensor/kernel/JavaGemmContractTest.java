package dev.neurona.tensor.kernel;

import dev.neurona.testkit.GemmContract;

/** The {@link Gemm} contract on the pure-Java kernel, on all cores. */
class JavaGemmContractTest extends GemmContract {

    @Override
    protected Gemm gemm() {
        return new JavaGemm();
    }
}
