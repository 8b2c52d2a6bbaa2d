package dev.neurona.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.neurona.tensor.Tensor;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChannelsLastTest {

    @Test
    void grayscaleImagesGetATrailingChannelAxisSharingTheirValues() {
        float[] pixels = new float[2 * 3 * 4];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = i;
        }
        Tensor images = Tensor.wrap(pixels, 2, 3, 4);
        Tensor y = Tensor.of(new float[] {0, 1}, 2, 1);
        Dataset data = Dataset.of(images, y).sampleWeight(Tensor.of(0.5f, 2f));

        Dataset view = data.channelsLast();
        assertThat(view.x().shape()).containsExactly(2, 3, 4, 1);
        assertThat(view.x().toArray()).containsExactly(pixels);
        assertThat(view.y()).isSameAs(y);
        assertThat(view.sampleWeight().toArray()).containsExactly(0.5f, 2f);
        assertThat(view.size()).isEqualTo(2);

        pixels[5] = -7;   // the same values, not a copy
        assertThat(view.x().toArray()[5]).isEqualTo(-7);
        assertThat(images.toArray()[5]).isEqualTo(-7);
    }

    @Test
    void imagesWithChannelsComeBackAsTheyAre() {
        Dataset colour = Dataset.of(Tensor.zeros(3, 4, 4, 3), Tensor.zeros(3, 10));
        assertThat(colour.channelsLast()).isSameAs(colour);
    }

    @Test
    void splitConvertsBothParts() {
        Split split = new Split(Dataset.of(Tensor.zeros(5, 28, 28), Tensor.zeros(5, 10)),
                Dataset.of(Tensor.zeros(2, 28, 28), Tensor.zeros(2, 10)));
        Split cnn = split.channelsLast();
        assertThat(cnn.train().x().shape()).containsExactly(5, 28, 28, 1);
        assertThat(cnn.test().x().shape()).containsExactly(2, 28, 28, 1);
    }

    @Test
    void flatRowsAndOtherRanksAreRefusedWithTheShape() {
        assertThatThrownBy(() -> Dataset.of(Tensor.zeros(4, 784), Tensor.zeros(4, 10)).channelsLast())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Dataset.channelsLast: needs images [n, height, width] or [n, height, width, channels]")
                .hasMessageContaining("got x [4, 784]")
                .hasMessageContaining("x.reshape(4, 28, 28, 1)");
        assertThatThrownBy(() -> Dataset.of(Tensor.zeros(4, 10), Tensor.zeros(4, 1)).channelsLast())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("got x [4, 10]")
                .hasMessageNotContaining("reshape");
        assertThatThrownBy(() -> Dataset.of(Tensor.zeros(2, 2, 2, 2, 2), Tensor.zeros(2, 1)).channelsLast())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("got x [2, 2, 2, 2, 2]");
        Dataset two = Dataset.of(List.of(Tensor.zeros(2, 3, 3), Tensor.zeros(2, 3, 3)), List.of(Tensor.zeros(2, 1)));
        assertThatThrownBy(two::channelsLast)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("2 inputs");
    }

    @Test
    void idxImagesLoadedFromDiskBecomeCnnInputs(@TempDir Path dir) {
        byte[] pixels = new byte[2 * 2 * 3];
        pixels[4] = (byte) 255;
        Idx.write(dir.resolve("images.gz"), pixels, 2, 2, 3);
        Idx.write(dir.resolve("labels.gz"), new byte[] {3, 7}, 2);
        Dataset images = Datasets.idxDataset(dir.resolve("images.gz"), dir.resolve("labels.gz")).channelsLast();
        assertThat(images.x().shape()).containsExactly(2, 2, 3, 1);
        assertThat(images.x().toArray()[4]).isEqualTo(1f);
        assertThat(OneHot.classIds(images.y())).containsExactly(3, 7);
    }
}
