/**
 * One runnable {@code main} per lecture topic, each a short handout that prints what the slide
 * shows: the perceptron and its failure on XOR ({@link dev.neurona.examples.PerceptronExample}),
 * perceptrons combined into a network that solves XOR ({@link dev.neurona.examples.XorNetworkExample}),
 * gradient descent and the learning rate ({@link dev.neurona.examples.GradientDescentExample}),
 * the worked backpropagation example ({@link dev.neurona.examples.BackpropExample}), the output
 * layers and losses of regression, binary and multi-class networks
 * ({@link dev.neurona.examples.RegressionExample}, {@link dev.neurona.examples.BinaryClassificationExample},
 * {@link dev.neurona.examples.MultiClassExample}), the optimizers side by side
 * ({@link dev.neurona.examples.OptimizersExample}) and the lecture's Keras network on
 * Fashion-MNIST ({@link dev.neurona.examples.FashionMnistExample}).
 *
 * <p>Run one from the repository root with
 * <pre>
 * ./mvnw -q -pl neurona-examples -am compile exec:java -Dexec.mainClass=dev.neurona.examples.PerceptronExample
 * </pre>
 *
 * <p>Depends on {@code neurona-core} only, through its public API, as a user's code would.
 * Every example is deterministic (fixed seeds), so its output can be compared with the slides.
 */
package dev.neurona.examples;
