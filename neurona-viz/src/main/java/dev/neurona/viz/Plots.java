package dev.neurona.viz;

import dev.neurona.data.Dataset;
import dev.neurona.metrics.ConfusionMatrix;
import dev.neurona.models.Model;
import dev.neurona.optim.Optimizer;
import dev.neurona.perceptron.OneVsRestResult;
import dev.neurona.perceptron.PerceptronResult;
import dev.neurona.tensor.Tensor;
import dev.neurona.train.History;
import java.util.List;

/**
 * The pictures, one static method each; every one returns a {@link Figure} to save as PNG or SVG
 * or to put into a {@link Report}. Each method's Javadoc says what {@link Figure#seriesCount()}
 * counts.
 *
 * <pre>{@code
 * History history = model.fit(data, Fit.epochs(200).verbose(0));
 * Plots.history(history).savePng(Path.of("history.png"));
 * Plots.decisionBoundary(model, data).saveSvg(Path.of("boundary.svg"));
 * Plots.optimizerPaths(Function2d.rosenbrock(), new SGD(1e-3), new SGD(1e-3).momentum(0.9), new Adam(0.05))
 *      .savePng(Path.of("optimizers.png"));
 * }</pre>
 */
public final class Plots {

    /** The default number of optimizer steps in {@link #optimizerPaths(Function2d, Optimizer...)}. */
    public static final int DEFAULT_STEPS = 100;
    /** The default number of gradient-descent steps in {@link #learningRates(Function1d, double...)}. */
    public static final int DEFAULT_LR_STEPS = 12;

    private Plots() {
    }

    /**
     * Loss and each metric per epoch, training and (where logged) validation, one panel per
     * quantity; the learning rate {@code lr} is left out. Series: one per history key drawn.
     */
    public static Figure history(History history) {
        return TrainingPlots.history(history);
    }

    /**
     * The network's class regions over the data's bounding box (widened by 15 %), shaded by
     * confidence, with the data points coloured by their class. Binary models (one sigmoid, tanh or
     * linear output) and multi-class ones ({@code [n, K]} outputs) alike. Series: one per class
     * present in the data. Any model of one input and one output (Sequential, functional or
     * subclassed).
     *
     * @param data 2-D inputs {@code [n, 2]}; targets 0/1, −1/+1, class ids or one-hot
     */
    public static Figure decisionBoundary(Model model, Dataset data) {
        return decisionBoundary(Classifier.of(model), data);
    }

    /** {@link #decisionBoundary(Model, Dataset)} for a trained perceptron (its line splits the plane). */
    public static Figure decisionBoundary(PerceptronResult perceptron, Dataset data) {
        return decisionBoundary(Classifier.of(perceptron), data);
    }

    /** {@link #decisionBoundary(Model, Dataset)} for one-vs-rest perceptrons. */
    public static Figure decisionBoundary(OneVsRestResult perceptrons, Dataset data) {
        return decisionBoundary(Classifier.of(perceptrons), data);
    }

    /** {@link #decisionBoundary(Model, Dataset)} for any {@link Classifier}. */
    public static Figure decisionBoundary(Classifier classifier, Dataset data) {
        return decisionBoundary(classifier, data, Box.around(data.x(), 0.15));
    }

    /** {@link #decisionBoundary(Classifier, Dataset)} over a given part of the plane. */
    public static Figure decisionBoundary(Classifier classifier, Dataset data, Box box) {
        return ClassPlots.decisionBoundary("Decision boundary", classifier, data, box);
    }

    /**
     * The perceptron's separating line {@code w0 + w1·x1 + w2·x2 = 0} after each epoch (grey,
     * dashed, darker later; the last one red), over the data. Runs of more than 12 epochs show 12
     * evenly spaced ones, the last included. Series: one per class present plus one per line drawn
     * (all-zero weights draw none).
     */
    public static Figure perceptronSteps(PerceptronResult result, Dataset data) {
        return ClassPlots.perceptronSteps("Perceptron: the line after each epoch", result, data);
    }

