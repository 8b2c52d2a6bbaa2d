package dev.neurona.activations;

import dev.neurona.tensor.Tensor;
import java.util.function.UnaryOperator;

/**
 * An activation without parameters: a name and the tensor function it stands for. Two
 * instances are equal when their names are, which is what a config round-trip needs.
 */
final class SimpleActivation implements Activation {

    private final String name;
    private final UnaryOperator<Tensor> function;

    SimpleActivation(String name, UnaryOperator<Tensor> function) {
        this.name = name;
        this.function = function;
    }

    @Override
    public Tensor apply(Tensor x) {
        return function.apply(x);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SimpleActivation other && other.name.equals(name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return name;
    }
}
