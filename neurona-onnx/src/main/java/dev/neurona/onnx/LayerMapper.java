package dev.neurona.onnx;

import dev.neurona.nn.Activation;
import dev.neurona.nn.Dense;
import dev.neurona.nn.Dropout;
import dev.neurona.nn.Flatten;
import dev.neurona.nn.Input;
import dev.neurona.nn.Layer;
import dev.neurona.nn.Normalization;
import dev.neurona.nn.PReLU;
import dev.neurona.tensor.Tensor;
import dev.neurona.onnx.GraphBuilder.Attr;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes one layer as ONNX nodes, at inference: Dense is Gemm (MatMul + Add for inputs of rank
 * above 2) and its activation, Flatten is Flatten, PReLU is PRelu, Activation is its
 * function, and Input and Dropout write nothing.
 */
final class LayerMapper {

    /** Layers that are the identity at inference (their randomness acts in training only): no node. */
    static final java.util.Set<String> INFERENCE_IDENTITY = java.util.Set.of("SpatialDropout2D", "RandomFlip",
            "RandomTranslation", "RandomRotation", "RandomZoom");

    /** The layer types this class writes, for error messages. */
    static final List<String> SUPPORTED = List.of("Input", "Dense", "Flatten", "Activation", "Dropout", "PReLU", "Normalization");

    private LayerMapper() {
    }

    /**
     * Applies {@code layer}, built for samples of {@code layer.inputShape()}, to the value {@code x}.
     *
     * @return the output value's name ({@code x} itself for a layer that writes no node)
     * @throws OnnxExportException when the layer (or its activation) has no mapping at the graph's opset
     */
    static String apply(GraphBuilder g, Layer layer, String x) {
        int rank = layer.inputShape().length + 1;
        String scope = layer.path();
        if (layer instanceof Input || layer instanceof Dropout || INFERENCE_IDENTITY.contains(layer.typeName())) {
            return x;
        } else if (ImageMapper.handles(layer)) {
            return ImageMapper.apply(g, layer, x);
        } else if (layer instanceof dev.neurona.nn.BatchNormalization bn && ConvMapper.axis(bn, rank) == 1) {
            return ConvMapper.batchNormalization(g, bn, x); // ONNX's channel axis is 1, as this layer's
        } else if (layer instanceof dev.neurona.nn.BatchNormalization) {
            throw new OnnxExportException("layer " + scope + " normalizes axis " + layer.config().get("axis")
                    + " of inputs " + Layer.batched(layer.inputShape()) + "; ONNX's BatchNormalization normalizes axis 1, "
                    + "and the exporter writes axis 1 or the last (the channels)");
        } else if (layer instanceof Dense dense) {
            return dense(g, dense, x, rank);
        } else if (layer instanceof Flatten) {
            return rank == 2 ? x : g.op(scope, "Flatten", x, Attr.of("axis", 1L));
        } else if (layer instanceof Activation activation) {
            return ActivationMapper.apply(g, activation.function(), x, rank, scope);
        } else if (layer instanceof PReLU prelu) {
            return g.op(scope, "PRelu", List.of(x, g.weight(prelu.alpha().name(), prelu.alpha())));
        } else if (layer instanceof Normalization norm) {
            // (x − mean) / sqrt(variance + ε), with the denominator folded into a constant as the layer computes it
            Tensor std = norm.variance().detach().add(Normalization.EPSILON).sqrt();
            String centered = g.op(scope, "Sub", List.of(x, g.weight(norm.mean().name(), norm.mean())));
            return g.op(scope, "Div", List.of(centered, g.weight(scope + "/std", std)));
        }
        throw new OnnxExportException("layer " + scope + " (" + layer.getClass().getName() + ") has no ONNX mapping at opset "
                + g.opset() + "; supported layers: " + SUPPORTED + ", " + ConvMapper.SUPPORTED + ", " + ImageMapper.SUPPORTED
                + ", " + INFERENCE_IDENTITY);
    }

    /** {@code activation(x · W + b)}; Gemm takes only matrices, so batches of sequences go through MatMul. */
    private static String dense(GraphBuilder g, Dense dense, String x, int rank) {
        String scope = dense.path();
        String kernel = g.weight(dense.kernel().name(), dense.kernel());
        String bias = dense.bias() == null ? null : g.weight(dense.bias().name(), dense.bias());
        String z;
        if (rank == 2) {
            List<String> inputs = new ArrayList<>(List.of(x, kernel));
            if (bias != null) {
                inputs.add(bias);
            }
            z = g.op(scope, "Gemm", inputs);
        } else {
            z = g.op(scope, "MatMul", List.of(x, kernel));
            if (bias != null) {
                z = g.op(scope, "Add", List.of(z, bias));
            }
        }
        return ActivationMapper.apply(g, dense.activation(), z, rank, scope);
    }
}
