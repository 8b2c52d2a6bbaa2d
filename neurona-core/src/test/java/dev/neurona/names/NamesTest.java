package dev.neurona.names;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
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
                .hasMessage("unknown loss 'msee' (did you mean 'mse'?); known losses: [binary_crossentropy, mse]");
        assertThatThrownBy(() -> names.canonical(null)).hasMessageStartingWith("unknown loss 'null'");
    }

    @Test
    void aNearMissSuggestsTheClosestCanonicalName() {
        Names<Integer> names = new Names<>("metric", "metrics");
        names.register("accuracy", 1, "acc");
        names.register("mse", 2, "mean_squared_error");
        names.register("precision", 3);
        assertThatThrownBy(() -> names.canonical("acuracy"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown metric 'acuracy' (did you mean 'accuracy'?); known metrics: [accuracy, mse, precision]");
        // an alias's spelling leads to its canonical name
        assertThat(names.suggest("mean_squared_eror")).isEqualTo("mse");
        assertThat(names.suggest("Precison")).isEqualTo("precision");
        // nothing close: no suggestion, only the list
        assertThatThrownBy(() -> names.canonical("xyz")).hasMessage("unknown metric 'xyz'; known metrics: [accuracy, mse, precision]");
        assertThat(names.contains("ACC")).isTrue();
        assertThat(names.contains("acuracy")).isFalse();
    }

    @Test
    void editDistanceCountsSwapsOfNeighboursAsOneEdit() {
        assertThat(Names.editDistance("train", "train")).isZero();
        assertThat(Names.editDistance("trian", "train")).isEqualTo(1);
        assertThat(Names.editDistance("--epoch", "--epochs")).isEqualTo(1);
        assertThat(Names.editDistance("kitten", "sitting")).isEqualTo(3);
        assertThat(Names.editDistance("", "abc")).isEqualTo(3);
    }

    @Test
    void closestAllowsAboutOneEditPerThreeLetters() {
        List<String> commands = List.of("train", "evaluate", "predict", "summary");
        assertThat(Names.closest("trian", commands)).isEqualTo("train");
        assertThat(Names.closest("EVALUTE", commands)).isEqualTo("evaluate");
        assertThat(Names.closest("tr", commands)).as("too short to be that far off").isNull();
        assertThat(Names.closest("foo", commands)).isNull();
        assertThat(Names.closest("--epoch", List.of("--epochs", "--batch-size"))).isEqualTo("--epochs");
        assertThat(Names.closest(null, commands)).isNull();
    }
}
