package dev.neurona.optim;

import static dev.neurona.optim.GoldenOptimizerTest.setGrad;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.neurona.tensor.Parameter;
import dev.neurona.tensor.Tensor;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Optimizers by name and through config → JSON → rebuild. */
class ConfigTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Map<String, Object> throughJson(Map<String, Object> config) throws Exception {
        return JSON.readValue(JSON.writeValueAsString(config), new TypeReference<Map<String, Object>>() { });
    }

    private static float[] twoSteps(Optimizer o) {
        Parameter p = new Parameter("p", Tensor.of(1f, -2f, 0.5f));
        for (int s = 0; s < 2; s++) {
            setGrad(p, new float[] {0.3f, -1.5f + s, 2f});
            o.step(List.of(p));
        }
        return p.data();
    }

    @Test
    void everyOptimizerRoundTripsThroughJson() throws Exception {
        for (Supplier<Optimizer> factory : OptimizerCases.configured()) {
            Optimizer original = factory.get();
            Optimizer rebuilt = Optimizers.fromConfig(throughJson(original.config()));
            assertThat(rebuilt).isInstanceOf(original.getClass());
            assertThat(rebuilt.config()).isEqualTo(original.config());
            assertThat(twoSteps(rebuilt)).as(original.name()).containsExactly(twoSteps(factory.get()));
        }
        for (String name : List.of("sgd", "adam", "adamw", "adamax", "nadam", "rmsprop", "adagrad", "adadelta")) {
            Optimizer defaults = Optimizers.get(name);
            assertThat(Optimizers.fromConfig(throughJson(defaults.config())).config()).isEqualTo(defaults.config());
        }
    }

    @Test
    void configCarriesScheduleClippingAndModes() {
        Map<String, Object> c = new Adam(0.01).epsilonMode(EpsilonMode.PYTORCH).clipNorm(1.0)
                .learningRate(new ExponentialDecay(0.01, 10, 0.9)).config();
        assertThat(c).containsEntry("name", "adam").containsEntry("epsilon_mode", "pytorch").containsEntry("clipnorm", 1.0)
                .containsEntry("clipvalue", null).containsEntry("beta_1", 0.9).containsEntry("epsilon", 1e-7);
        assertThat(c.get("learning_rate")).isInstanceOf(Map.class);
        assertThat(((Map<?, ?>) c.get("learning_rate")).get("class_name")).isEqualTo("ExponentialDecay");
    }

    @Test
    void namesAreCaseInsensitiveWithKerasDefaults() {
        assertThat(Optimizers.get("SGD")).isInstanceOf(SGD.class);
        assertThat(Optimizers.get("RMSprop")).isInstanceOf(RMSprop.class);
        assertThat(Optimizers.get("AdamW")).isInstanceOf(AdamW.class);
        assertThat(Optimizers.get("sgd").learningRate()).isEqualTo(0.01);
        Adam adam = (Adam) Optimizers.get("adam");
        assertThat(adam.learningRate()).isEqualTo(0.001);
        assertThat(adam.epsilon()).isEqualTo(1e-7);
        assertThat(adam.epsilonMode()).isEqualTo(EpsilonMode.KERAS);
        assertThat(Optimizers.get("adamw").weightDecay()).isEqualTo(0.004);
        Adagrad adagrad = (Adagrad) Optimizers.get("adagrad");
        assertThat(adagrad.initialAccumulatorValue()).isEqualTo(0.1);
        assertThat(((RMSprop) Optimizers.get("rmsprop")).rho()).isEqualTo(0.9);
        assertThat(((Adadelta) Optimizers.get("adadelta")).rho()).isEqualTo(0.95);
        assertThat(((Nadam) Optimizers.get("nadam")).momentumDecay()).isEqualTo(1.0);
        for (String name : List.of("sgd", "adam", "adamw", "adamax", "nadam", "rmsprop", "adagrad", "adadelta")) {
            assertThat(Optimizers.get(name).name()).isEqualTo(name);
        }
    }

    @Test
    void anUnknownNameListsTheKnownOnes() {
        assertThatThrownBy(() -> Optimizers.get("adamm"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("adamm")
                .hasMessageContaining("sgd, adam, adamw, adamax, nadam, rmsprop, adagrad, adadelta");
    }

    @Test
    void partialConfigsKeepDefaultsAndUnknownKeysAreRejected() {
        Map<String, Object> partial = new HashMap<>(Map.of("name", "rmsprop", "learning_rate", 0.05, "centered", true));
        RMSprop r = (RMSprop) Optimizers.fromConfig(partial);
        assertThat(r.learningRate()).isEqualTo(0.05);
        assertThat(r.centered()).isTrue();
        assertThat(r.rho()).isEqualTo(0.9);

        partial.put("beta_1", 0.9);
        assertThatThrownBy(() -> Optimizers.fromConfig(partial)).hasMessageContaining("beta_1");
        assertThatThrownBy(() -> Optimizers.fromConfig(Map.of("learning_rate", 0.1))).hasMessageContaining("name");
        assertThatThrownBy(() -> Optimizers.fromConfig(Map.of("name", "adam", "learning_rate", -2)))
                .hasMessageContaining("-2.0");
        assertThatThrownBy(() -> Optimizers.fromConfig(Map.of("name", "adam", "epsilon_mode", "tf")))
                .hasMessageContaining("tf").hasMessageContaining("pytorch");
    }
}