    /**
     * The lecture's "different optimizers" picture: the function shaded and contoured (on a log
     * scale), and the path each optimizer takes from the same start in {@value #DEFAULT_STEPS}
     * steps. The optimizers are the library's own, stepped on a 2-element parameter whose gradient
     * autograd computes; pass fresh ones (each keeps its state). A diverging path ends where it
     * leaves the picture. Series: the contours, one per optimizer, and the minimum where known.
     */
    public static Figure optimizerPaths(Function2d function, Optimizer... optimizers) {
        return optimizerPaths(function, DEFAULT_STEPS, optimizers);
    }

    /** {@link #optimizerPaths(Function2d, Optimizer...)} with {@code steps} steps. */
    public static Figure optimizerPaths(Function2d function, int steps, Optimizer... optimizers) {
        return OptimizerPlots.optimizerPaths(function, steps, List.of(optimizers));
    }

    /**
     * The lecture's learning-rate picture: one panel per learning rate with the loss curve and the
     * {@value #DEFAULT_LR_STEPS} steps of gradient descent ({@code SGD}) from the function's start,
     * titled with the outcome (slow, converges, diverges). Series: two per learning rate.
     */
    public static Figure learningRates(Function1d function, double... etas) {
        return learningRates(function, DEFAULT_LR_STEPS, etas);
    }

    /** {@link #learningRates(Function1d, double...)} with {@code steps} steps. */
    public static Figure learningRates(Function1d function, int steps, double... etas) {
        return OptimizerPlots.learningRates(function, steps, etas);
    }

    /**
     * The counts {@code [true][predicted]} as shaded cells with the numbers written in (white on
     * the dark cells, black on the light ones); classes named 0…K−1. Series: 1.
     */
    public static Figure confusionMatrix(int[][] counts) {
        return ConfusionPlot.confusionMatrix(counts, null);
    }

    /** {@link #confusionMatrix(int[][])} with class names. */
    public static Figure confusionMatrix(int[][] counts, List<String> classNames) {
        return ConfusionPlot.confusionMatrix(counts, classNames);
    }

    /** {@link #confusionMatrix(int[][])} of an accumulated metric. */
    public static Figure confusionMatrix(ConfusionMatrix metric) {
        return ConfusionPlot.confusionMatrix(metric.matrix(), null);
    }

    /**
     * A regression's predictions on {@code data} against its targets, with the line y = x on which
     * a perfect model's points would lie; both axes span the same range. Outputs with several
     * columns get one point set each. At most 5,000 points per output are drawn (an evenly spaced
     * sample of larger sets). Series: the line plus one per output.
     */
    public static Figure predictedVsActual(Model model, Dataset data) {
        ModelLayers.requireSingle(model, "predictedVsActual");
        return RegressionPlots.predictedVsActual(data.y(), model.predict(data.x()));
    }

    /** {@link #predictedVsActual(Model, Dataset)} of given targets and predictions (same shape). */
    public static Figure predictedVsActual(Tensor actual, Tensor predicted) {
        return RegressionPlots.predictedVsActual(actual, predicted);
    }

    /**
     * The residuals {@code actual − predicted} against the prediction, with the zero line: a good
     * fit scatters evenly around it at every prediction; a curve or funnel shows what is left to
     * learn. Series: the line plus one per output.
     */
    public static Figure residuals(Model model, Dataset data) {
        ModelLayers.requireSingle(model, "residuals");
        return RegressionPlots.residuals(data.y(), model.predict(data.x()));
    }

    /** {@link #residuals(Model, Dataset)} of given targets and predictions (same shape). */
    public static Figure residuals(Tensor actual, Tensor predicted) {
        return RegressionPlots.residuals(actual, predicted);
    }

