/**
 * The kernels under the tensor ops, behind one op-level backend contract: plain loops over
 * {@code float[]} with explicit sizes, offsets and strides, which know nothing of tensors or
 * graphs.
 *
 * <p>{@link dev.neurona.tensor.kernel.Kernels} is the contract every GEMM, elementwise,
 * reduction and fused kernel of the ops goes through, so that a backend (a device one later)
 * implements one interface. {@link dev.neurona.tensor.kernel.Backend} picks the implementation
 * once per JVM through {@link dev.neurona.tensor.kernel.GemmProvider}:
 * {@link dev.neurona.tensor.kernel.CpuKernels} over {@code JavaGemm} or over OpenBLAS from
 * {@code neurona-native}. {@link dev.neurona.tensor.kernel.Gemm}
 * ({@code C = alpha·op(A)·op(B) + beta·C}) has several implementations of its own.
 * {@link dev.neurona.tensor.kernel.Broadcasting} (with a
 * {@link dev.neurona.tensor.kernel.Broadcasting.Plan} of strides computed once per op, so that
 * a replayed step allocates nothing), {@link dev.neurona.tensor.kernel.Reductions},
 * {@link dev.neurona.tensor.kernel.ActivationKernel} and {@link dev.neurona.tensor.kernel.UnaryOp}
 * hold the elementwise and reduction loops, written so that C2 vectorizes them.
 */
package dev.neurona.tensor.kernel;
