package dev.neurona.testkit;

import dev.neurona.tensor.Compiled;
import dev.neurona.tensor.NoGrad;
import dev.neurona.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.BinaryOperator;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * Table-driven op tests: one line per case, each checking that the forward pass is finite
 * (and matches a double-precision reference when one is given) and that autograd agrees with
 * {@link GradCheck} on seeded random inputs.
 *
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicTest> unary() {
 *     return OpTable.tests(
 *             op("exp", Tensor::exp).shapes(new int[] {3, 4}).reference(Math::exp),
 *             op("log", Tensor::log).shapes(new int[] {3, 4}).range(0.5, 3),
 *             op2("add [3,4]+[4]", Tensor::add).shapes(new int[] {3, 4}, new int[] {4}));
 * }
 * }</pre>
 *
 * The gradient is checked through {@code sum(f(inputs) · w)} with fixed random weights
 * {@code w}, so that functions whose plain sum is constant (softmax) are still tested.
 */
public final class OpTable {

    private OpTable() {
    }

    /** A case for a function of one tensor. */
    public static OpCase op(String name, UnaryOperator<Tensor> f) {
        return new OpCase(name, in -> f.apply(in[0]), 1);
    }

    /** A case for a function of two tensors. */
    public static OpCase op2(String name, BinaryOperator<Tensor> f) {
        return new OpCase(name, in -> f.apply(in[0], in[1]), 2);
    }

    /** A case for a function of {@code arity} tensors. */
    public static OpCase opN(String name, int arity, Function<Tensor[], Tensor> f) {
        return new OpCase(name, f, arity);
    }

    /** One JUnit dynamic test per case, named after it. */
    public static Stream<DynamicTest> tests(OpCase... cases) {
        return Arrays.stream(cases).map(c -> DynamicTest.dynamicTest(c.toString(), c::check));
    }

    /** One op under test and how to draw its inputs. Setters return this case. */
    public static final class OpCase {

        private final String name;
        private final Function<Tensor[], Tensor> f;
        private final int arity;
        private int[][] shapes;
        private Tensor[] fixed;
        private final double[][] ranges;
        private final List<double[]> avoid = new ArrayList<>();
        private long seed = 42;
        private DoubleUnaryOperator reference;
        private int[] expectedShape;
        private GradCheck.Options options = GradCheck.Options.DEFAULTS;

        OpCase(String name, Function<Tensor[], Tensor> f, int arity) {
            this.name = name;
            this.f = f;
            this.arity = arity;
            this.ranges = new double[arity][];
            Arrays.fill(ranges, new double[] {-2, 2});
        }

        /** The shape of each input, in order (default {@code [3, 4]} for all). */
        public OpCase shapes(int[]... inputShapes) {
            if (inputShapes.length != arity) {
                throw new IllegalArgumentException(name + ": " + inputShapes.length + " shapes for " + arity + " inputs");
            }
            this.shapes = inputShapes.clone();
            return this;
        }

        /** Draws every input uniformly from {@code [low, high)} (default {@code [-2, 2)}). */
        public OpCase range(double low, double high) {
            for (int i = 0; i < arity; i++) {
                range(i, low, high);
            }
            return this;
        }

        /** Draws input {@code input} uniformly from {@code [low, high)}. */
        public OpCase range(int input, double low, double high) {
            if (!(low < high)) {
                throw new IllegalArgumentException(name + ": empty range [" + low + ", " + high + ")");
            }
            ranges[input] = new double[] {low, high};
            return this;
        }

        /** Redraws any input value inside {@code [low, high]}: keeps inputs away from kinks. */
        public OpCase avoid(double low, double high) {
            avoid.add(new double[] {low, high});
            return this;
        }

        /** Uses these inputs instead of random ones (their shapes replace {@link #shapes}). */
        public OpCase inputs(Tensor... inputs) {
            if (inputs.length != arity) {
                throw new IllegalArgumentException(name + ": " + inputs.length + " inputs for arity " + arity);
            }
            this.fixed = inputs.clone();
            return this;
        }

        /** The seed of the input and weight generator (default 42). */
        public OpCase seed(long newSeed) {
            this.seed = newSeed;
            return this;
        }

        /** For an elementwise unary op: the exact function, evaluated in double on the float inputs. */
        public OpCase reference(DoubleUnaryOperator exact) {
            if (arity != 1) {
                throw new IllegalArgumentException(name + ": reference(...) is for elementwise unary ops");
            }
            this.reference = exact;
            return this;
        }

        /** The output shape the op must produce. */
        public OpCase expectShape(int... shape) {
            this.expectedShape = shape.clone();
            return this;
        }

        /** Gradient-check settings other than {@link GradCheck.Options#DEFAULTS}. */
        public OpCase options(GradCheck.Options newOptions) {
            this.options = newOptions;
            return this;
        }

