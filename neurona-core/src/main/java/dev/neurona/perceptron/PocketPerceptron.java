package dev.neurona.perceptron;

/**
 * The pocket algorithm (Gallant, 1990): the perceptron's updates, but the result is the
 * weight vector with the fewest training errors seen so far — kept "in the pocket" — rather
 * than the last one. On data that no hyperplane separates (where the plain perceptron
 * cycles for ever) this gives a useful linear classifier.
 *
 * <p>After every update the new weights are scored on the whole training set (errors counted
 * as {@code y·(w·x̃) <= 0}) and pocketed when strictly better, so one epoch costs
 * {@code O(mistakes · n · d)}. {@link PerceptronResult#weights()} and
 * {@link PerceptronResult#weightsAfterEpoch(int)} report the pocketed weights;
 * {@link PerceptronResult#trainingErrors()} their error count. On separable data the result
 * equals the plain perceptron's.
 *
 * <pre>{@code
 * PerceptronResult r = new PocketPerceptron().maxEpochs(50).shuffle(true).seed(7).fit(x, y);
 * }</pre>
 */
public class PocketPerceptron extends Perceptron {

    /** A pocket perceptron with the {@link Perceptron} defaults. */
    public PocketPerceptron() {
    }

    @Override
    public PocketPerceptron learningRate(double eta) {
        super.learningRate(eta);
        return this;
    }

    @Override
    public PocketPerceptron maxEpochs(int epochs) {
        super.maxEpochs(epochs);
        return this;
    }

    @Override
    public PocketPerceptron shuffle(boolean shuffle) {
        super.shuffle(shuffle);
        return this;
    }

    @Override
    public PocketPerceptron seed(long seed) {
        super.seed(seed);
        return this;
    }

    @Override
    public PocketPerceptron initialWeights(float... weights) {
        super.initialWeights(weights);
        return this;
    }

    @Override
    boolean keepsPocket() {
        return true;
    }
}
