package dev.neurona.viz;

import dev.neurona.tensor.NoGrad;
import dev.neurona.tensor.Tensor;

/**
 * A test function of two variables for {@link Plots#optimizerPaths}: its formula on tensors (so
 * autograd gives the gradient the optimizers follow), the box to draw, the start point of every
 * path and, where there is one, the minimum.
 *
 * <pre>{@code
 * Function2d himmelblau = new Function2d("Himmelblau",
 *         (x, y) -> x.square().add(y).sub(11).square().add(x.add(y.square()).sub(7).square()),
 *         new Box(-5, 5, -5, 5), new Function2d.Point(0, 0), new Function2d.Point(3, 2));
 * }</pre>
 *
 * @param minimum the global minimum to mark, or {@code null} (the saddle has none)
 */
public record Function2d(String name, Formula formula, Box box, Point start, Point minimum) {

    /** {@code f(x, y)} elementwise on tensors of equal shape, built from differentiable tensor ops. */
    @FunctionalInterface
    public interface Formula {
        Tensor apply(Tensor x, Tensor y);
    }

    /** A point of the plane. */
    public record Point(double x, double y) {
    }

    public Function2d {
        if (name == null || formula == null || box == null || start == null) {
            throw new IllegalArgumentException("Function2d: name, formula, box and start are required");
        }
    }

    /** The same function with paths starting at {@code (x, y)}. */
    public Function2d startingAt(double x, double y) {
        return new Function2d(name, formula, box, new Point(x, y), minimum);
    }

    /** The value at {@code (x, y)}. */
    public double valueAt(double x, double y) {
        try (NoGrad ignored = NoGrad.enter()) {
            return formula.apply(Tensor.of((float) x), Tensor.of((float) y)).toArray()[0];
        }
    }

    /**
     * An elongated quadratic bowl {@code 0.1·x² + 2·y²}: plain gradient descent zig-zags across the
     * narrow direction while crawling along the long one; momentum and Adam do better.
     */
    public static Function2d bowl() {
        return new Function2d("quadratic bowl 0.1x\u00b2 + 2y\u00b2",
                (x, y) -> x.square().mul(0.1f).add(y.square().mul(2f)),
                new Box(-6, 6, -3, 3), new Point(-5, -2), new Point(0, 0));
    }

    /** Rosenbrock's banana valley {@code (1 − x)² + 100·(y − x²)²}, minimum at (1, 1). */
    public static Function2d rosenbrock() {
        return new Function2d("Rosenbrock",
                (x, y) -> x.neg().add(1f).square().add(y.sub(x.square()).square().mul(100f)),
                new Box(-2, 2, -1, 3), new Point(-1.5, 2), new Point(1, 1));
    }

    /**
     * Beale's function {@code (1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)²}, minimum at
     * (3, 0.5), with flat plateaus and steep walls.
     */
    public static Function2d beale() {
        return new Function2d("Beale",
                (x, y) -> term(1.5f, x, y).add(term(2.25f, x, y.square())).add(term(2.625f, x, y.pow(3))),
                new Box(-4.5, 4.5, -4.5, 4.5), new Point(1, 1.4), new Point(3, 0.5));
    }

    private static Tensor term(float c, Tensor x, Tensor yPower) {
        return x.mul(yPower).sub(x).add(c).square();
    }

    /**
     * The saddle {@code x² − y²}: starting almost on the ridge, plain gradient descent lingers near
     * the saddle point while momentum and adaptive methods escape.
     */
    public static Function2d saddle() {
        return new Function2d("saddle x\u00b2 \u2212 y\u00b2",
                (x, y) -> x.square().sub(y.square()),
                new Box(-1.5, 1.5, -1.5, 1.5), new Point(-1.2, 0.01), null);
    }
}
