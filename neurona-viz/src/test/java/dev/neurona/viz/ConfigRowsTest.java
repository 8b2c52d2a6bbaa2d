package dev.neurona.viz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neurona.optim.Adam;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigRowsTest {

    @Test
    void unsetValuesAreLeftOut() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("data", "iris");
        config.put("target", null);
        config.put("note", "  ");
        config.put("callbacks", List.of());
        config.put("extra", Map.of());
        config.put("epochs", 20);
        assertThat(ConfigRows.rows(config)).extracting(ConfigRows.Row::key).containsExactly("data", "epochs");
        assertThat(ConfigRows.rows(config).get(1).lines()).containsExactly("20");
    }

    @Test
    void anOptimizerConfigReadsAsItsNameAndSettings() {
        Map<String, Object> optimizer = new Adam(0.001).config();
        assertThat(optimizer).containsEntry("clipnorm", null);   // what the report must not print
        String text = ConfigRows.text(optimizer);
        assertThat(text).startsWith("adam (learning_rate 0.001, ").contains("beta_1 0.9", "beta_2 0.999",
                "epsilon 1e-7").endsWith(")").doesNotContain("null", "{", "=", "clipnorm");
    }

    @Test
    void layersGetOneLineEach() {
        List<Map<String, Object>> layers = new ArrayList<>();
        layers.add(new LinkedHashMap<>(Map.of("type", "Input", "name", "input_1", "shape", List.of(28, 28))));
        Map<String, Object> dense = new LinkedHashMap<>();
        dense.put("type", "Dense");
        dense.put("name", "dense_1");
        dense.put("units", 64);
        dense.put("activation", Map.of("name", "relu"));
        dense.put("kernel_regularizer", null);
        dense.put("kernel_initializer", Map.of("name", "he_normal"));
        layers.add(dense);
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("layers", layers);
        List<ConfigRows.Row> rows = ConfigRows.rows(config);
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).lines()).containsExactly("input_1 (Input): shape [28, 28]",
                "dense_1 (Dense): units 64, activation relu, kernel_initializer he_normal");
    }

    @Test
    void listsOfPlainValuesAreJoined() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("metrics", List.of("accuracy", "mae"));
        assertThat(ConfigRows.rows(config).get(0).lines()).containsExactly("accuracy, mae");
    }

    @Test
    void numbersAreWrittenShort() {
        assertThat(ConfigRows.number(0.001)).isEqualTo("0.001");
        assertThat(ConfigRows.number(1e-7)).isEqualTo("1e-7");
        assertThat(ConfigRows.number(0.1)).isEqualTo("0.1");
        assertThat(ConfigRows.number(20.0)).isEqualTo("20");
        assertThat(ConfigRows.number(-2.5)).isEqualTo("-2.5");
        assertThat(ConfigRows.number(1.5e20)).isEqualTo("1.5e20");
        assertThat(ConfigRows.number(Double.NaN)).isEqualTo("NaN");
        assertThat(ConfigRows.text(0.001f)).isEqualTo("0.001");
        assertThat(ConfigRows.text(true)).isEqualTo("true");
        assertThat(ConfigRows.text(Map.of("name", "softmax", "axis", -1))).isEqualTo("softmax (axis -1)");
    }
}
