/**
 * The kernels under the tensor ops: plain loops over {@code float[]} with explicit sizes,
 * offsets and strides, which know nothing of tensors or graphs.
 *
 * <p>{@link dev.neurona.tensor.kernel.Gemm} ({@code C = alpha·op(A)·op(B) + beta·C}) is the one
 * contract with several implementations: {@link dev.neurona.tensor.kernel.Backend} picks one per
 * JVM through {@link dev.neurona.tensor.kernel.GemmProvider} ({@code JavaGemm}, or OpenBLAS from
 * {@code neurona-native}). {@link dev.neurona.tensor.kernel.Broadcasting} (with a
 * {@link dev.neurona.tensor.kernel.Broadcasting.Plan} of strides computed once per op, so that
 * a replayed step allocates nothing), {@link dev.neurona.tensor.kernel.Reductions} and
 * {@link dev.neurona.tensor.kernel.ActivationKernel} hold the elementwise and reduction loops,
 * written so that C2 vectorizes them.
 */
package dev.neurona.tensor.kernel;
