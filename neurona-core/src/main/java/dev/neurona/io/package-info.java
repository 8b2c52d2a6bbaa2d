/**
 * Model files: the {@code .nrn} format ({@link dev.neurona.io.ModelFiles}: a zip of
 * {@code config.json}, NumPy-readable {@code weights.npz}, optional {@code optimizer.npz} and
 * optional {@code preprocessing.json}),
 * written atomically ({@link dev.neurona.io.AtomicFiles}) and read through each archive's
 * central directory with every size bounded ({@link dev.neurona.io.ModelFileLimits}, and
 * through {@link dev.neurona.io.ModelFileReader} by the shapes the architecture implies,
 * {@link dev.neurona.io.ExpectedArrays}). It works on a neutral
 * {@link dev.neurona.io.ModelSnapshot}, so it knows nothing of models: {@code models} uses
 * {@code io}, never the reverse. Depends on tensor (and Jackson for JSON) only; nn, optim,
 * losses and metrics configs pass through it as plain maps.
 */
package dev.neurona.io;
