/**
 * Models: {@link dev.neurona.models.Sequential}, the Keras-style entry point (compile, fit,
 * resume, evaluate, predict, summary, weights, save, load). Depends on every core package below
 * it, including {@code io} for model files.
 */
package dev.neurona.models;
