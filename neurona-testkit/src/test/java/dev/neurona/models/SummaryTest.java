package dev.neurona.models;

import static dev.neurona.nn.Layers.dense;
import static dev.neurona.nn.Layers.dropout;
import static dev.neurona.nn.Layers.flatten;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SummaryTest {

    @Test
    void printsLikeKeras() {
        Sequential m = new Sequential(flatten(28, 28), dense(256, "relu"), dropout(0.2), dense(10, "softmax"));
        String s = m.summaryString();
        assertThat(s.lines().toList()).containsSubsequence(
                "Model: \"sequential\"",
                " Layer (type)                Output Shape              Param #   ",
                " flatten_1 (Flatten)         (None, 784)               0         ",
                " dense_1 (Dense)             (None, 256)               200,960   ",
                " dropout_1 (Dropout)         (None, 256)               0         ",
                " dense_2 (Dense)             (None, 10)                2,570     ",
                "Total params: 203,530 (795.04 KB)",
                "Trainable params: 203,530 (795.04 KB)",
                "Non-trainable params: 0 (0 B)");
        assertThat(m.countParams()).isEqualTo(203_530);
    }

    @Test
    void aLongLayerLabelKeepsItsColumnsApart() {
        Sequential m = new Sequential(dev.neurona.nn.Layers.input(4), dev.neurona.nn.Layers.normalization(), dense(2));
        assertThat(m.summaryString()).contains(" normalization_1 (Normalization) (None, 4)");
    }

    @Test
    void beforeTheInputShapeIsKnownItSaysHowToGiveIt() {
        Sequential m = new Sequential(dense(3));
        assertThatThrownBy(m::summaryString).hasMessageContaining("not built").hasMessageContaining("input(");
        m.build(5);
        assertThat(m.summaryString()).contains("dense_1 (Dense)", "18");
    }
}
