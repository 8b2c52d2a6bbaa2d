package dev.neurona.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Loads the real Fashion-MNIST from Debian's dataset-fashion-mnist package when it is installed. */
class FashionMnistTest {

    private static final Path DEBIAN = Path.of("/usr/share/datasets/fashion-mnist");

    @Test
    void loadsFromTheDebianPackage() {
        assumeTrue(Files.isRegularFile(DEBIAN.resolve("train-images-idx3-ubyte.gz")),
                "Fashion-MNIST is not installed in " + DEBIAN + " (apt-get install dataset-fashion-mnist); skipping");
        Split s = Datasets.fashionMnist(DEBIAN);
        assertThat(s.train().x().shape()).containsExactly(60000, 28, 28);
        assertThat(s.train().y().shape()).containsExactly(60000, 10);
        assertThat(s.test().x().shape()).containsExactly(10000, 28, 28);
        assertThat(s.test().y().shape()).containsExactly(10000, 10);
        assertThat(s.test().x().max().item()).isEqualTo(1f);
        assertThat(s.test().x().min().item()).isEqualTo(0f);
        int[] counts = new int[10];
        for (int id : OneHot.classIds(s.test().y())) {
            counts[id]++;
        }
        assertThat(counts).containsOnly(1000);   // the test set is balanced
        assertThat(Datasets.fashionMnistClasses()).hasSize(10).startsWith("T-shirt/top");

        Split cnn = s.channelsLast();   // the CNN layout, the same values
        assertThat(cnn.train().x().shape()).containsExactly(60000, 28, 28, 1);
        assertThat(cnn.test().x().shape()).containsExactly(10000, 28, 28, 1);
        assertThat(cnn.test().x().toArray()).isEqualTo(s.test().x().toArray());
    }
}
