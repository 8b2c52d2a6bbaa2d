package dev.neurona.tensor.kernel;

import dev.neurona.testkit.GemmContract;

/**
 * The {@link Gemm} contract on the pure-Java kernel as built by default (the Vector API
 * micro-kernel when jdk.incubator.vector is present, as in this build), on all cores.
 */
class JavaGemmContractTest extends GemmContract {

    @Override
    protected Gemm gemm() {
        return new JavaGemm();
    }
}
