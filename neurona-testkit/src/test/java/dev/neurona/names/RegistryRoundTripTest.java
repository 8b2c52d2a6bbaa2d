package dev.neurona.names;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.neurona.activations.Activation;
import dev.neurona.activations.Activations;
import dev.neurona.losses.Loss;
import dev.neurona.losses.Losses;
import dev.neurona.metrics.Metric;
import dev.neurona.metrics.Metrics;
import dev.neurona.nn.Constraint;
import dev.neurona.nn.Constraints;
import dev.neurona.nn.Dense;
import dev.neurona.nn.Dropout;
import dev.neurona.nn.Flatten;
import dev.neurona.nn.Input;
import dev.neurona.nn.Layer;
import dev.neurona.nn.Layers;
import dev.neurona.nn.Mode;
import dev.neurona.nn.Normalization;
import dev.neurona.nn.PReLU;
import dev.neurona.nn.Regularizer;
import dev.neurona.nn.init.Initializer;
import dev.neurona.nn.init.Initializers;
import dev.neurona.optim.Adadelta;
import dev.neurona.optim.Adagrad;
import dev.neurona.optim.Adam;
import dev.neurona.optim.AdamW;
import dev.neurona.optim.Adamax;
import dev.neurona.optim.CosineDecay;
import dev.neurona.optim.ExponentialDecay;
import dev.neurona.optim.LearningRateSchedule;
import dev.neurona.optim.Nadam;
import dev.neurona.optim.Optimizer;
import dev.neurona.optim.Optimizers;
import dev.neurona.optim.PiecewiseConstantDecay;
import dev.neurona.optim.RMSprop;
import dev.neurona.optim.SGD;
import dev.neurona.tensor.Parameter;
import dev.neurona.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every name registered for every kind by Neurona itself has an example here (the test fails
 * naming any that has none, so a new type cannot skip it), and each example goes config → JSON
 * text (Jackson, as model files do) → parse → {@code fromConfig} → an equal config and the same
 * behaviour. Adding a type is one line in {@link #EXAMPLES}.
 */
class RegistryRoundTripTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Which targets a loss or metric example is scored on. */
    private enum Targets { ONE_HOT, IDS, BINARY, SIGNS }

    /** One example: a registered name of a kind, an instance of it and, for layers, the input shape. */
    private record Example(Class<?> kind, String name, Object instance, Object extra) {
        @Override
        public String toString() {
            return kind.getSimpleName() + " " + name;
        }
    }

    private static Example layer(String name, Layer layer, int... inputShape) {
        return new Example(Layer.class, name, layer, inputShape);
    }

    /** A functional model as a layer: a residual block over inputs of 4. */
    private static Layer functional() {
        dev.neurona.nn.SymbolicTensor x = Input.of(4);
        return new dev.neurona.models.Model(x, Layers.add().apply(x, Layers.dense(4, "relu").apply(x)));
    }

    /** A layer of several inputs (a merge layer), one shape per input. */
    private static Example merging(String name, Layer layer, int[]... inputShapes) {
        return new Example(Layer.class, name, layer, inputShapes);
    }

    private static Example of(Class<?> kind, String name, Object instance) {
        return new Example(kind, name, instance, null);
    }

    private static Example scored(Class<?> kind, String name, Object instance, Targets targets) {
        return new Example(kind, name, instance, targets);
    }

    private static final List<Example> EXAMPLES = List.of(
            layer("Input", new Input(4), 4),
            layer("Dense", new Dense(3).activation(Activations.leakyRelu(0.1)).kernelInitializer(Initializers.heNormal())
                    .biasInitializer(Initializers.constant(0.2)).kernelRegularizer(Regularizer.l2(0.01))
                    .biasRegularizer(Regularizer.l1(0.02)).kernelConstraint(Constraints.maxNorm(1.5))
                    .biasConstraint(Constraints.nonNeg()), 4),
            layer("Dense", new Dense(2).useBias(false), 3, 4),
            layer("Flatten", new Flatten(2, 3), 2, 3),
            layer("Activation", Layers.activation(Activations.softmax(1)), 5),
            layer("Dropout", new Dropout(0.3), 6),
            layer("PReLU", new PReLU(Initializers.constant(0.25)), 5),
            layer("Normalization", new Normalization(), 4),
            // convolution and pooling
            layer("Conv1D", Layers.conv1d(4, 3, "relu").strides(2).padding("causal").dilationRate(1).groups(2)
                    .kernelRegularizer(Regularizer.l2(0.01)).biasConstraint(Constraints.nonNeg()), 9, 2),
            layer("Conv2D", Layers.conv2d(4, 3, "tanh").strides(2, 1).padding("same").groups(2)
                    .kernelInitializer(Initializers.heNormal()).biasInitializer(Initializers.constant(0.1))
                    .kernelConstraint(Constraints.maxNorm(2)).biasRegularizer(Regularizer.l1(0.01)), 6, 5, 2),
            layer("Conv2D", Layers.conv2d(3, 2, 3).dilationRate(2).useBias(false), 6, 7, 2),
            layer("Conv2DTranspose", Layers.conv2dTranspose(3, 3).strides(2).padding("same").outputPadding(1), 3, 3, 2),
            layer("Conv2DTranspose", Layers.conv2dTranspose(2, 2, "relu").strides(2), 3, 4, 2),
            layer("DepthwiseConv2D", Layers.depthwiseConv2d(3).depthMultiplier(2).padding("same")
                    .depthwiseRegularizer(Regularizer.l2(0.1)), 5, 5, 3),
            layer("SeparableConv2D", Layers.separableConv2d(4, 3, "relu").depthMultiplier(2).strides(2)
                    .pointwiseInitializer(Initializers.heUniform()).pointwiseConstraint(Constraints.unitNorm()), 7, 7, 2),
            layer("MaxPooling1D", Layers.maxPooling1d(3).strides(1).padding("same"), 7, 2),
            layer("MaxPooling2D", Layers.maxPooling2d(2).padding("same"), 5, 5, 2),
            layer("AveragePooling1D", Layers.averagePooling1d(), 6, 2),
            layer("AveragePooling2D", Layers.averagePooling2d(3).strides(2, 1).padding("same"), 5, 4, 2),
            layer("BatchNormalization", new dev.neurona.nn.BatchNormalization().axis(1).momentum(0.9).epsilon(0.01)
                    .center(false).gammaInitializer(Initializers.constant(0.5)).gammaRegularizer(Regularizer.l2(0.1)), 3, 4, 2),
            layer("ZeroPadding2D", Layers.zeroPadding2d(new int[][] {{1, 0}, {2, 3}}), 3, 4, 2),
            layer("Cropping2D", Layers.cropping2d(new int[][] {{1, 0}, {0, 2}}), 4, 5, 2),
            layer("UpSampling2D", Layers.upSampling2d(2, 3).interpolation("bilinear"), 2, 3, 2),
            layer("Reshape", Layers.reshape(-1, 3), 4, 3),
            layer("SpatialDropout2D", Layers.spatialDropout2d(0.4).seed(3), 3, 3, 4),
            layer("GlobalAveragePooling1D", Layers.globalAveragePooling1d().keepdims(true), 5, 3),
            layer("GlobalAveragePooling2D", Layers.globalAveragePooling2d(), 3, 4, 2),
            layer("GlobalMaxPooling1D", Layers.globalMaxPooling1d(), 5, 3),
            layer("GlobalMaxPooling2D", Layers.globalMaxPooling2d().keepdims(true), 3, 4, 2),
            layer("Rescaling", Layers.rescaling(1.0 / 127.5, -1), 2, 2, 3),
            layer("RandomFlip", Layers.randomFlip("horizontal").seed(5), 4, 4, 3),
            layer("RandomTranslation", new dev.neurona.nn.RandomTranslation(new double[] {-0.1, 0.2}, new double[] {0, 0.3})
                    .fillMode("constant").fillValue(0.5).seed(11), 4, 4, 3),
            layer("RandomRotation", Layers.randomRotation(0.25).interpolation("nearest").fillMode("wrap").seed(2), 4, 4, 3),
            layer("RandomZoom", Layers.randomZoom(0.1, 0.2).fillMode("nearest").seed(-7), 4, 4, 3),
            layer("Sequential", new dev.neurona.models.Sequential(Layers.dense(3, "tanh"), Layers.dropout(0.1),
                    Layers.dense(2)), 4),
            layer("Functional", functional(), 4),
            merging("Add", Layers.add(), new int[] {4}, new int[] {4}, new int[] {4}),
            merging("Subtract", Layers.subtract(), new int[] {2, 3}, new int[] {2, 3}),
            merging("Multiply", Layers.multiply(), new int[] {5}, new int[] {5}),
            merging("Average", Layers.average(), new int[] {3}, new int[] {3}),
            merging("Divide", Layers.divide(), new int[] {2, 3}, new int[] {1, 3}),
            merging("Concatenate", Layers.concatenate(1), new int[] {2, 3}, new int[] {4, 3}),
            merging("Dot", new dev.neurona.nn.Dot(2, 1, true), new int[] {3, 4}, new int[] {4, 5}),

            of(Activation.class, "linear", Activations.linear()),
            of(Activation.class, "sign", Activations.sign()),
            of(Activation.class, "sigmoid", Activations.sigmoid()),
            of(Activation.class, "tanh", Activations.tanh()),
            of(Activation.class, "relu", Activations.relu()),
            of(Activation.class, "relu6", Activations.relu6()),
            of(Activation.class, "leaky_relu", Activations.leakyRelu(0.05)),
            of(Activation.class, "elu", Activations.elu(0.7)),
            of(Activation.class, "selu", Activations.selu()),
            of(Activation.class, "gelu", Activations.gelu(true)),
            of(Activation.class, "softplus", Activations.softplus()),
            of(Activation.class, "softsign", Activations.softsign()),
            of(Activation.class, "silu", Activations.silu()),
            of(Activation.class, "hard_sigmoid", Activations.hardSigmoid()),
            of(Activation.class, "hard_silu", Activations.hardSilu()),
            of(Activation.class, "exponential", Activations.exponential()),
            of(Activation.class, "softmax", Activations.softmax(0)),
            of(Activation.class, "log_softmax", Activations.logSoftmax()),

            scored(Loss.class, "mse", Losses.mse(), Targets.ONE_HOT),
            scored(Loss.class, "mae", Losses.mae(), Targets.ONE_HOT),
            scored(Loss.class, "mape", Losses.mape(), Targets.ONE_HOT),
            scored(Loss.class, "msle", Losses.msle(), Targets.ONE_HOT),
            scored(Loss.class, "huber", Losses.huber(0.3), Targets.ONE_HOT),
            scored(Loss.class, "log_cosh", Losses.logCosh(), Targets.ONE_HOT),
            scored(Loss.class, "hinge", Losses.hinge(), Targets.SIGNS),
            scored(Loss.class, "squared_hinge", Losses.squaredHinge(), Targets.SIGNS),
            scored(Loss.class, "categorical_hinge", Losses.categoricalHinge(), Targets.ONE_HOT),
            scored(Loss.class, "perceptron", Losses.perceptron(), Targets.SIGNS),
            scored(Loss.class, "binary_crossentropy", Losses.binaryCrossentropy(false, 0.1), Targets.BINARY),
            scored(Loss.class, "categorical_crossentropy", Losses.categoricalCrossentropy(true, 0.2), Targets.ONE_HOT),
            scored(Loss.class, "sparse_categorical_crossentropy", Losses.sparseCategoricalCrossentropy(true), Targets.IDS),
            scored(Loss.class, "kl_divergence", Losses.klDivergence(), Targets.ONE_HOT),
            scored(Loss.class, "poisson", Losses.poisson(), Targets.ONE_HOT),
            scored(Loss.class, "cosine_similarity", Losses.cosineSimilarity(), Targets.ONE_HOT),

            scored(Metric.class, "accuracy", Metrics.accuracy(), Targets.ONE_HOT),
            scored(Metric.class, "binary_accuracy", Metrics.binaryAccuracy(0.4), Targets.BINARY),
            scored(Metric.class, "categorical_accuracy", Metrics.categoricalAccuracy(), Targets.ONE_HOT),
            scored(Metric.class, "sparse_categorical_accuracy", Metrics.sparseCategoricalAccuracy(), Targets.IDS),
            scored(Metric.class, "top_k_categorical_accuracy", Metrics.topKCategoricalAccuracy(2), Targets.ONE_HOT),
            scored(Metric.class, "sparse_top_k_categorical_accuracy", Metrics.sparseTopKCategoricalAccuracy(2), Targets.IDS),
            scored(Metric.class, "precision", Metrics.precision(), Targets.BINARY),
            scored(Metric.class, "recall", Metrics.recall(), Targets.BINARY),
            scored(Metric.class, "f1_score", Metrics.f1Score(), Targets.BINARY),
            scored(Metric.class, "auc", Metrics.auc(), Targets.BINARY),
            scored(Metric.class, "mae", Metrics.mae(), Targets.ONE_HOT),
            scored(Metric.class, "mse", Metrics.mse(), Targets.ONE_HOT),
            scored(Metric.class, "rmse", Metrics.rmse(), Targets.ONE_HOT),
            scored(Metric.class, "r2_score", Metrics.r2Score(), Targets.ONE_HOT),
            scored(Metric.class, "confusion_matrix", Metrics.confusionMatrix(3), Targets.ONE_HOT),

            of(Optimizer.class, "sgd", new SGD(0.1).momentum(0.9).nesterov(true)),
            of(Optimizer.class, "adam", new Adam(0.01).clipNorm(1.0)),
            of(Optimizer.class, "adamw", new AdamW(0.02)),
            of(Optimizer.class, "adamax", new Adamax(0.03)),
            of(Optimizer.class, "nadam", new Nadam(0.04)),
            of(Optimizer.class, "rmsprop", new RMSprop(0.05)),
            of(Optimizer.class, "adagrad", new Adagrad(0.06)),
            of(Optimizer.class, "adadelta", new Adadelta(0.7).learningRate(new ExponentialDecay(0.7, 10, 0.5))),

            of(LearningRateSchedule.class, "ExponentialDecay", new ExponentialDecay(0.1, 100, 0.5).staircase(true)),
            of(LearningRateSchedule.class, "PiecewiseConstantDecay",
                    new PiecewiseConstantDecay(new long[] {10, 100}, new double[] {0.1, 0.01, 0.001})),
            of(LearningRateSchedule.class, "CosineDecay", new CosineDecay(0.1, 1000).warmup(0.5, 50)),

            of(Initializer.class, "zeros", Initializers.zeros()),
            of(Initializer.class, "ones", Initializers.ones()),
            of(Initializer.class, "constant", Initializers.constant(0.3)),
            of(Initializer.class, "random_normal", Initializers.randomNormal(0.1, 0.2)),
            of(Initializer.class, "random_uniform", Initializers.randomUniform(-0.3, 0.4)),
            of(Initializer.class, "truncated_normal", Initializers.truncatedNormal(0.0, 0.5)),
            of(Initializer.class, "glorot_normal", Initializers.glorotNormal()),
            of(Initializer.class, "glorot_uniform", Initializers.glorotUniform()),
            of(Initializer.class, "he_normal", Initializers.heNormal()),
            of(Initializer.class, "he_uniform", Initializers.heUniform()),
            of(Initializer.class, "lecun_normal", Initializers.lecunNormal()),
            of(Initializer.class, "lecun_uniform", Initializers.lecunUniform()),
            of(Initializer.class, "orthogonal", Initializers.orthogonal(1.5)),

            of(Regularizer.class, "l1l2", Regularizer.l1l2(0.01, 0.02)),

            of(Constraint.class, "max_norm", Constraints.maxNorm(0.8, 1)),
            of(Constraint.class, "non_neg", Constraints.nonNeg()),
            of(Constraint.class, "unit_norm", Constraints.unitNorm()),
            of(Constraint.class, "min_max_norm", Constraints.minMaxNorm(0.5, 0.9, 0.6, 0)));

    /** Every kind, with how its configs are read back. */
    private static final Map<Class<?>, Function<Map<String, Object>, ?>> KINDS = Map.of(
            Layer.class, Layers::fromConfig,
            Activation.class, Activations::fromConfig,
            Loss.class, Losses::fromConfig,
            Metric.class, Metrics::fromConfig,
            Optimizer.class, Optimizers::fromConfig,
            LearningRateSchedule.class, LearningRateSchedule::fromConfig,
            Initializer.class, Initializers::fromConfig,
            Regularizer.class, Regularizer::fromConfig,
            Constraint.class, Constraint::fromConfig);

    @Test
    void everyRegisteredNameHasAnExample() {
        List<String> missing = new ArrayList<>();
        for (Class<?> kind : KINDS.keySet()) {
            for (String name : Registry.names(kind)) {
                Class<?> type = Registry.type(kind, name).orElseThrow();
                boolean shipped = type.getProtectionDomain().getCodeSource().getLocation()
                        .equals(kind.getProtectionDomain().getCodeSource().getLocation());   // not a test's own type
                if (shipped && EXAMPLES.stream().noneMatch(e -> e.kind() == kind && e.name().equals(name))) {
                    missing.add(kind.getSimpleName() + " '" + name + "'");
                }
            }
        }
        assertThat(missing).as("registered names without an example in RegistryRoundTripTest.EXAMPLES").isEmpty();
        assertThat(Registry.kinds()).containsAll(KINDS.keySet().stream().map(Class::getSimpleName).toList());
    }

    static Stream<Example> examples() {
        return EXAMPLES.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    @SuppressWarnings("unchecked")
    void roundTripsThroughJsonToAnEqualConfigAndTheSameBehaviour(Example e) throws Exception {
        Map<String, Object> config = config(e.instance());
        String text = JSON.writeValueAsString(config);
        Object back = KINDS.get(e.kind()).apply(JSON.readValue(text, Map.class));

        assertThat(Registry.type(e.kind(), e.name())).contains((Class) e.instance().getClass());
        assertThat(back).isInstanceOf(e.instance().getClass());
        assertThat(JSON.readTree(JSON.writeValueAsString(config(back)))).isEqualTo(JSON.readTree(text));
        sameBehaviour(e, e.instance(), back);
    }

    private static Map<String, Object> config(Object o) {
        if (o instanceof Layer l) {
            return l.config();
        } else if (o instanceof Activation a) {
            return a.config();
        } else if (o instanceof Loss l) {
            return l.config();
        } else if (o instanceof Metric m) {
            return m.config();
        } else if (o instanceof Optimizer opt) {
            return opt.config();
        } else if (o instanceof LearningRateSchedule s) {
            return s.config();
        } else if (o instanceof Initializer i) {
            return i.config();
        } else if (o instanceof Regularizer r) {
            return r.config();
        }
        return ((Constraint) o).config();
    }

    private static void sameBehaviour(Example e, Object a, Object b) {
        Random r = new Random(e.name().hashCode());
        if (a instanceof Layer l && e.extra() instanceof int[][] shapes) {
            Layer m = (Layer) b;
            l.name("example");
            m.name("example");
            java.util.List<Tensor> xs = new java.util.ArrayList<>();
            for (int[] s : shapes) {
                xs.add(Tensor.randn(r, prepend(3, s)));
            }
            l.build(java.util.Arrays.asList(shapes), new Random(1));
            m.build(java.util.Arrays.asList(shapes), new Random(2));
            assertThat(m.call(xs, Mode.INFERENCE).toArray()).containsExactly(l.call(xs, Mode.INFERENCE).toArray());
        } else if (a instanceof Layer l) {
            int[] shape = (int[]) e.extra();
            Layer m = (Layer) b;
            l.name("example");
            m.name("example");
            l.build(shape, new Random(1));
            m.build(shape, new Random(2));
            for (int i = 0; i < l.parameters().size(); i++) {   // random weights, copied
                Parameter p = l.parameters().get(i);
                p.assign(Tensor.rand(r, p.shape()).add(0.1f));
                m.parameters().get(i).assign(p);
            }
            Tensor x = Tensor.randn(r, prepend(3, shape));
            assertThat(m.call(x, Mode.INFERENCE).toArray()).containsExactly(l.call(x, Mode.INFERENCE).toArray());
            if (l.config().containsKey("seed")) {   // a layer seeded by its config draws the same in training too
                assertThat(m.call(x, Mode.TRAINING).toArray()).containsExactly(l.call(x, Mode.TRAINING).toArray());
            }
        } else if (a instanceof Activation f) {
            Tensor x = Tensor.randn(r, 4, 5).mul(3f);
            assertThat(((Activation) b).apply(x).toArray()).containsExactly(f.apply(x).toArray());
        } else if (a instanceof Loss l) {
            Tensor[] data = data((Targets) e.extra(), r);
            assertThat(((Loss) b).call(data[0], data[1]).item()).isEqualTo(l.call(data[0], data[1]).item());
        } else if (a instanceof Metric m) {
            Tensor[] data = data((Targets) e.extra(), r);
            Metric n = (Metric) b;
            m.update(data[0], data[1]);
            n.update(data[0], data[1]);
            assertThat(n.state()).containsExactly(m.state());
            assertThat(n.result()).isEqualTo(m.result());
        } else if (a instanceof Optimizer o) {
            assertThat(stepped((Optimizer) b)).containsExactly(stepped(o));
        } else if (a instanceof LearningRateSchedule s) {
            for (long step : new long[] {0, 1, 9, 10, 49, 50, 99, 100, 500, 5000}) {
                assertThat(((LearningRateSchedule) b).learningRate(step)).as("step %d", step).isEqualTo(s.learningRate(step));
            }
        } else if (a instanceof Initializer i) {
            assertThat(((Initializer) b).create(new int[] {5, 3}, new Random(9)).toArray())
                    .containsExactly(i.create(new int[] {5, 3}, new Random(9)).toArray());
        } else if (a instanceof Regularizer g) {
            Tensor w = Tensor.randn(r, 4, 3);
            assertThat(((Regularizer) b).penalty(w).item()).isEqualTo(g.penalty(w).item());
        } else {
            Tensor w = Tensor.randn(r, 4, 3).mul(2f);
            assertThat(((Constraint) b).projected(w).toArray()).containsExactly(((Constraint) a).projected(w).toArray());
        }
    }

    /** A parameter's values after two steps of {@code o} with the same gradient. */
    private static float[] stepped(Optimizer o) {
        Random r = new Random(5);
        Parameter p = new Parameter("w", Tensor.randn(r, 3, 2));
        float[] grad = Tensor.randn(r, 3, 2).mul(4f).toArray();
        for (int step = 0; step < 2; step++) {
            p.setGrad(grad, 0, 1f);
            o.step(List.of(p));
        }
        return p.toArray();
    }

    /** {@code [yTrue, yPred]} for 6 samples of 3 classes (or one output, for binary and ±1 targets). */
    private static Tensor[] data(Targets targets, Random r) {
        int n = 6;
        switch (targets) {
            case IDS -> {
                float[] ids = new float[n];
                for (int i = 0; i < n; i++) {
                    ids[i] = r.nextInt(3);
                }
                return new Tensor[] {Tensor.of(ids, n), Tensor.randn(r, n, 3).softmax(1)};
            }
            case BINARY, SIGNS -> {
                float[] y = new float[n];
                for (int i = 0; i < n; i++) {
                    y[i] = i % 2 == 0 ? 1 : (targets == Targets.SIGNS ? -1 : 0);
                }
                Tensor p = Tensor.randn(r, n, 1);
                return new Tensor[] {Tensor.of(y, n, 1), targets == Targets.SIGNS ? p : p.sigmoid()};
            }
            default -> {
                float[] y = new float[n * 3];
                for (int i = 0; i < n; i++) {
                    y[i * 3 + (i % 3)] = 1;
                }
                return new Tensor[] {Tensor.of(y, n, 3), Tensor.randn(r, n, 3).softmax(1)};
            }
        }
    }

    private static int[] prepend(int batch, int[] shape) {
        int[] out = new int[shape.length + 1];
        out[0] = batch;
        System.arraycopy(shape, 0, out, 1, shape.length);
        return out;
    }
}
