package dev.neurona.optim;

import static dev.neurona.optim.GoldenOptimizerTest.setGrad;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.neurona.tensor.Parameter;
import dev.neurona.tensor.Tensor;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Slot state: export, load into a fresh optimizer, and the same updates afterwards. */
class StateTest {

    private static List<Parameter> params() {
        Random r = new Random(7);
        return List.of(new Parameter("dense_1/kernel", Tensor.randn(r, 3, 2)), new Parameter("dense_1/bias", Tensor.randn(r, 2)));
    }

    private static List<Parameter> copy(List<Parameter> ps) {
        return ps.stream().map(p -> new Parameter(p.name(), p)).toList();
    }

    private static void steps(Optimizer o, List<Parameter> ps, int from, int count) {
        for (int s = from; s < from + count; s++) {
            Random r = new Random(100 + s);  // the same gradients for the same step number
            for (Parameter p : ps) {
                float[] g = new float[p.size()];
                for (int i = 0; i < g.length; i++) {
                    g[i] = (float) r.nextGaussian();
                }
                setGrad(p, g);
            }
            o.step(ps);
        }
    }

    @Test
    void exportedStateLoadedIntoAFreshOptimizerGivesIdenticalUpdates() {
        for (Supplier<Optimizer> factory : OptimizerCases.configured()) {
            Optimizer original = factory.get();
            List<Parameter> a = params();
            steps(original, a, 0, 3);
            Map<String, float[]> state = original.exportState();
            assertThat(state.get("iterations")).containsExactly(3f);

            Optimizer restored = Optimizers.fromConfig(original.config());
            restored.loadState(state);
            assertThat(restored.iterations()).isEqualTo(3);
            assertThat(restored.learningRate()).isEqualTo(original.learningRate());
            List<Parameter> b = copy(a);
            steps(original, a, 3, 3);
            steps(restored, b, 3, 3);
            for (int i = 0; i < a.size(); i++) {
                assertThat(b.get(i).data()).as(original.name() + " " + a.get(i).name()).containsExactly(a.get(i).data());
            }
            Map<String, float[]> after = restored.exportState();
            original.exportState().forEach((k, v) -> assertThat(after.get(k)).as(k).containsExactly(v));
        }
    }

    @Test
    void keysArePathSlotAndIterations() {
        Optimizer adam = new Adam();
        List<Parameter> ps = params();
        steps(adam, ps, 0, 1);
        assertThat(adam.exportState()).containsOnlyKeys("iterations", "dense_1/kernel/m", "dense_1/kernel/v",
                "dense_1/bias/m", "dense_1/bias/v");
        assertThat(adam.exportState().get("dense_1/kernel/m")).hasSize(6);

        Optimizer ams = new Adam().amsgrad(true);
        steps(ams, ps, 0, 1);
        assertThat(ams.exportState()).containsKey("dense_1/kernel/vhat");

        Optimizer sgd = new SGD();
        steps(sgd, ps, 0, 1);
        assertThat(sgd.exportState()).containsOnlyKeys("iterations");
    }

    @Test
    void exportIsACopy() {
        Optimizer adam = new Adam();
        List<Parameter> ps = params();
        steps(adam, ps, 0, 1);
        Map<String, float[]> state = adam.exportState();
        float before = state.get("dense_1/bias/m")[0];
        steps(adam, ps, 1, 1);
        assertThat(state.get("dense_1/bias/m")[0]).isEqualTo(before);
    }

    @Test
    void iterationsBeyondFloatPrecisionUseTwoElements() {
        Optimizer adam = new Adam();
        long big = (1L << 24) * 3 + 5;
        adam.loadState(Map.of("iterations", new float[] {5, 3}));
        assertThat(adam.iterations()).isEqualTo(big);
        assertThat(adam.exportState().get("iterations")).containsExactly(5f, 3f);
    }

    @Test
    void loadStateRejectsBadStateWithClearMessagesAndChangesNothing() {
        Optimizer adam = new Adam();
        List<Parameter> ps = params();
        steps(adam, ps, 0, 2);
        Map<String, float[]> good = adam.exportState();

        Map<String, float[]> noIterations = new HashMap<>(good);
        noIterations.remove("iterations");
        assertThatThrownBy(() -> adam.loadState(noIterations)).hasMessageContaining("iterations");

        Map<String, float[]> badIterations = new HashMap<>(good);
        badIterations.put("iterations", new float[] {1.5f});
        assertThatThrownBy(() -> adam.loadState(badIterations)).hasMessageContaining("1.5");

        Map<String, float[]> unknownSlot = new HashMap<>(good);
        unknownSlot.put("dense_1/kernel/momentum", new float[6]);
        assertThatThrownBy(() -> adam.loadState(unknownSlot))
                .hasMessageContaining("dense_1/kernel/momentum").hasMessageContaining("[m, v]");

        Map<String, float[]> missingSlot = new HashMap<>(good);
        missingSlot.remove("dense_1/bias/v");
        assertThatThrownBy(() -> adam.loadState(missingSlot)).hasMessageContaining("dense_1/bias").hasMessageContaining("'v'");

        Map<String, float[]> ragged = new HashMap<>(good);
        ragged.put("dense_1/bias/v", new float[5]);
        assertThatThrownBy(() -> adam.loadState(ragged)).hasMessageContaining("dense_1/bias").hasMessageContaining("5");

        assertThat(adam.iterations()).as("unchanged after failed loads").isEqualTo(2);
        assertThat(adam.exportState().get("dense_1/bias/v")).containsExactly(good.get("dense_1/bias/v"));
    }

    @Test
    void aStateOfTheWrongSizeForItsParameterIsReportedOnTheNextStep() {
        Optimizer adam = new Adam();
        adam.loadState(Map.of("iterations", new float[] {1}, "dense_1/bias/m", new float[3], "dense_1/bias/v", new float[3]));
        Parameter bias = new Parameter("dense_1/bias", Tensor.zeros(2));
        setGrad(bias, new float[] {1, 1});
        assertThatThrownBy(() -> adam.step(List.of(bias)))
                .hasMessageContaining("dense_1/bias").hasMessageContaining("3 values").hasMessageContaining("has 2");
    }
}