        /**
         * Runs the forward checks and the gradient check.
         *
         * @return the gradient check's result
         * @throws AssertionError naming this case when a check fails
         */
        public GradCheck.Result check() {
            Random random = new Random(seed);
            Tensor[] inputs = fixed != null ? fixed : draw(random);
            Tensor y;
            try (NoGrad ignored = NoGrad.enter()) {
                y = f.apply(inputs);
            }
            checkForward(inputs, y);
            Tensor w = Tensor.randn(random, y.shape());
            GradCheck.Result result = GradCheck.check(options, in -> f.apply(in).mul(w).sum(), inputs);
            if (!result.passed()) {
                throw new AssertionError(this + ": gradient check failed: " + result.report());
            }
            checkCompiled(inputs, fixed != null ? fixed : draw(new Random(seed + 1)), w);
            return result;
        }

        /**
         * Traces the op with its backward as a {@link Compiled} step on {@code first}, replays it
         * on {@code second} and on {@code first} again, and requires the replays' values and
         * gradients to be bit-identical to eager runs on the same inputs.
         */
        private void checkCompiled(Tensor[] first, Tensor[] second, Tensor w) {
            Compiled step = new Compiled(name, in -> {
                for (Tensor t : in) {
                    t.requiresGrad(true);
                }
                return withGradients(in, f.apply(in), w);
            });
            step.run(copies(first));
            if (step.isEager()) {
                throw new AssertionError(this + ": the op cannot be compiled: " + step.eagerReason());
            }
            for (Tensor[] inputs : List.of(second, first)) {
                Tensor[] replayed = step.run(copies(inputs));
                Tensor[] leaves = copies(inputs);
                for (Tensor t : leaves) {
                    t.requiresGrad(true);
                }
                Tensor[] eager = withGradients(leaves, f.apply(leaves), w);
                for (int i = 0; i < eager.length; i++) {
                    if ((eager[i] == null) != (replayed[i] == null) || (eager[i] != null
                            && !Arrays.equals(eager[i].toArray(), replayed[i].toArray()))) {
                        throw new AssertionError(this + ": a compiled replay differs from the eager run in "
                                + (i == 0 ? "the output" : "the gradient of input " + (i - 1)) + ": "
                                + (replayed[i] == null ? "null" : Arrays.toString(replayed[i].toArray())) + " vs "
                                + (eager[i] == null ? "null" : Arrays.toString(eager[i].toArray())));
                    }
                }
            }
        }

        private static Tensor[] withGradients(Tensor[] leaves, Tensor y, Tensor w) {
            if (y.isRequiresGrad()) {
                y.mul(w).sum().backward();
            }
            Tensor[] out = new Tensor[leaves.length + 1];
            out[0] = y;
            for (int i = 0; i < leaves.length; i++) {
                out[i + 1] = leaves[i].grad();
            }
            return out;
        }

        private static Tensor[] copies(Tensor[] inputs) {
            Tensor[] c = new Tensor[inputs.length];
            for (int i = 0; i < c.length; i++) {
                c[i] = inputs[i].copy();
            }
            return c;
        }

        private void checkForward(Tensor[] inputs, Tensor y) {
            if (expectedShape != null && !Arrays.equals(y.shape(), expectedShape)) {
                throw new AssertionError(this + ": output shape " + Arrays.toString(y.shape()) + ", expected "
                        + Arrays.toString(expectedShape));
            }
            float[] values = y.toArray();
            for (int i = 0; i < values.length; i++) {
                if (!Float.isFinite(values[i])) {
                    throw new AssertionError(this + ": output element " + Indices.describe(i, y.shape()) + " is "
                            + values[i]);
                }
            }
            if (reference != null) {
                float[] x = inputs[0].toArray();
                double[] expected = new double[x.length];
                for (int i = 0; i < x.length; i++) {
                    expected[i] = reference.applyAsDouble(x[i]);
                }
                new Tolerance(1e-5, 1e-6).assertClose(y, expected, this + " forward");
            }
        }

        private Tensor[] draw(Random random) {
            Tensor[] inputs = new Tensor[arity];
            for (int i = 0; i < arity; i++) {
                int[] shape = shapes != null ? shapes[i] : new int[] {3, 4};
                int size = 1;
                for (int d : shape) {
                    size *= d;
                }
                float[] v = new float[size];
                for (int j = 0; j < size; j++) {
                    v[j] = sample(random, ranges[i][0], ranges[i][1]);
                }
                inputs[i] = shape.length == 0 ? Tensor.scalar(v[0]) : Tensor.of(v, shape);
            }
            return inputs;
        }

        private float sample(Random random, double low, double high) {
            for (int tries = 0; tries < 10_000; tries++) {
                float v = (float) (low + (high - low) * random.nextDouble());
                if (avoid.stream().noneMatch(r -> v >= r[0] && v <= r[1])) {
                    return v;
                }
            }
            throw new IllegalStateException(this + ": the range excludes every value; check range(...) and avoid(...)");
        }

        @Override
        public String toString() {
            if (fixed != null) {
                return name + " " + Arrays.stream(fixed).map(t -> Arrays.toString(t.shape())).collect(Collectors.joining(" "));
            }
            return shapes == null ? name : name + " " + Arrays.stream(shapes).map(Arrays::toString)
                    .collect(Collectors.joining(" "));
        }
    }
}
