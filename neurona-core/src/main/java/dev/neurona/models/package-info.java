/**
 * Models: {@link dev.neurona.models.Sequential}, the Keras-style entry point (compile, fit,
 * evaluate, predict, summary, weights). Depends on every core package below it.
 */
package dev.neurona.models;
