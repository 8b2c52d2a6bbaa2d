package dev.neurona.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neurona.activations.Activations;
import dev.neurona.losses.Loss;
import dev.neurona.losses.Losses;
import dev.neurona.models.Sequential;
import dev.neurona.nn.Dense;
import dev.neurona.nn.Layer;
import dev.neurona.nn.Layers;
import dev.neurona.nn.Mode;
import dev.neurona.nn.Normalization;
import dev.neurona.nn.Regularizer;
import dev.neurona.optim.Optimizers;
import dev.neurona.tensor.Compiled;
import dev.neurona.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The compiled training step against the eager one it replays: over randomly generated
 * networks (every layer, activation, loss family, optimizer, regularizers, class weights and
 * a partial last batch), training compiled and training eagerly give bit-identical weights,
 * losses and predictions; and a step that cannot be traced runs eagerly and says so once.
 */
class CompiledStepTest {

    private static final String[] HIDDEN = {"relu", "tanh", "sigmoid", "elu", "selu", "gelu", "softplus", "softsign",
        "silu", "hard_sigmoid", "leaky_relu", "relu6", "linear"};
    private static final String[] OPTIMIZERS = {"sgd", "adam", "adamw", "adamax", "nadam", "rmsprop", "adagrad", "adadelta"};

