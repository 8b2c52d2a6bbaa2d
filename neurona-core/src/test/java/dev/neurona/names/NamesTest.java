package dev.neurona.names;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NamesTest {

    @Test
    void namesAndAliasesAreFoundWhateverTheCaseAndUnderscores() {
        Names<Integer> names = new Names<>("loss", "losses");
        names.register("mse", 1, "mean_squared_error");
        names.register("binary_crossentropy", 2);
        assertThat(names.lookup("MeanSquaredError")).isEqualTo(1);
        assertThat(names.canonical(" mean_squared_error ")).isEqualTo("mse");
        assertThat(names.lookup("BinaryCrossentropy")).isEqualTo(2);
        assertThat(names.names()).containsExactly("binary_crossentropy", "mse");
        assertThatThrownBy(() -> names.canonical("msee"))
                .hasMessage("unknown loss 'msee'; known losses: [binary_crossentropy, mse]");
        assertThatThrownBy(() -> names.canonical(null)).hasMessageStartingWith("unknown loss 'null'");
    }
}
