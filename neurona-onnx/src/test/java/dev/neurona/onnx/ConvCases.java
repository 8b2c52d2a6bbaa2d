package dev.neurona.onnx;

import static dev.neurona.nn.Layers.averagePooling1d;
import static dev.neurona.nn.Layers.averagePooling2d;
import static dev.neurona.nn.Layers.conv1d;
import static dev.neurona.nn.Layers.conv2d;
import static dev.neurona.nn.Layers.conv2dTranspose;
import static dev.neurona.nn.Layers.dense;
import static dev.neurona.nn.Layers.depthwiseConv2d;
import static dev.neurona.nn.Layers.flatten;
import static dev.neurona.nn.Layers.input;
import static dev.neurona.nn.Layers.maxPooling1d;
import static dev.neurona.nn.Layers.maxPooling2d;
import static dev.neurona.nn.Layers.separableConv2d;

import static dev.neurona.nn.Layers.activation;
import static dev.neurona.nn.Layers.cropping2d;
import static dev.neurona.nn.Layers.globalAveragePooling1d;
import static dev.neurona.nn.Layers.globalAveragePooling2d;
import static dev.neurona.nn.Layers.globalMaxPooling1d;
import static dev.neurona.nn.Layers.globalMaxPooling2d;
import static dev.neurona.nn.Layers.permute;
import static dev.neurona.nn.Layers.rescaling;
import static dev.neurona.nn.Layers.reshape;
import static dev.neurona.nn.Layers.zeroPadding2d;

import dev.neurona.models.Sequential;
import dev.neurona.nn.BatchNormalization;
import dev.neurona.nn.SpatialDropout2D;
import dev.neurona.nn.Layer;
import dev.neurona.nn.init.Initializers;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Convolutional models every CNN export test runs: each convolution and pooling layer over its
 * options (strides, same/valid padding, dilation, groups, depth multiplier, transposed output
 * padding) alone at opsets 11, 13 and 21, and small networks (convolutions and pooling in a
 * row, then Flatten and Dense) whose element order after the convolutions matters.
 */
final class ConvCases {

    private ConvCases() {
    }

    /** One layer on one input shape. */
    private record Single(String name, Supplier<Layer> layer, int... sample) {
    }

    private static List<Single> singles() {
        return List.of(
                new Single("conv2d valid", () -> conv2d(4, 3), 7, 6, 2),
                new Single("conv2d same relu", () -> conv2d(3, 3, "relu"), 6, 6, 2),
                new Single("conv2d same stride 2 (odd padding)", () -> conv2d(3, 3).strides(2).padding("same"), 7, 6, 3),
                new Single("conv2d 2x3 strides 2,1 same", () -> conv2d(4, 2, 3).strides(2, 1).padding("same"), 6, 7, 2),
                new Single("conv2d dilation 2", () -> conv2d(3, 3).dilationRate(2), 8, 7, 2),
                new Single("conv2d dilation same", () -> conv2d(2, 3).dilationRate(2, 1).padding("same"), 6, 6, 2),
                new Single("conv2d groups 2", () -> conv2d(4, 3).groups(2).padding("same"), 5, 5, 4),
                new Single("conv2d no bias softmax", () -> conv2d(3, 1).useBias(false).activation("softmax"), 4, 4, 2),
                new Single("conv1d valid", () -> conv1d(4, 3), 9, 2),
                new Single("conv1d same stride 2", () -> conv1d(3, 3, "tanh").strides(2).padding("same"), 9, 3),
                new Single("conv1d causal dilated", () -> conv1d(2, 3).padding("causal").dilationRate(2), 8, 2),
                new Single("conv1d groups", () -> conv1d(4, 2).groups(2), 6, 2),
                new Single("depthwise", () -> depthwiseConv2d(3), 6, 6, 3),
                new Single("depthwise multiplier 2 same stride 2", () -> depthwiseConv2d(3).depthMultiplier(2)
                        .padding("same").strides(2), 7, 7, 2),
                new Single("separable", () -> separableConv2d(4, 3, "relu"), 6, 6, 2),
                new Single("separable multiplier 2 same dilated", () -> separableConv2d(3, 3).depthMultiplier(2)
                        .padding("same").dilationRate(2), 7, 7, 2),
                new Single("transpose valid", () -> conv2dTranspose(3, 3), 4, 4, 2),
                new Single("transpose valid stride 2", () -> conv2dTranspose(2, 2).strides(2), 3, 4, 3),
                new Single("transpose same stride 2", () -> conv2dTranspose(3, 3).strides(2).padding("same"), 3, 3, 2),
                new Single("transpose output padding 1", () -> conv2dTranspose(2, 3).strides(2).outputPadding(1), 3, 3, 2),
                new Single("transpose same output padding", () -> conv2dTranspose(3, 3, "relu").strides(2)
                        .padding("same").outputPadding(1), 3, 4, 2),
                new Single("transpose dilated", () -> conv2dTranspose(2, 3).dilationRate(2), 4, 4, 2),
                new Single("max pool 2", () -> maxPooling2d(2), 6, 5, 3),
                new Single("max pool 3 stride 2 same", () -> maxPooling2d(3).strides(2).padding("same"), 6, 7, 2),
                new Single("average pool 2 same (border cells)", () -> averagePooling2d(2).padding("same"), 5, 5, 2),
                new Single("average pool 3 strides 2,1", () -> averagePooling2d(3).strides(2, 1), 7, 6, 2),
                new Single("max pool 1d", () -> maxPooling1d(), 7, 3),
                new Single("average pool 1d same", () -> averagePooling1d(3).strides(2).padding("same"), 8, 2));
    }

