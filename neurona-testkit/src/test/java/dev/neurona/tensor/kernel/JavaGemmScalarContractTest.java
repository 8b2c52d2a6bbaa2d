package dev.neurona.tensor.kernel;

import dev.neurona.testkit.GemmContract;

/**
 * The {@link Gemm} contract on the pure-Java kernel forced to the auto-vectorised scalar
 * micro-kernel (the one used without jdk.incubator.vector), on all cores.
 */
class JavaGemmScalarContractTest extends GemmContract {

    @Override
    protected Gemm gemm() {
        return new JavaGemm(Runtime.getRuntime().availableProcessors(), false);
    }
}
