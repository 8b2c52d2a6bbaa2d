package dev.neurona.nn;

import static dev.neurona.nn.Layers.batchNormalization;
import static dev.neurona.nn.Layers.dense;
import static dev.neurona.nn.Layers.flatten;
import static dev.neurona.nn.Layers.input;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.neurona.models.Sequential;
import dev.neurona.names.ConfigException;
import dev.neurona.optim.Adam;
import dev.neurona.tensor.Compiled;
import dev.neurona.tensor.Parameter;
import dev.neurona.tensor.Tensor;
import dev.neurona.testkit.GradCheck;
import dev.neurona.testkit.LayerHarness;
import dev.neurona.train.Fit;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * BatchNormalization beyond its PyTorch values ({@link CnnLayersTorchTest}): the harness,
 * finite-difference gradients in both modes, the moving statistics updated by a compiled
 * training step exactly as by eager steps (in {@code fit} and in a bare {@link Compiled}), a
 * saved model predicting identically, and bad arguments.
 */
class BatchNormalizationTest {

    @Test
    void harness() {
        LayerHarness.check(Layers::batchNormalization, new int[] {4}, new int[] {4}, 16);
        LayerHarness.check(Layers::batchNormalization, new int[] {3, 4, 2}, new int[] {3, 4, 2}, 8);
        LayerHarness.check(() -> batchNormalization().axis(1).momentum(0.9).epsilon(1e-2), new int[] {3, 4, 2},
                new int[] {3, 4, 2}, 12);
        LayerHarness.check(() -> batchNormalization().center(false).scale(false), new int[] {5}, new int[] {5}, 10);
        LayerHarness.check(() -> batchNormalization().gammaRegularizer(Regularizer.l2(0.01))
                .betaInitializer(dev.neurona.nn.init.Initializers.constant(0.1)), new int[] {2, 3}, new int[] {2, 3}, 12);
    }

    @Test
    void gradientsByFiniteDifferencesInBothModes() {
        for (Mode mode : Mode.values()) {
            BatchNormalization bn = (BatchNormalization) batchNormalization().name("bn");
            bn.build(new int[] {3, 2, 3}, new Random(1));
            bn.gamma().assign(Tensor.of(1.5f, 0.5f, -1f));
            bn.beta().assign(Tensor.of(0.1f, -0.2f, 0.3f));
            bn.movingVariance().assign(Tensor.of(0.5f, 2f, 1f));
            Tensor x = Tensor.randn(new Random(3), 2, 3, 2, 3);
            Tensor g = Tensor.randn(new Random(4), 2, 3, 2, 3);
            GradCheck.assertGradients(in -> bn.call(in[0], mode).mul(g).sum(), x);
        }
    }

    @Test
    void aCompiledStepUpdatesTheMovingStatisticsAsEagerStepsDo() {
        BatchNormalization compiled = built();
        BatchNormalization eager = built();
        Compiled step = new Compiled("bn step", in -> new Tensor[] {compiled.call(in[0], Mode.TRAINING)});
        Random r = new Random(9);
        for (int i = 0; i < 5; i++) {
            Tensor batch = Tensor.randn(r, 4, 3, 3, 2).mul(1 + i).add(i);
            float[] out = step.run(batch)[0].toArray();
            assertThat(out).containsExactly(eager.call(batch, Mode.TRAINING).toArray());
            assertThat(compiled.movingMean().toArray()).as("step %d", i).containsExactly(eager.movingMean().toArray());
            assertThat(compiled.movingVariance().toArray()).as("step %d", i).containsExactly(eager.movingVariance().toArray());
        }
        assertThat(step.isEager()).as(String.valueOf(step.eagerReason())).isFalse();
        assertThat(compiled.movingMean().toArray()).as("moved from the initial zeros").isNotEqualTo(new float[2]);
    }

    private static BatchNormalization built() {
        BatchNormalization bn = (BatchNormalization) batchNormalization().momentum(0.8).name("bn");
        bn.build(new int[] {3, 3, 2}, new Random(1));
        return bn;
    }

    private static Sequential model() {
        Sequential m = new Sequential(input(4, 4, 2), batchNormalization(), flatten(), dense(8, "relu"),
                batchNormalization(), dense(3, "softmax"));
        m.seed(5);
        m.compile(new Adam(0.01), "categorical_crossentropy");
        return m;
    }

    private static Tensor[] data() {
        Random r = new Random(21);
        Tensor x = Tensor.randn(r, 30, 4, 4, 2).mul(2).add(1);
        float[] y = new float[30 * 3];
        for (int i = 0; i < 30; i++) {
            y[i * 3 + r.nextInt(3)] = 1;
        }
        return new Tensor[] {x, Tensor.of(y, 30, 3)};
    }