    static List<ModelCases.Case> all() {
        List<ModelCases.Case> cases = new ArrayList<>();
        OnnxOptions defaults = OnnxOptions.defaults();
        for (int opset : new int[] {OnnxOptions.MIN_OPSET, OnnxOptions.DEFAULT_OPSET, OnnxOptions.MAX_OPSET}) {
            for (Single s : singles()) {
                cases.add(new ModelCases.Case(s.name(), () -> single(s), defaults.withOpset(opset)));
            }
        }
        cases.add(new ModelCases.Case("convnet", ConvCases::convnet, defaults));
        cases.add(new ModelCases.Case("convnet", ConvCases::convnet, defaults.withOpset(OnnxOptions.MAX_OPSET)));
        cases.add(new ModelCases.Case("depthwise-separable net", () -> new Sequential(input(9, 9, 3),
                depthwiseConv2d(3).depthMultiplier(2).activation("relu"), separableConv2d(5, 3, "relu").padding("same"),
                averagePooling2d(2), conv2dTranspose(2, 2).strides(2), flatten(), dense(3, "softmax")), defaults));
        for (int opset : new int[] {OnnxOptions.MIN_OPSET, OnnxOptions.DEFAULT_OPSET, OnnxOptions.MAX_OPSET}) {
            OnnxOptions o = defaults.withOpset(opset);
            cases.add(new ModelCases.Case("batch norm after conv", () -> withStatistics(new Sequential(input(6, 6, 2),
                    conv2d(3, 3), new BatchNormalization(), activation("relu"), maxPooling2d(2))), o));
            cases.add(new ModelCases.Case("batch norm first, no center/scale, epsilon 0.1", () -> withStatistics(
                    new Sequential(input(5, 5, 3), new BatchNormalization().center(false).scale(false).epsilon(0.1))), o));
            cases.add(new ModelCases.Case("batch norm after dense", () -> withStatistics(new Sequential(input(4),
                    dense(5), new BatchNormalization(), dense(2))), o));
            cases.add(new ModelCases.Case("batch norm over axis 1 of a sequence", () -> withStatistics(new Sequential(
                    input(3, 4), new BatchNormalization().axis(1))), o));
            cases.add(new ModelCases.Case("batch norm over conv1d channels", () -> withStatistics(new Sequential(
                    input(7, 2), conv1d(3, 2), new BatchNormalization())), o));
            cases.add(new ModelCases.Case("global average pooling", () -> new Sequential(input(5, 4, 3), conv2d(4, 3),
                    globalAveragePooling2d(), dense(2)), o));
            cases.add(new ModelCases.Case("global max pooling keepdims", () -> new Sequential(input(5, 4, 3), conv2d(4, 2),
                    globalMaxPooling2d().keepdims(true)), o));
            cases.add(new ModelCases.Case("global pooling 1d", () -> new Sequential(input(6, 3), conv1d(2, 2),
                    globalAveragePooling1d()), o));
            cases.add(new ModelCases.Case("global max pooling 1d keepdims", () -> new Sequential(input(6, 3),
                    globalMaxPooling1d().keepdims(true)), o));
            cases.add(new ModelCases.Case("reshape after conv", () -> new Sequential(input(6, 6, 1), conv2d(2, 3),
                    reshape(8, -1), dense(3)), o));
            cases.add(new ModelCases.Case("zero padding, cropping, permute, rescaling", () -> new Sequential(
                    input(5, 4, 2), rescaling(0.5, -1), zeroPadding2d(new int[][] {{1, 0}, {2, 1}}), conv2d(3, 3),
                    cropping2d(new int[][] {{0, 1}, {1, 0}}), permute(3, 1, 2), new SpatialDropout2D(0.3)), o));
        }
        cases.add(new ModelCases.Case("vgg block net", ConvCases::vgg, defaults));
        cases.add(new ModelCases.Case("conv1d net", () -> new Sequential(input(12, 2), conv1d(4, 3, "relu"),
                maxPooling1d(2), conv1d(3, 2).padding("causal"), flatten(), dense(2)), defaults));
        return cases;
    }

