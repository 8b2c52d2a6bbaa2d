/**
 * Tensors, autograd and the compiled step: the engine every model runs on.
 *
 * <p>Three tiers, each using only the one below. The kernels of {@code tensor.kernel} are
 * loops over arrays behind one backend contract ({@code Kernels}: GEMM, broadcasting,
 * elementwise functions, reductions, the planner's fused passes).
 * This package's differentiable primitives are each one {@code Graph.op}: a kernel that
 * computes the output from its inputs' values and, beside it, a backward rule written with
 * ops. Everything above — {@link dev.neurona.tensor.Tensor}'s composite methods, layers, losses,
 * regularizers — is written with primitives only.
 *
 * <p>Autograd is define-by-run ({@link dev.neurona.tensor.Tensor#backward()}, as in PyTorch).
 * {@link dev.neurona.tensor.Compiled} traces a whole step (forward, loss, backward, update) the
 * first time it sees an input shape and replays its kernels after, with gradients written in
 * place, bias and activation fused, elementwise chains run tile by tile, and intermediates
 * sharing buffers: later steps allocate nothing and give the eager run's bits. A step that reads
 * values outside the ops runs eagerly instead, and says why once.
 *
 * <p>Code outside this package reaches values only through the host calls
 * ({@link dev.neurona.tensor.Tensor#toArray()}, {@code copyTo}, {@code assign},
 * {@link dev.neurona.tensor.Tensor#onHost(HostAccess)}), where a device backend will sync.
 *
 * <p>Adding an op: its kernel and backward in the op group of its kind with {@code Graph.op},
 * its public method in the method interface of its kind, an {@code OpTable} line in its test
 * (finite-difference gradient and compiled replay), and its PyTorch values in the group's
 * reference script.
 */
package dev.neurona.tensor;
