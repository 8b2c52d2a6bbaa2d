package dev.neurona.nn;

import dev.neurona.names.ConfigKeys;
import dev.neurona.nn.init.Initializer;
import dev.neurona.nn.init.Initializers;
import dev.neurona.tensor.Compiled;
import dev.neurona.tensor.Parameter;
import dev.neurona.tensor.Tensor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Batch normalization (Ioffe and Szegedy, 2015), as Keras's {@code BatchNormalization}:
 * {@code y = γ · (x − μ) / sqrt(σ² + ε) + β} per channel ({@code axis}, the last by default),
 * the statistics taken over every other axis. In training μ and σ² are the batch's (the biased
 * variance, as Keras) and the moving statistics follow them,
 * {@code moving = moving · momentum + batch · (1 − momentum)}; in inference the moving
 * statistics are used. Works on any rank: after Dense ({@code [batch, units]}) and after a
 * convolution ({@code [batch, h, w, channels]}).
 *
 * <p>Weights, in Keras's order: {@code gamma} and {@code beta} (trainable, present with
 * {@code scale} and {@code center}), {@code moving_mean} and {@code moving_variance}
 * (non-trainable, saved with the model). The update is an in-place op
 * ({@link Parameter#assignMovingAverage}), so a compiled training step updates them at every
 * replay exactly as an eager step does. Defaults as Keras: momentum 0.99, epsilon 1e-3.
 */
public final class BatchNormalization extends Layer {

    private int axis = -1;
    /** As given (saved so in the config); the arithmetic uses them as floats. */
    private double momentum = 0.99;
    private double epsilon = 1e-3;
    private boolean center = true;
    private boolean scale = true;
    private Initializer betaInitializer = Initializers.zeros();
    private Initializer gammaInitializer = Initializers.ones();
    private Initializer movingMeanInitializer = Initializers.zeros();
    private Initializer movingVarianceInitializer = Initializers.ones();
    private Regularizer betaRegularizer;
    private Regularizer gammaRegularizer;
    private Parameter gamma;
    private Parameter beta;
    private Parameter movingMean;
    private Parameter movingVariance;
    private int[] reduced;     // the batched axes the statistics are taken over
    private int[] statShape;   // [1, …, channels, …, 1], or null when the channels are the last axis

    /** Normalizes the last axis with Keras's defaults. */
    public BatchNormalization() {
    }

    /**
     * The channel axis of the batched input ({@code -1}, the last, by default; {@code 1} the
     * first of a sample).
     *
     * @return this layer
     */
    public BatchNormalization axis(int axis) {
        unbuilt();
        if (axis == 0) {
            throw new IllegalArgumentException("BatchNormalization: axis 0 is the batch axis; give the channel axis");
        }
        this.axis = axis;
        return this;
    }

    /**
     * How much of the moving statistics each training step keeps, in {@code [0, 1]} (default 0.99;
     * PyTorch's momentum is {@code 1 − } this).
     *
     * @return this layer
     */
    public BatchNormalization momentum(double momentum) {
        if (!(momentum >= 0 && momentum <= 1)) {
            throw new IllegalArgumentException("BatchNormalization: momentum must be in [0, 1], got " + momentum);
        }
        this.momentum = momentum;
        Compiled.structureChanged();
        return this;
    }

    /**
     * Added to the variance before the square root (default 1e-3), positive.
     *
     * @return this layer
     */
    public BatchNormalization epsilon(double epsilon) {
        if (!(epsilon > 0) || !Float.isFinite((float) epsilon) || (float) epsilon == 0f) {
            throw new IllegalArgumentException("BatchNormalization: epsilon must be a positive float, got " + epsilon);
        }
        this.epsilon = epsilon;
        Compiled.structureChanged();
        return this;
    }

    /** Whether to add the learned offset β (default true). */
    public BatchNormalization center(boolean center) {
        unbuilt();
        this.center = center;
        return this;
    }

    /** Whether to multiply by the learned scale γ (default true). */
    public BatchNormalization scale(boolean scale) {
        unbuilt();
        this.scale = scale;
        return this;
    }

    /** β's initializer (default zeros). */
    public BatchNormalization betaInitializer(Initializer initializer) {
        unbuilt();
        this.betaInitializer = nonNull(initializer, "beta_initializer");
        return this;
    }

    /** γ's initializer (default ones). */
    public BatchNormalization gammaInitializer(Initializer initializer) {
        unbuilt();
        this.gammaInitializer = nonNull(initializer, "gamma_initializer");
        return this;
    }

    /** The moving mean's initializer (default zeros). */
    public BatchNormalization movingMeanInitializer(Initializer initializer) {
        unbuilt();
        this.movingMeanInitializer = nonNull(initializer, "moving_mean_initializer");
        return this;
    }

    /** The moving variance's initializer (default ones). */
    public BatchNormalization movingVarianceInitializer(Initializer initializer) {
        unbuilt();
        this.movingVarianceInitializer = nonNull(initializer, "moving_variance_initializer");
        return this;
    }

    /** A penalty on β added to the loss, or {@code null}. */
    public BatchNormalization betaRegularizer(Regularizer regularizer) {
        this.betaRegularizer = regularizer;
        Compiled.structureChanged();
        return this;
    }

    /** A penalty on γ added to the loss, or {@code null}. */
    public BatchNormalization gammaRegularizer(Regularizer regularizer) {
        this.gammaRegularizer = regularizer;
        Compiled.structureChanged();
        return this;
    }

    /** γ, or {@code null} before build or without {@code scale}. */
    public Parameter gamma() {
        return gamma;
    }

    /** β, or {@code null} before build or without {@code center}. */
    public Parameter beta() {
        return beta;
    }

    /** The moving mean (non-trainable), or {@code null} before build. */
    public Parameter movingMean() {
        return movingMean;
    }

    /** The moving variance (non-trainable), or {@code null} before build. */
    public Parameter movingVariance() {
        return movingVariance;
    }

    /** The momentum of the moving statistics. */
    public float momentum() {
        return (float) momentum;
    }

    /** The epsilon added to the variance. */
    public float epsilon() {
        return (float) epsilon;
    }

    @Override
    protected void createWeights(int[] inputShape, Random random) {
        int a = LayerShapes.sampleAxis(label(), axis, inputShape.length);
        int channels = inputShape[a];
        int[] shape = {channels};
        if (scale) {
            gamma = addWeight("gamma", gammaInitializer.create(shape, random));
        }
        if (center) {
            beta = addWeight("beta", betaInitializer.create(shape, random));
        }
        movingMean = addWeight("moving_mean", movingMeanInitializer.create(shape, random));
        movingVariance = addWeight("moving_variance", movingVarianceInitializer.create(shape, random));
        movingMean.trainable(false);
        movingVariance.trainable(false);
        int rank = inputShape.length + 1;
        reduced = new int[rank - 1];
        for (int i = 0, k = 0; i < rank; i++) {
            if (i != a + 1) {
                reduced[k++] = i;
            }
        }
        if (a == inputShape.length - 1) {
            statShape = null;
        } else {
            statShape = new int[rank];
            Arrays.fill(statShape, 1);
            statShape[a + 1] = channels;
        }
    }

    @Override
    public int[] outputShape(int[] inputShape) {
        LayerShapes.sampleAxis(label(), axis, inputShape.length);
        return inputShape.clone();
    }

    @Override
    protected Tensor forward(Tensor x, Mode mode) {
        if (statShape == null) {
            // channels last: the fused primitives (one pass each way, folded into a convolution in inference)
            if (mode == Mode.TRAINING) {
                return x.batchNorm(gamma, beta, movingMean, movingVariance, (float) momentum, (float) epsilon);
            }
            Tensor std = movingVariance.add((float) epsilon).sqrt();
            Tensor factor = scale ? gamma.div(std) : Tensor.scalar(1f).div(std);
            return x.normalizeChannels(movingMean, factor, center ? beta : null);
        }
        Tensor mean;
        Tensor variance;
        if (mode == Mode.TRAINING) {
            mean = x.mean(reduced, true);
            variance = x.var(reduced, true);
            movingMean.assignMovingAverage(mean, (float) momentum);
            movingVariance.assignMovingAverage(variance, (float) momentum);
        } else {
            mean = perChannel(movingMean);
            variance = perChannel(movingVariance);
        }
        Tensor y = x.sub(mean).div(variance.add((float) epsilon).sqrt());
        if (scale) {
            y = y.mul(perChannel(gamma));
        }
        if (center) {
            y = y.add(perChannel(beta));
        }
        return y;
    }

    /** A per-channel vector shaped to broadcast against the batch. */
    private Tensor perChannel(Tensor v) {
        return statShape == null ? v : v.reshape(statShape);
    }

    @Override
    public Tensor regularizationLoss() {
        Tensor penalty = null;
        if (gammaRegularizer != null && gamma != null) {
            penalty = gammaRegularizer.penalty(gamma);
        }
        if (betaRegularizer != null && beta != null) {
            Tensor b = betaRegularizer.penalty(beta);
            penalty = penalty == null ? b : penalty.add(b);
        }
        return penalty;
    }

    @Override
    public long countParams(int[] inputShape) {
        int a = LayerShapes.sampleAxis(label(), axis, inputShape.length);
        long channels = inputShape[a];
        return channels * (2 + (scale ? 1 : 0) + (center ? 1 : 0));
    }

    @Override
    protected Map<String, Object> settings() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("axis", axis);
        s.put("momentum", momentum);
        s.put("epsilon", epsilon);
        s.put("center", center);
        s.put("scale", scale);
        s.put("beta_initializer", betaInitializer.config());
        s.put("gamma_initializer", gammaInitializer.config());
        s.put("moving_mean_initializer", movingMeanInitializer.config());
        s.put("moving_variance_initializer", movingVarianceInitializer.config());
        if (betaRegularizer != null) {
            s.put("beta_regularizer", betaRegularizer.config());
        }
        if (gammaRegularizer != null) {
            s.put("gamma_regularizer", gammaRegularizer.config());
        }
        return s;
    }

    /**
     * Rebuilds the layer from its config: every key optional ({@code axis}, {@code momentum},
     * {@code epsilon}, {@code center}, {@code scale}, the four initializers, the two regularizers;
     * Keras's {@code synchronized} only as false), defaults as Keras.
     */
    public static BatchNormalization fromConfig(Map<String, Object> config) {
        ConfigKeys c = ConfigKeys.of(config).only("type", "name", "axis", "momentum", "epsilon", "center", "scale",
                "beta_initializer", "gamma_initializer", "moving_mean_initializer", "moving_variance_initializer",
                "beta_regularizer", "gamma_regularizer", "synchronized");
        if (c.bool("synchronized", false)) {
            throw new dev.neurona.names.ConfigException("synchronized", "Neurona trains on one device; must be false");
        }
        BatchNormalization b = new BatchNormalization();
        int axis = (int) c.integer("axis", -1, -32, 32);
        LayerConfigs.built("axis", () -> b.axis(axis));
        b.momentum(c.number("momentum", 0.99, 0, 1));
        double eps = c.number("epsilon", 1e-3, Double.MIN_VALUE, Float.MAX_VALUE);
        LayerConfigs.built("epsilon", () -> b.epsilon(eps));
        b.center(c.bool("center", true)).scale(c.bool("scale", true));
        if (c.has("beta_initializer")) {
            b.betaInitializer(LayerConfigs.initializer(c, "beta_initializer"));
        }
        if (c.has("gamma_initializer")) {
            b.gammaInitializer(LayerConfigs.initializer(c, "gamma_initializer"));
        }
        if (c.has("moving_mean_initializer")) {
            b.movingMeanInitializer(LayerConfigs.initializer(c, "moving_mean_initializer"));
        }
        if (c.has("moving_variance_initializer")) {
            b.movingVarianceInitializer(LayerConfigs.initializer(c, "moving_variance_initializer"));
        }
        if (c.has("beta_regularizer")) {
            b.betaRegularizer(LayerConfigs.regularizer(c, "beta_regularizer"));
        }
        if (c.has("gamma_regularizer")) {
            b.gammaRegularizer(LayerConfigs.regularizer(c, "gamma_regularizer"));
        }
        return b;
    }

    private void unbuilt() {
        if (isBuilt()) {
            throw new IllegalStateException(label() + ": weights already exist; configure the layer before it is built");
        }
    }

    private static <T> T nonNull(T value, String what) {
        if (value == null) {
            throw new IllegalArgumentException("BatchNormalization: " + what + " must not be null");
        }
        return value;
    }
}