    /** Keras's simple MNIST convnet, small: convolutions and pooling in a row, then Flatten and Dense. */
    static Sequential convnet() {
        return new Sequential(input(12, 12, 1), conv2d(4, 3, "relu"), maxPooling2d(2), conv2d(6, 3, "relu")
                .padding("same"), maxPooling2d(2), flatten(), dense(5, "relu"), dense(3, "softmax"));
    }

    /** A small VGG-style network: two blocks of two 3×3 convolutions with batch normalization, pooling, global pooling, Dense. */
    static Sequential vgg() {
        return withStatistics(new Sequential(input(8, 8, 3),
                conv2d(4, 3).padding("same"), new BatchNormalization(), activation("relu"),
                conv2d(4, 3).padding("same"), new BatchNormalization(), activation("relu"), maxPooling2d(2),
                conv2d(6, 3).padding("same"), new BatchNormalization(), activation("relu"),
                conv2d(6, 3).padding("same"), new BatchNormalization(), activation("relu"), maxPooling2d(2),
                globalAveragePooling2d(), dense(3, "softmax")));
    }

    /** {@code model} built, each BatchNormalization given moving statistics, γ and β away from their initial values. */
    static Sequential withStatistics(Sequential model) {
        model.build(model.layers().get(0).declaredInputShape());
        java.util.Random random = new java.util.Random(21);
        for (Layer layer : model.layers()) {
            if (layer instanceof BatchNormalization bn) {
                int c = bn.movingMean().shape()[0];
                bn.movingMean().assign(dev.neurona.tensor.Tensor.randn(random, c));
                bn.movingVariance().assign(dev.neurona.tensor.Tensor.uniform(random, 0.2f, 3f, c));
                if (bn.gamma() != null) {
                    bn.gamma().assign(dev.neurona.tensor.Tensor.uniform(random, 0.5f, 2f, c));
                    bn.beta().assign(dev.neurona.tensor.Tensor.randn(random, c));
                }
            }
        }
        return model;
    }

    private static Sequential single(Single s) {
        Layer layer = s.layer().get();
        if (layer instanceof dev.neurona.nn.BaseConv<?> conv) {
            conv.biasInitializer(Initializers.randomNormal(0, 1));
        }
        return new Sequential(input(s.sample()), layer);
    }
}
