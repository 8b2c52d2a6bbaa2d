package dev.neurona.tensor.kernel;

import dev.neurona.testkit.GemmContract;

/**
 * The {@link Gemm} contract on the pure-Java kernel forced to the auto-vectorised scalar
 * micro-kernel (the one used without jdk.incubator.vector), restricted to the calling thread.
 */
class JavaGemmScalarOneThreadContractTest extends GemmContract {

    @Override
    protected Gemm gemm() {
        return new JavaGemm(1, false);
    }
}
