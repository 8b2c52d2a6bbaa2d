/** Data for training: {@link dev.neurona.data.Dataset} (in-memory x/y pairs). Depends on {@code tensor} only. */
package dev.neurona.data;
