package dev.neurona.tensor.kernel;

import dev.neurona.testkit.GemmContract;

/** The {@link Gemm} contract on the pure-Java kernel forced to the Vector API micro-kernel, on all cores. */
class JavaGemmVectorContractTest extends GemmContract {

    @Override
    protected Gemm gemm() {
        return new JavaGemm(Runtime.getRuntime().availableProcessors(), true);
    }
}