    private final List<LogRecord> logged = new ArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord r) {
            logged.add(r);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private final Logger log = Logger.getLogger(Compiled.class.getName());

    @BeforeEach
    void listen() {
        log.addHandler(handler);
    }

    @AfterEach
    void stopListening() {
        log.removeHandler(handler);
    }

    /** One objective of the generated networks: the loss, the output activation and how targets look. */
    private record Objective(String loss, String output, String targets) {
    }

    private static final Objective[] OBJECTIVES = {
        new Objective("mse", "linear", "real"), new Objective("mae", "linear", "real"),
        new Objective("huber", "linear", "real"), new Objective("log_cosh", "tanh", "real"),
        new Objective("categorical_crossentropy", "softmax", "one_hot"),
        new Objective("categorical_crossentropy_logits", "linear", "one_hot"),
        new Objective("sparse_categorical_crossentropy", "softmax", "ids"),
        new Objective("binary_crossentropy", "sigmoid", "binary"),
        new Objective("binary_crossentropy_logits", "linear", "binary"),
        new Objective("hinge", "tanh", "signed"), new Objective("squared_hinge", "linear", "binary"),
        new Objective("poisson", "softplus", "counts"), new Objective("kl_divergence", "softmax", "one_hot")};

    private static Loss loss(String name) {
        return switch (name) {
            case "categorical_crossentropy_logits" -> Losses.categoricalCrossentropy(true);
            case "binary_crossentropy_logits" -> Losses.binaryCrossentropy(true);
            default -> Losses.get(name);
        };
    }

    /** A random network for {@code seed}: its layers, loss, optimizer and data. */
    private static final class Case {
        final long seed;
        final Random r;
        final int in;
        final int out;
        final Objective objective;
        final Tensor x;
        final Tensor y;
        final Fit fit;

        Case(long seed) {
            this.seed = seed;
            this.r = new Random(seed);
            in = 2 + r.nextInt(6);
            objective = OBJECTIVES[r.nextInt(OBJECTIVES.length)];
            out = objective.targets.equals("binary") || objective.targets.equals("signed") ? 1 + r.nextInt(2)
                    : 2 + r.nextInt(3);
            int n = 20 + r.nextInt(30);
            x = Tensor.randn(r, n, in).mul(1.5f);
            y = targets(n);
            int batch = 4 + r.nextInt(9);   // mostly with a partial last batch
            Fit f = Fit.epochs(2).batchSize(batch).seed(seed).verbose(0);
            if (r.nextInt(4) == 0 && objective.targets.equals("ids")) {
                Map<Integer, Double> weights = new java.util.HashMap<>();
                for (int c = 0; c < out; c++) {
                    weights.put(c, 0.5 + r.nextDouble());
                }
                f = f.classWeight(weights);
            }
            fit = f;
        }

        private Tensor targets(int n) {
            float[][] rows = new float[n][];
            for (int i = 0; i < n; i++) {
                int width = objective.targets.equals("ids") ? 1 : out;
                float[] row = new float[width];
                switch (objective.targets) {
                    case "one_hot" -> row[r.nextInt(out)] = 1f;
                    case "ids" -> row[0] = r.nextInt(out);
                    case "binary" -> { for (int j = 0; j < out; j++) row[j] = r.nextInt(2); }
                    case "signed" -> { for (int j = 0; j < out; j++) row[j] = r.nextBoolean() ? 1f : -1f; }
                    case "counts" -> { for (int j = 0; j < out; j++) row[j] = r.nextInt(4); }
                    default -> { for (int j = 0; j < out; j++) row[j] = (float) r.nextGaussian(); }
                }
                rows[i] = row;
            }
            Tensor t = Tensor.of(rows);
            return objective.targets.equals("ids") ? t.reshape(n) : t;
        }

        /** The network, built the same way every time for this case. */
        Sequential model() {
            Random g = new Random(seed * 31 + 7);
            Sequential m = new Sequential(Layers.input(in)).seed(seed);
            if (g.nextBoolean()) {
                m.add(new Normalization());
            }
            int hidden = 1 + g.nextInt(3);
            for (int h = 0; h < hidden; h++) {
                Dense d = Layers.dense(3 + g.nextInt(6), HIDDEN[g.nextInt(HIDDEN.length)]);
                switch (g.nextInt(4)) {
                    case 0 -> d.kernelRegularizer(Regularizer.l2(1e-3));
                    case 1 -> d.kernelRegularizer(Regularizer.l1(1e-3)).biasRegularizer(Regularizer.l2(1e-3));
                    default -> { }
                }
                m.add(d);
                switch (g.nextInt(5)) {
                    case 0 -> m.add(Layers.dropout(0.3));
                    case 1 -> m.add(Layers.prelu());
                    default -> { }
                }
            }
            m.add(Layers.dense(out, objective.output));
            m.compile(Optimizers.get(OPTIMIZERS[g.nextInt(OPTIMIZERS.length)]), loss(objective.loss));
            m.build(in);
            if (m.layers().get(1) instanceof Normalization norm) {
                norm.adapt(x);
            }
            return m;
        }

        @Override
        public String toString() {
            return "case " + seed + " (" + objective.loss + ", " + fit.batchSize() + "-sample batches)";
        }
    }

    @Test
    void generatedNetworksTrainBitIdenticallyCompiledAndEager() {
        for (long seed = 0; seed < 60; seed++) {
            Case c = new Case(seed);
            Sequential compiled = c.model();
            Sequential eager = c.model();
            History hc = compiled.fit(c.x, c.y, c.fit);
            History he = Compiled.eagerly(() -> eager.fit(c.x, c.y, c.fit));
            assertThat(hc.get("loss")).as(c + ": losses per epoch").isEqualTo(he.get("loss"));
            List<Tensor> wc = compiled.getWeights();
            List<Tensor> we = eager.getWeights();
            for (int i = 0; i < wc.size(); i++) {
                assertThat(bits(wc.get(i))).as(c + ": weight " + i).isEqualTo(bits(we.get(i)));
            }
            Tensor pc = compiled.predict(c.x, 7);
            Tensor pe = Compiled.eagerly(() -> eager.predict(c.x, 7));
            assertThat(bits(pc)).as(c + ": predictions").isEqualTo(bits(pe));
            assertThat(step(wc.get(0))).as(c + ": trained to finite weights").isTrue();
        }
        assertThat(logged).as("every generated network compiles").isEmpty();
    }

    @Test
    void compiledTrainingChangesWithTheModelsStructure() {
        Case c = new Case(3);
        Sequential compiled = c.model();
        Sequential eager = c.model();
        compiled.fit(c.x, c.y, c.fit);
        Compiled.eagerly(() -> eager.fit(c.x, c.y, c.fit));
        // a new activation after training: the next run must trace again, not replay the old one
        for (Sequential m : List.of(compiled, eager)) {
            ((Dense) m.layers().get(m.layers().size() - 1)).activation(Activations.get("sigmoid"));
        }
        assertThat(bits(compiled.predict(c.x))).isEqualTo(bits(Compiled.eagerly(() -> eager.predict(c.x))));
    }

    /** A layer that computes on the values directly: its step cannot be traced. */
    static final class Squares extends Layer {
        @Override
        protected Tensor forward(Tensor x, Mode mode) {
            float[] v = x.data().clone();
            for (int i = 0; i < v.length; i++) {
                v[i] *= v[i];
            }
            return Tensor.of(v, x.shape());
        }

        @Override
        public long countParams(int[] inputShape) {
            return 0;
        }
    }

    @Test
    void aStepThatReadsValuesRunsEagerlyAndSaysWhyOnce() {
        Sequential m = new Sequential(Layers.input(3), new Squares(), Layers.dense(2, "softmax"));
        m.compile(Optimizers.get("sgd"), "categorical_crossentropy");
        Random r = new Random(1);
        Tensor x = Tensor.randn(r, 12, 3);
        Tensor y = Tensor.of(new float[][] {{1, 0}, {0, 1}, {1, 0}, {0, 1}, {1, 0}, {0, 1}, {1, 0}, {0, 1}, {1, 0},
            {0, 1}, {1, 0}, {0, 1}});
        float[] before = m.getWeights().get(0).toArray();
        m.fit(x, y, Fit.epochs(3).batchSize(4).verbose(0));
        assertThat(m.getWeights().get(0).toArray()).as("it still trains").isNotEqualTo(before);
        List<String> training = logged.stream().map(LogRecord::getMessage)
                .filter(s -> s.startsWith("training step")).toList();
        assertThat(training).as("one line for the whole run").hasSize(1);
        assertThat(training.get(0)).contains("runs eagerly").contains("Squares.forward").contains("Tensor.data()");
    }

    @Test
    void aSteadyStateStepAllocatesNothing() {
        Case c = new Case(11);
        Sequential m = c.model();
        TrainStep step = new TrainStep(m, m.loss(), m.optimizer(), List.of());
        Tensor x = c.x.slice(0, 8);
        Tensor y = c.y.slice(0, 8);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean)
                java.lang.management.ManagementFactory.getThreadMXBean();
        // steady state: once the JIT has compiled the kernels (the Vector API allocates until C2
        // compiles it, which a busy machine delays), a round of steps allocates nothing at all
        long bytes = -1;
        for (int round = 0; round < 100 && bytes != 0; round++) {
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 200; i++) {
                step.run(x, y, null);
            }
            bytes = threads.getCurrentThreadAllocatedBytes() - before;
        }
        assertThat(bytes).as(c + ": bytes allocated by 200 steady-state steps").isZero();
    }

    private static boolean step(Tensor w) {
        for (float v : w.toArray()) {
            if (!Float.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    private static int[] bits(Tensor t) {
        float[] v = t.toArray();
        int[] b = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = Float.floatToIntBits(v[i]);
        }
        return b;
    }
}
