/**
 * Loss functions by Keras name and as objects: {@code Losses.get("mse")},
 * {@code Losses.categoricalCrossentropy()}, {@code Losses.binaryCrossentropy(true)}.
 *
 * <p>A loss writes only its per-sample formula from tensor primitives; autograd derives the
 * gradient. {@link dev.neurona.losses.Loss} does the Keras reduction once (mean over the
 * batch, optionally weighted per sample). Elementwise losses extend
 * {@link dev.neurona.losses.ElementwiseLoss} (mean over the last axis per sample), losses over
 * a class axis extend {@link dev.neurona.losses.RowwiseLoss} (one value per row). Shapes and
 * labels are checked before any arithmetic and reported with both shapes or the bad value.
 *
 * <p>Depends only on {@code dev.neurona.tensor}.
 */
package dev.neurona.losses;
