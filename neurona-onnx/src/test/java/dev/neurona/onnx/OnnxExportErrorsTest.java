package dev.neurona.onnx;

import static dev.neurona.nn.Layers.activation;
import static dev.neurona.nn.Layers.dense;
import static dev.neurona.nn.Layers.input;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.neurona.activations.Activation;
import dev.neurona.activations.Activations;
import dev.neurona.models.Sequential;
import dev.neurona.nn.Layer;
import dev.neurona.nn.Mode;
import dev.neurona.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** What cannot be exported fails with a message naming the layer or activation and the opset. */
class OnnxExportErrorsTest {

    /** A layer ONNX export knows nothing of. */
    static final class Square extends Layer {
        @Override
        protected Tensor forward(Tensor x, Mode mode) {
            return x.square();
        }

        @Override
        public long countParams(int[] inputShape) {
            return 0;
        }
    }

    /** An activation of the user's own. */
    static final class Cube implements Activation {
        @Override
        public Tensor apply(Tensor x) {
            return x.mul(x).mul(x);
        }

        @Override
        public String name() {
            return "cube";
        }
    }

    @Test
    void anUnknownLayerIsNamedWithTheOpset() {
        Sequential model = new Sequential(input(3), dense(2), new Square());
        assertThatThrownBy(() -> OnnxExport.toModel(model, OnnxOptions.defaults()))
                .isInstanceOf(OnnxExportException.class)
                .hasMessageContaining("square_1")
                .hasMessageContaining(Square.class.getName())
                .hasMessageContaining("opset 13")
                .hasMessageContaining("supported layers");
    }

    @Test
    void anUnknownActivationIsNamedWithItsLayerAndTheOpset() {
        Sequential model = new Sequential(input(3), dense(2, new Cube()));
        assertThatThrownBy(() -> OnnxExport.toModel(model, OnnxOptions.defaults().withOpset(17)))
                .isInstanceOf(OnnxExportException.class)
                .hasMessageContaining("'cube'")
                .hasMessageContaining("dense_1")
                .hasMessageContaining("opset 17");
    }

    @Test
    void softmaxOverAMiddleAxisNeedsOpset13() {
        Sequential model = new Sequential(input(5, 4), activation(Activations.softmax(1)));
        assertThatThrownBy(() -> OnnxExport.toModel(model, OnnxOptions.defaults().withOpset(12)))
                .isInstanceOf(OnnxExportException.class)
                .hasMessageContaining("softmax over axis 1")
                .hasMessageContaining("activation_1")
                .hasMessageContaining("opset 12")
                .hasMessageContaining("opset >= 13");
    }

    @Test
    void opsetsOutsideTheWrittenRangeAreRejected() {
        assertThatThrownBy(() -> OnnxOptions.defaults().withOpset(10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[11, 21], got 10");
        assertThatThrownBy(() -> OnnxOptions.defaults().withOpset(22))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 22");
    }

    @Test
    void namesMustBeGivenAndDistinct() {
        assertThatThrownBy(() -> OnnxOptions.defaults().withInputName(" "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("input name");
        assertThatThrownBy(() -> OnnxOptions.defaults().withOutputName("input"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must differ");
    }

    @Test
    void aModelWithoutAnInputShapeMustBeBuiltFirst() {
        Sequential model = new Sequential(dense(2));
        assertThatThrownBy(() -> OnnxExport.toModel(model, OnnxOptions.defaults()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not built");
    }
}
