package dev.neurona.onnx;

import static dev.neurona.onnx.OnnxGraphs.i;
import static dev.neurona.onnx.OnnxGraphs.ints;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.neurona.models.Model;
import dev.neurona.nn.Layer;
import dev.neurona.onnx.proto.Onnx.AttributeProto;
import dev.neurona.tensor.Tensor;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Hand-written channels-first graphs: layouts are tracked through Transposes (absorbed) and
 * values come back in the graph's order, and what Neurona cannot represent is refused with an
 * {@link OnnxImportException} naming the node and the reason.
 */
class OnnxConvImportTest {

    private static final Random RANDOM = new Random(3);

    private static AttributeProto s(String name, String v) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.STRING)
                .setS(com.google.protobuf.ByteString.copyFromUtf8(v)).build();
    }

    /** Conv(x, W) on [N, 2, 5, 5] with W of 3 filters 3×3, then the node {@code extra}, and the graph's output. */
    private static Model conv(AttributeProto... attributes) {
        OnnxGraphs g = new OnnxGraphs(2, 5, 5);
        String w = g.weight("w", Tensor.randn(RANDOM, 3, 2, 3, 3));
        String y = g.node("Conv", List.of("x", w), attributes);
        return OnnxImport.read(g.model(y, 13, 3, 5, 5));
    }

    @Test
    void aTransposeToChannelsLastAndBackIsNoLayer() {
        OnnxGraphs g = new OnnxGraphs(3, 4, 2);
        String a = g.node("Transpose", List.of("x"), ints("perm", 0, 2, 3, 1));
        String r = g.node("Relu", List.of(a));
        String b = g.node("Transpose", List.of(r), ints("perm", 0, 3, 1, 2));
        Model m = OnnxImport.read(g.model(b, 13, 3, 4, 2));
        assertThat(m.layers()).extracting(Layer::typeName).containsExactly("Input", "Activation");
        Tensor x = Tensor.randn(RANDOM, 2, 3, 4, 2);
        assertThat(m.predict(x).toArray()).containsExactly(x.relu().toArray());
    }

    @Test
    void aTransposeThatStaysIsAPermuteAtTheOutput() {
        OnnxGraphs g = new OnnxGraphs(3, 4);
        String a = g.node("Transpose", List.of("x"), ints("perm", 0, 2, 1));
        Model m = OnnxImport.read(g.model(a, 13, 4, 3));
        Tensor x = Tensor.randn(RANDOM, 2, 3, 4);
        assertThat(m.predict(x).toArray()).containsExactly(x.permute(0, 2, 1).toArray());
    }

    @Test
    void samePaddingIsReadAsKerasSameAndOtherPadsAsZeroPadding() {
        assertThat(conv(ints("pads", 1, 1, 1, 1)).layers()).extracting(Layer::typeName)
                .containsExactly("Input", "Permute", "Conv2D", "Permute");
        assertThat(conv(s("auto_pad", "SAME_UPPER")).layers().get(2).config()).containsEntry("padding", "same");
        assertThat(conv(ints("pads", 2, 0, 0, 1)).layers()).extracting(Layer::typeName)
                .containsExactly("Input", "Permute", "ZeroPadding2D", "Conv2D", "Permute");
    }

    @Test
    void whatHasNoNeuronaFormIsRefusedNamingTheNode() {
        assertThatThrownBy(() -> conv(s("auto_pad", "SOMETIMES"))).isExactlyInstanceOf(OnnxImportException.class)
                .hasMessageContaining("node 'conv_0'").hasMessageContaining("auto_pad 'SOMETIMES'");
        assertThatThrownBy(() -> conv(i("group", 2))).isExactlyInstanceOf(OnnxImportException.class)
                .hasMessageContaining("group 2");

        OnnxGraphs g = new OnnxGraphs(2, 6, 6);
        String p = g.node("MaxPool", List.of("x"), ints("kernel_shape", 3, 3), ints("pads", 2, 2, 2, 2));
        assertThatThrownBy(() -> OnnxImport.read(g.model(p, 13, 2, 8, 8))).isExactlyInstanceOf(OnnxImportException.class)
                .hasMessageContaining("MaxPool").hasMessageContaining("pads [[2, 2], [2, 2]]");

        OnnxGraphs t = new OnnxGraphs(3, 4);
        String moved = t.node("Transpose", List.of("x"), ints("perm", 1, 0, 2));
        assertThatThrownBy(() -> OnnxImport.read(t.model(moved, 13, 4))).isExactlyInstanceOf(OnnxImportException.class)
                .hasMessageContaining("keeps the batch");

        OnnxGraphs b = new OnnxGraphs(2, 3, 3);
        String[] ws = {b.weight("scale", Tensor.ones(2)), b.weight("bias", Tensor.zeros(2)), b.weight("mean", Tensor.zeros(2)),
                b.weight("var", Tensor.full(-1f, 2))};
        String bn = b.node("BatchNormalization", List.of("x", ws[0], ws[1], ws[2], ws[3]));
        assertThatThrownBy(() -> OnnxImport.read(b.model(bn, 13, 2, 3, 3))).isExactlyInstanceOf(OnnxImportException.class)
                .hasMessageContaining("BatchNormalization").hasMessageContaining("negative");

        OnnxGraphs r = new OnnxGraphs(2, 3, 3);
        String shape = r.node("Reshape", List.of("x", r.weight("shape", Tensor.of(new float[] {5, 9}, 2))));
        assertThatThrownBy(() -> OnnxImport.read(r.model(shape, 13, 9))).isExactlyInstanceOf(OnnxImportException.class)
                .hasMessageContaining("Reshape").hasMessageContaining("keep the batch");
    }
}
