/**
 * OpenBLAS behind core's {@link dev.neurona.tensor.kernel.Gemm} interface.
 *
 * <p>The shared libraries come inside the bytedeco Maven artifacts ({@code org.bytedeco:openblas}
 * and {@code javacpp}, linux-x86_64 classifier); nothing is installed on the system. Core finds
 * {@link dev.neurona.openblas.OpenBlasGemmProvider} through {@link java.util.ServiceLoader}
 * (backend name {@code native}) and prefers it over the pure-Java kernel whenever it loads.
 *
 * <p>May depend on: {@code dev.neurona.tensor.kernel} and the bytedeco bindings; nothing in core
 * depends on this package.
 */
package dev.neurona.openblas;