    @Test
    void fitUpdatesTheMovingStatisticsCompiledExactlyAsEagerly(@TempDir Path dir) throws Exception {
        Tensor[] d = data();
        Fit fit = Fit.epochs(3).batchSize(8).verbose(0);   // 3 full batches and one of 6 per epoch
        List<String> eagerLogs = new ArrayList<>();
        Logger log = Logger.getLogger(Compiled.class.getName());
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                eagerLogs.add(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        log.addHandler(handler);
        Sequential compiled = model();
        try {
            compiled.fit(d[0], d[1], fit);
        } finally {
            log.removeHandler(handler);
        }
        assertThat(eagerLogs).as("the training step compiled").noneMatch(m -> m.contains("eagerly"));
        Sequential eager = model();
        Compiled.eagerly(() -> eager.fit(d[0], d[1], fit));

        List<Parameter> a = compiled.parameters();
        List<Parameter> b = eager.parameters();
        assertThat(a).extracting(Parameter::name).contains("batch_normalization_1/moving_mean",
                "batch_normalization_2/moving_variance");
        for (int i = 0; i < a.size(); i++) {
            assertThat(a.get(i).toArray()).as(a.get(i).name()).containsExactly(b.get(i).toArray());
        }
        BatchNormalization first = (BatchNormalization) compiled.layers().get(1);
        assertThat(first.movingMean().trainable()).isFalse();
        float[] mean = first.movingMean().toArray();
        // 12 steps at momentum 0.99 from 0 towards the data's mean of 1: 1 − 0.99¹² ≈ 0.114
        for (float m : mean) {
            assertThat((double) m).isBetween(0.05, 0.2);
        }

        Path file = dir.resolve("bn.nrn");
        compiled.save(file);
        Sequential loaded = Sequential.load(file);
        assertThat(loaded.predict(d[0]).toArray()).containsExactly(compiled.predict(d[0]).toArray());
        BatchNormalization back = (BatchNormalization) loaded.layers().get(1);
        assertThat(back.movingMean().toArray()).containsExactly(mean);
        assertThat(back.movingVariance().trainable()).isFalse();
        // inference uses the moving statistics, not the batch's: one sample predicts as in a batch
        Tensor one = d[0].slice(0, 0, 1, 1);
        float[] alone = loaded.predict(one).toArray();
        float[] inBatch = loaded.predict(d[0]).toArray();
        for (int k = 0; k < 3; k++) {
            assertThat(alone[k]).isCloseTo(inBatch[k], org.assertj.core.data.Offset.offset(1e-6f));
        }
    }

    @Test
    void aFileWithANegativeMovingVarianceIsRefused(@TempDir Path dir) throws Exception {
        Sequential m = model();
        m.predict(data()[0]);   // builds it
        BatchNormalization bn = (BatchNormalization) m.layers().get(1);
        bn.movingVariance().assign(Tensor.of(1f, -0.5f));
        Path file = dir.resolve("negative.nrn");
        m.save(file);
        assertThatThrownBy(() -> Sequential.load(file)).isInstanceOf(dev.neurona.io.ModelFileException.class)
                .hasMessageContaining("batch_normalization_1/moving_variance").hasMessageContaining("-0.5")
                .hasMessageContaining("cannot be negative");
    }

    @Test
    void badArgumentsAndConfigs() {
        assertThatThrownBy(() -> batchNormalization().axis(3).name("bn").build(new int[] {4}, new Random(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bn (BatchNormalization)")
                .hasMessageContaining("axis 3").hasMessageContaining("rank 2");
        assertThatThrownBy(() -> batchNormalization().axis(0)).hasMessageContaining("batch axis");
        assertThatThrownBy(() -> batchNormalization().momentum(1.5)).hasMessageContaining("momentum");
        assertThatThrownBy(() -> batchNormalization().epsilon(0)).hasMessageContaining("epsilon");
        assertThatThrownBy(() -> Layers.fromConfig(Map.of("type", "BatchNormalization", "synchronized", true)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("synchronized");
        assertThatThrownBy(() -> Layers.fromConfig(Map.of("type", "BatchNormalization", "momentun", 0.9)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("momentun");
        assertThatThrownBy(() -> Layers.fromConfig(Map.of("type", "BatchNormalization", "epsilon", -1)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("epsilon");
        assertThatThrownBy(() -> Layers.fromConfig(Map.of("type", "BatchNormalization", "gamma_initializer", "twos")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("gamma_initializer");
        BatchNormalization keras = (BatchNormalization) Layers.fromConfig(Map.of("type", "BatchNormalization",
                "axis", 3, "momentum", 0.9, "epsilon", 0.001, "center", true, "scale", false, "synchronized", false));
        assertThat(keras.momentum()).isEqualTo(0.9f);
        assertThat(keras.config()).containsEntry("axis", 3).containsEntry("scale", false);
    }
}
