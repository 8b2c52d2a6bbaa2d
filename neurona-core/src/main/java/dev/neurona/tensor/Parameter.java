package dev.neurona.tensor;

/**
 * A named trainable tensor: a leaf that requires grad, whose stable path name (such as
 * {@code "dense_1/kernel"}) keys the weights file and the optimizer's slot state.
 */
public final class Parameter extends Tensor {

    private String name;
    private boolean trainable = true;
    private HostAccess constraint;

    /** A parameter holding a copy of {@code initial}'s values. */
    public Parameter(String name, Tensor initial) {
        super(initial.array().clone(), initial.shape.clone());
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("Parameter: name must not be blank");
        }
        this.name = name;
        this.requiresGrad = true;
    }

    /** The path name, such as {@code "dense_1/kernel"}. */
    public String name() {
        return name;
    }

    /**
     * Gives the parameter a new path name: its layer calls this when the layer moves under
     * another one (a model nested in a model, a child added to a block), so that the name
     * says where the weight lives ({@code "encoder/dense_1/kernel"}). Slot state an optimizer
     * keeps under the old name is not moved.
     *
     * @return this parameter
     */
    public Parameter rename(String path) {
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("Parameter: name must not be blank");
        }
        this.name = path;
        return this;
    }

    /** Whether optimizers update this parameter (frozen parameters still take part in the forward pass). */
    public boolean trainable() {
        return trainable;
    }

    /** Freezes or unfreezes this parameter; a frozen one records no gradient. */
    public Parameter trainable(boolean trainable) {
        if (trainable != this.trainable) {
            Compiled.structureChanged();
        }
        this.trainable = trainable;
        this.requiresGrad = trainable;
        return this;
    }

    /**
     * The projection an optimizer runs on the values after each update of this parameter (a
     * layer's weight constraint, Keras's {@code kernel_constraint}), or {@code null}.
     */
    public HostAccess constraint() {
        return constraint;
    }

    /**
     * Sets the projection run on the values after each optimizer update, or {@code null} for none;
     * it runs at every step, so it must allocate nothing.
     *
     * @return this parameter
     */
    public Parameter constraint(HostAccess projection) {
        this.constraint = projection;
        return this;
    }

    /**
     * Overwrites the values with {@code values} of the same shape (as Keras's {@code assign}).
     *
     * @throws IllegalArgumentException naming both shapes when they differ
     */
    public void assign(Tensor values) {
        if (!java.util.Arrays.equals(values.shape, shape)) {
            throw new IllegalArgumentException("assign " + name + ": shape " + Shape.toString(values.shape)
                    + " does not match the parameter's " + Shape.toString(shape));
        }
        System.arraycopy(values.array(), 0, array(), 0, array().length);
    }

    /**
     * Moves the values towards {@code value} in place, {@code this = this·momentum + value·(1 − momentum)}
     * element by element (Keras's moving-average rule, as batch normalization updates its
     * moving statistics). It is an op: inside a {@link Compiled} step it runs again at every
     * replay, reading {@code value}'s values then, so a compiled training step keeps updating
     * (allocating nothing); no gradient flows.
     *
     * @param value as many values as this parameter (any shape of that size: {@code [1, 1, c]} for {@code [c]})
     * @throws IllegalArgumentException naming both shapes when the sizes differ
     */
    public void assignMovingAverage(Tensor value, float momentum) {
        if (value == null || value.size() != size()) {
            throw new IllegalArgumentException("assignMovingAverage " + name + ": needs " + size() + " values (shape "
                    + Shape.toString(shape) + "), got " + (value == null ? "null" : "shape " + Shape.toString(value.shape)));
        }
        if (!(momentum >= 0f && momentum <= 1f)) {
            throw new IllegalArgumentException("assignMovingAverage " + name + ": momentum must be in [0, 1], got " + momentum);
        }
        float keep = momentum;
        float take = 1f - momentum;
        Graph.effect("moving_average", () -> {
            float[] m = array();
            float[] v = value.array();
            for (int i = 0; i < m.length; i++) {
                m[i] = m[i] * keep + v[i] * take;
            }
        }, this, this, value);
    }

    /**
     * Replaces the accumulated gradient with {@code values[offset .. offset + size())} times
     * {@code scale}: for gradients computed elsewhere, such as summed over Spark partitions.
     *
     * @throws IllegalArgumentException when {@code values} holds fewer than {@code size()} values from {@code offset}
     */
    public void setGrad(float[] values, int offset, float scale) {
        if (offset < 0 || values.length - offset < array().length) {
            throw new IllegalArgumentException("setGrad " + name + ": needs " + array().length + " values from offset "
                    + offset + ", got an array of " + values.length);
        }
        if (grad == null) {
            grad = new Tensor(new float[array().length], shape.clone());
        }
        gradZeroed = false;
        float[] g = grad.array();
        for (int i = 0; i < g.length; i++) {
            g[i] = values[offset + i] * scale;
        }
    }

    @Override
    public String toString() {
        return name + " " + super.toString();
    }
}
