/**
 * The Rosenblatt perceptron, on its own as in the lecture: {@link dev.neurona.perceptron.Perceptron}
 * (the mistake-driven update {@code w ← w + η·y·x̃}), {@link dev.neurona.perceptron.PocketPerceptron}
 * (keeps the best weights on data that no line separates) and
 * {@link dev.neurona.perceptron.OneVsRestPerceptron} (one perceptron per class).
 *
 * <p>Plain {@code float[]} arithmetic on the augmented input {@code x̃ = (1, x1, …, xd)}; no
 * autograd. Depends on {@code dev.neurona.tensor} only.
 */
package dev.neurona.perceptron;
