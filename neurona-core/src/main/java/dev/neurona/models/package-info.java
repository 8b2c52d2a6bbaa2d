/**
 * Models: {@link dev.neurona.models.Sequential}, the Keras-style entry point (compile, fit,
 * resume, evaluate, predict, summary, weights, save, load). Depends on every core package below
 * it, including {@code io} for model files. {@link dev.neurona.models.ClusterTrainer} is the
 * service-provider interface through which {@code neurona-spark} trains a model on a cluster.
 */
package dev.neurona.models;
