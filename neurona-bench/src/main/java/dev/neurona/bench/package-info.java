/** JMH micro-benchmarks and end-to-end benchmarks; run them from the shaded {@code benchmarks.jar}, never as tests. */
package dev.neurona.bench;
