package dev.neurona.tensor;

import dev.neurona.tensor.kernel.Broadcasting.BinaryOp;

/**
 * Tensor's elementwise arithmetic and comparisons, broadcasting as NumPy does. Package-private: its methods are {@link Tensor}'s, grouped here so that each group
 * stays short; every one only checks arguments and delegates to the op group that does the math.
 */
sealed interface ElementwiseMethods permits Tensor {

    /** This tensor (the only implementation is {@link Tensor}). */
    private Tensor self() {
        return (Tensor) this;
    }


    /** {@code this + other}, broadcasting. */
    default Tensor add(Tensor other) {
        return MathOps.add(self(), other);
    }

    /** {@code this + value}. */
    default Tensor add(float value) {
        return MathOps.add(self(), Tensor.scalar(value));
    }

    /** {@code this − other}, broadcasting. */
    default Tensor sub(Tensor other) {
        return MathOps.sub(self(), other);
    }

    /** {@code this − value}. */
    default Tensor sub(float value) {
        return MathOps.sub(self(), Tensor.scalar(value));
    }

    /** {@code this · other} elementwise, broadcasting. */
    default Tensor mul(Tensor other) {
        return MathOps.mul(self(), other);
    }

    /** {@code this · value}. */
    default Tensor mul(float value) {
        return MathOps.mul(self(), Tensor.scalar(value));
    }

    /** {@code this / other} elementwise, broadcasting. */
    default Tensor div(Tensor other) {
        return MathOps.div(self(), other);
    }

    /** {@code this / value}. */
    default Tensor div(float value) {
        return MathOps.div(self(), Tensor.scalar(value));
    }

    /**
     * Inverted dropout: each value zeroed with probability {@code rate}, the others scaled by
     * {@code 1 / (1 − rate)}, in one pass. The mask comes from the counter-based stream
     * {@code streams} gives each time the op runs ({@link Seeds#derive} of a seed and a call
     * count, say), so a compiled step draws a new mask at every replay; the gradient is
     * {@code g · mask}.
     */
    default Tensor dropout(float rate, java.util.function.LongSupplier streams) {
        return DropoutOps.dropout(self(), rate, streams);
    }

    /** {@code −this}. */
    default Tensor neg() {
        return MathOps.neg(self());
    }

    /** {@code e^this}. */
    default Tensor exp() {
        return MathOps.exp(self());
    }

    /** The natural logarithm. */
    default Tensor log() {
        return MathOps.log(self());
    }

    /** The square root. */
    default Tensor sqrt() {
        return MathOps.sqrt(self());
    }

    /** {@code this²}. */
    default Tensor square() {
        return MathOps.square(self());
    }

    /** {@code this^exponent}. */
    default Tensor pow(float exponent) {
        return MathOps.pow(self(), exponent);
    }

    /** {@code |this|}; its gradient at 0 is 0. */
    default Tensor abs() {
        return MathOps.abs(self());
    }

    /** Limits every element to {@code [min, max]}; the gradient passes where {@code min ≤ x ≤ max}. */
    default Tensor clamp(float min, float max) {
        return MathOps.clamp(self(), min, max);
    }

    /**
     * Limits every element to {@code [min, max]}, bounds broadcasting, as {@code torch.clamp}:
     * {@code minimum(maximum(this, min), max)} (so {@code max} wins where {@code min > max}). The
     * gradient goes to this tensor where {@code min ≤ this ≤ max}, else to the bound that applies.
     */
    default Tensor clamp(Tensor min, Tensor max) {
        return MathOps.clamp(self(), min, max);
    }

    /** The elementwise maximum, broadcasting; on ties each side gets half the gradient. */
    default Tensor maximum(Tensor other) {
        return MathOps.maximum(self(), other);
    }

    /** The elementwise maximum with a constant. */
    default Tensor maximum(float value) {
        return MathOps.maximum(self(), Tensor.scalar(value));
    }

    /** The elementwise minimum, broadcasting; on ties each side gets half the gradient. */
    default Tensor minimum(Tensor other) {
        return MathOps.minimum(self(), other);
    }

    /** The elementwise minimum with a constant. */
    default Tensor minimum(float value) {
        return MathOps.minimum(self(), Tensor.scalar(value));
    }

    /** 1 where {@code this > other}, else 0 (a mask; no gradient). */
    default Tensor gt(Tensor other) {
        return MathOps.compare(BinaryOp.GT, self(), other);
    }

    /** 1 where {@code this > value}, else 0. */
    default Tensor gt(float value) {
        return gt(Tensor.scalar(value));
    }

    /** 1 where {@code this ≥ other}, else 0. */
    default Tensor ge(Tensor other) {
        return MathOps.compare(BinaryOp.GE, self(), other);
    }

    /** 1 where {@code this ≥ value}, else 0. */
    default Tensor ge(float value) {
        return ge(Tensor.scalar(value));
    }

    /** 1 where {@code this < other}, else 0. */
    default Tensor lt(Tensor other) {
        return MathOps.compare(BinaryOp.LT, self(), other);
    }

    /** 1 where {@code this < value}, else 0. */
    default Tensor lt(float value) {
        return lt(Tensor.scalar(value));
    }

    /** 1 where {@code this ≤ other}, else 0. */
    default Tensor le(Tensor other) {
        return MathOps.compare(BinaryOp.LE, self(), other);
    }

    /** 1 where {@code this ≤ value}, else 0. */
    default Tensor le(float value) {
        return le(Tensor.scalar(value));
    }

    /** 1 where {@code this == other}, else 0. */
    default Tensor eq(Tensor other) {
        return MathOps.compare(BinaryOp.EQ, self(), other);
    }

    /** 1 where {@code this == value}, else 0. */
    default Tensor eq(float value) {
        return eq(Tensor.scalar(value));
    }

    /** 1 where {@code this != other} (NaN included), else 0: a mask, no gradient. */
    default Tensor ne(Tensor other) {
        return MathOps.compare(BinaryOp.NE, self(), other);
    }

    /** 1 where {@code this != value}, else 0. */
    default Tensor ne(float value) {
        return ne(Tensor.scalar(value));
    }

    /** This tensor repeated along broadcast dimensions to {@code shape}. */
    default Tensor broadcastTo(int... shape) {
        return MathOps.broadcastTo(self(), Shape.checked("broadcastTo", shape));
    }

}
