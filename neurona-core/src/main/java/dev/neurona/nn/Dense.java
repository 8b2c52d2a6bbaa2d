package dev.neurona.nn;

import dev.neurona.activations.Activation;
import dev.neurona.activations.Activations;
import dev.neurona.nn.init.Initializer;
import dev.neurona.nn.init.Initializers;
import dev.neurona.tensor.Compiled;
import dev.neurona.tensor.Parameter;
import dev.neurona.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * A fully connected layer: {@code y = activation(x · W + b)} with the kernel {@code W} of
 * shape {@code [in, units]} (Keras layout) and the bias {@code b} of shape {@code [units]}.
 * This is the lecture's layer of perceptrons, each column of {@code W} one neuron's weights.
 *
 * <p>Input {@code [batch, in]} (or {@code [batch, …, in]}), output {@code [batch, units]}.
 * Defaults as Keras: Glorot-uniform kernel, zero bias, linear activation.
 *
 * <pre>{@code
 * Dense hidden = new Dense(64).activation(Activations.relu()).kernelInitializer(Initializers.heNormal());
 * }</pre>
 */
public final class Dense extends Layer {

    private final int units;
    private Activation activation = Activations.get("linear");
    private boolean useBias = true;
    private Initializer kernelInitializer = Initializers.glorotUniform();
    private Initializer biasInitializer = Initializers.zeros();
    private Regularizer kernelRegularizer;
    private Regularizer biasRegularizer;
    private Constraint kernelConstraint;
    private Constraint biasConstraint;
    private Parameter kernel;
    private Parameter bias;

    /** A layer of {@code units} neurons with a linear activation. */
    public Dense(int units) {
        if (units <= 0) {
            throw new IllegalArgumentException("Dense: units must be positive, got " + units);
        }
        this.units = units;
    }

    /** Sets the activation. */
    public Dense activation(Activation activation) {
        this.activation = requireNonNull(activation, "activation");
        Compiled.structureChanged();
        return this;
    }

    /** Sets the activation by Keras name, such as {@code "relu"}. */
    public Dense activation(String name) {
        return activation(Activations.get(name));
    }

    /** Whether the layer adds a bias (default true). */
    public Dense useBias(boolean useBias) {
        unbuilt();
        this.useBias = useBias;
        return this;
    }

    /** The kernel's initializer (default Glorot uniform). */
    public Dense kernelInitializer(Initializer initializer) {
        unbuilt();
        this.kernelInitializer = requireNonNull(initializer, "kernel initializer");
        return this;
    }

    /** The bias's initializer (default zeros). */
    public Dense biasInitializer(Initializer initializer) {
        unbuilt();
        this.biasInitializer = requireNonNull(initializer, "bias initializer");
        return this;
    }

    /** A penalty on the kernel added to the loss, or {@code null} for none. */
    public Dense kernelRegularizer(Regularizer regularizer) {
        this.kernelRegularizer = regularizer;
        Compiled.structureChanged();
        return this;
    }

    /** A penalty on the bias added to the loss, or {@code null} for none. */
    public Dense biasRegularizer(Regularizer regularizer) {
        this.biasRegularizer = regularizer;
        Compiled.structureChanged();
        return this;
    }

    /** A projection of the kernel after each optimizer update, such as {@code Constraints.maxNorm(3)}, or {@code null}. */
    public Dense kernelConstraint(Constraint constraint) {
        this.kernelConstraint = constraint;
        Constraints.bind(label(), kernel, constraint);
        return this;
    }

    /** A projection of the bias after each optimizer update, or {@code null} for none. */
    public Dense biasConstraint(Constraint constraint) {
        this.biasConstraint = constraint;
        Constraints.bind(label(), bias, constraint);
        return this;
    }

    /** The kernel's constraint, or {@code null}. */
    public Constraint kernelConstraint() {
        return kernelConstraint;
    }

    /** The bias's constraint, or {@code null}. */
    public Constraint biasConstraint() {
        return biasConstraint;
    }


    /** The number of neurons. */
    public int units() {
        return units;
    }

    /** The activation. */
    public Activation activation() {
        return activation;
    }

    /** The kernel {@code [in, units]}, or {@code null} before build. */
    public Parameter kernel() {
        return kernel;
    }

    /** The bias {@code [units]}, or {@code null} before build or without bias. */
    public Parameter bias() {
        return bias;
    }

    @Override
    protected void createWeights(int[] inputShape, Random random) {
        checkActivation(activation, label(), inputShape.length + 1);   // the output has the input's rank
        int in = inputShape[inputShape.length - 1];
        kernel = addWeight("kernel", kernelInitializer.create(new int[] {in, units}, random));
        Constraints.bind(label(), kernel, kernelConstraint);
        if (useBias) {
            bias = addWeight("bias", biasInitializer.create(new int[] {units}, random));
            Constraints.bind(label(), bias, biasConstraint);
        }
    }

    @Override
    public long countParams(int[] inputShape) {
        long in = inputShape[inputShape.length - 1];
        return in * units + (useBias ? units : 0);
    }

    @Override
    public int[] outputShape(int[] inputShape) {
        int[] out = inputShape.clone();
        out[out.length - 1] = units;
        return out;
    }

    @Override
    protected Tensor forward(Tensor x, Mode mode) {
        Tensor z = x.matmul(kernel);
        if (useBias) {
            z = z.add(bias);
        }
        return activation.apply(z);
    }

    @Override
    public Tensor regularizationLoss() {
        Tensor penalty = null;
        if (kernelRegularizer != null) {
            penalty = kernelRegularizer.penalty(kernel);
        }
        if (biasRegularizer != null && bias != null) {
            Tensor b = biasRegularizer.penalty(bias);
            penalty = penalty == null ? b : penalty.add(b);
        }
        return penalty;
    }

    @Override
    protected Map<String, Object> settings() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("units", units);
        s.put("activation", activation.config());
        s.put("use_bias", useBias);
        s.put("kernel_initializer", kernelInitializer.config());
        s.put("bias_initializer", biasInitializer.config());
        if (kernelRegularizer != null) {
            s.put("kernel_regularizer", kernelRegularizer.config());
        }
        if (biasRegularizer != null) {
            s.put("bias_regularizer", biasRegularizer.config());
        }
        if (kernelConstraint != null) {
            s.put("kernel_constraint", kernelConstraint.config());
        }
        if (biasConstraint != null) {
            s.put("bias_constraint", biasConstraint.config());
        }
        return s;
    }

    /** Fails at build, naming the layer, when the activation does not fit outputs of {@code rank} (a softmax axis beyond it). */
    static void checkActivation(Activation activation, String label, int rank) {
        try {
            activation.checkInputRank(rank);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(label + ": activation: " + e.getMessage(), e);
        }
    }

    private void unbuilt() {
        if (isBuilt()) {
            throw new IllegalStateException(label() + ": weights already exist; configure the layer before it is built");
        }
    }

    private static <T> T requireNonNull(T value, String what) {
        if (value == null) {
            throw new IllegalArgumentException("Dense: " + what + " must not be null");
        }
        return value;
    }
}