    /**
     * Each named activation (Keras names, such as {@code "relu"}) and its derivative on [−5, 5],
     * one panel each; the derivatives come from autograd, so they are the ones training uses.
     * Series: two per activation.
     *
     * @throws IllegalArgumentException for an unknown name (listing the known ones) or softmax
     */
    public static Figure activations(String... names) {
        return TrainingPlots.activations(List.of(names));
    }

    /** {@link #activations(String...)} for sign, linear, sigmoid, tanh, relu, leaky_relu, elu, gelu and swish. */
    public static Figure activations() {
        return TrainingPlots.activations(TrainingPlots.LECTURE_ACTIVATIONS);
    }

    /**
     * The network's Dense layers as columns of neurons, as on the slides: edges coloured by the
     * weight's sign and as thick as its size, neurons filled by their bias. Layers wider than 10
     * show their first and last neurons around a gap. Series: one per column (the input included).
     * Draws a Sequential model, or a functional one whose layers form one chain from its input to
     * its output.
     *
     * @throws IllegalArgumentException for a functional model of several inputs or outputs or with
     *         a layer that joins branches, or a subclassed model (naming why), or one without Dense layers
     */
    public static Figure network(Model model) {
        return NetworkPlots.network(model);
    }

    /**
     * What every hidden neuron computes over the input plane, as TensorFlow Playground shows it:
     * one small map per neuron (orange negative, white zero, blue positive), one row per hidden
     * Dense layer (at most 16 maps a row). Series: one per map.
     *
     * Takes the models {@link #network(Model)} draws.
     *
     * @param data 2-D inputs {@code [n, 2]}; their bounding box is the plane shown
     */
    public static Figure neuronMaps(Model model, Dataset data) {
        return NetworkPlots.neuronMaps(model, data);
    }

    /**
     * The learned kernels of the model's first {@link dev.neurona.nn.Conv2D} layer, one small
     * image per filter (the first {@value ConvPlots#MAX_TILES}), each cell one kernel weight:
     * a kernel of one input channel in grey, of three as RGB (channel 0 red), of any other
     * number as the mean over its input channels in grey; each filter scaled on its own from its
     * smallest weight (black) to its largest (white), a constant one mid-grey. First-layer filters
     * of an image model show the edges and blobs it looks for. Series: one per filter drawn.
     *
     * @throws IllegalArgumentException for a model without a Conv2D layer (listing its layers) or not built
     */
    public static Figure convFilters(Model model) {
        return ConvPlots.convFilters(model, null);
    }

    /** {@link #convFilters(Model)} of the Conv2D layer named {@code layerName} (such as {@code "conv2d_2"}). */
    public static Figure convFilters(Model model, String layerName) {
        return ConvPlots.convFilters(model, layerName);
    }

    /**
     * What one image becomes at the model's first Conv2D layer: one tile per output channel (the
     * first {@value ConvPlots#MAX_TILES}), each scaled on its own from its smallest activation
     * (black) to its largest (white), a constant one black. The activations are computed by
     * running the model's own layers, in inference mode, from the input up to that layer.
     * Series: one per channel drawn.
     *
     * @param image one image as the model takes it, {@code [height, width, channels]}, or a batch of
     *              one {@code [1, height, width, channels]} ({@code [height, width]} for one channel)
     * @throws IllegalArgumentException for an image of another shape (naming both), a model without
     *         Conv2D layers, a subclassed model (whose layer order is in its code) or one of several inputs
     */
    public static Figure featureMaps(Model model, Tensor image) {
        return ConvPlots.featureMaps(model, image, null);
    }

    /**
     * {@link #featureMaps(Model, Tensor)} at the layer named {@code layerName}, any layer whose
     * output is images {@code [batch, height, width, channels]} (a convolution, pooling or
     * normalization layer).
     */
    public static Figure featureMaps(Model model, Tensor image, String layerName) {
        return ConvPlots.featureMaps(model, image, layerName);
    }
}
