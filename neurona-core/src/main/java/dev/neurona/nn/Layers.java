package dev.neurona.nn;

import dev.neurona.names.ConfigException;
import dev.neurona.names.ConfigKeys;
import dev.neurona.names.Registry;
import java.util.Map;

/**
 * Static factories for the common layers, meant for {@code import static}:
 *
 * <pre>{@code
 * new Sequential(input(2), dense(4, "tanh"), dense(1, "sigmoid"));
 * new Sequential(flatten(28, 28), dense(8, "relu"), dropout(0.2), dense(10, "softmax"));
 * }</pre>
 */
public final class Layers {

    static {
        // one line per type: its class (whose simple name is its type) and how a config builds it
        Registry.register(Input.class, LayerConfigs::input);
        Registry.register(Dense.class, LayerConfigs::dense);
        Registry.register(Flatten.class, LayerConfigs::flatten);
        Registry.register(Activation.class, LayerConfigs::activation);
        Registry.register(Dropout.class, LayerConfigs::dropout);
        Registry.register(PReLU.class, LayerConfigs::prelu);
        Registry.register(Normalization.class, LayerConfigs::normalization);
        Registry.register(Add.class, c -> LayerConfigs.merge(c, new Add()));
        Registry.register(Subtract.class, c -> LayerConfigs.merge(c, new Subtract()));
        Registry.register(Multiply.class, c -> LayerConfigs.merge(c, new Multiply()));
        Registry.register(Average.class, c -> LayerConfigs.merge(c, new Average()));
        Registry.register(Divide.class, c -> LayerConfigs.merge(c, new Divide()));
        Registry.register(Concatenate.class, LayerConfigs::concatenate);
        Registry.register(Dot.class, LayerConfigs::dot);
        // convolution and pooling
        Registry.register(Conv1D.class, Conv1D::fromConfig);
        Registry.register(Conv2D.class, Conv2D::fromConfig);
        Registry.register(Conv2DTranspose.class, Conv2DTranspose::fromConfig);
        Registry.register(DepthwiseConv2D.class, DepthwiseConv2D::fromConfig);
        Registry.register(SeparableConv2D.class, SeparableConv2D::fromConfig);
        Registry.register(MaxPooling1D.class, MaxPooling1D::fromConfig);
        Registry.register(MaxPooling2D.class, MaxPooling2D::fromConfig);
        Registry.register(AveragePooling1D.class, AveragePooling1D::fromConfig);
        Registry.register(AveragePooling2D.class, AveragePooling2D::fromConfig);
        // image and normalization layers (each reads its own config)
        Registry.register(BatchNormalization.class, BatchNormalization::fromConfig);
        Registry.register(ZeroPadding2D.class, ZeroPadding2D::fromConfig);
        Registry.register(Cropping2D.class, Cropping2D::fromConfig);
        Registry.register(UpSampling2D.class, UpSampling2D::fromConfig);
        Registry.register(Reshape.class, Reshape::fromConfig);
        Registry.register(SpatialDropout2D.class, SpatialDropout2D::fromConfig);
        Registry.register(GlobalAveragePooling1D.class, GlobalAveragePooling1D::fromConfig);
        Registry.register(GlobalAveragePooling2D.class, GlobalAveragePooling2D::fromConfig);
        Registry.register(GlobalMaxPooling1D.class, GlobalMaxPooling1D::fromConfig);
        Registry.register(GlobalMaxPooling2D.class, GlobalMaxPooling2D::fromConfig);
        Registry.register(Rescaling.class, Rescaling::fromConfig);
        Registry.register(RandomFlip.class, RandomFlip::fromConfig);
        Registry.register(RandomTranslation.class, RandomTranslation::fromConfig);
        Registry.register(RandomRotation.class, RandomRotation::fromConfig);
        Registry.register(RandomZoom.class, RandomZoom::fromConfig);
        // the other kinds of this package
        Registry.register("l1l2", L1L2.class, L1L2::fromConfig);
    }

    private Layers() {
    }

    /** Declares the shape of one sample, such as {@code input(784)} or {@code input(28, 28)}. */
    public static Input input(int... shape) {
        return new Input(shape);
    }

    /** The element-wise sum of two or more inputs: {@code add().apply(x, shortcut)}. */
    public static Add add() {
        return new Add();
    }

    /** The first input minus the second. */
    public static Subtract subtract() {
        return new Subtract();
    }

    /** The element-wise product of two or more inputs. */
    public static Multiply multiply() {
        return new Multiply();
    }

    /** The element-wise mean of two or more inputs. */
    public static Average average() {
        return new Average();
    }

    /** The first input divided by the second, element by element. */
    public static Divide divide() {
        return new Divide();
    }

    /** Joins two or more inputs along the last axis. */
    public static Concatenate concatenate() {
        return new Concatenate();
    }

    /** Joins two or more inputs along {@code axis} (batch axis counted, as in Keras). */
    public static Concatenate concatenate(int axis) {
        return new Concatenate(axis);
    }

    /** The dot product of two inputs over {@code axes} (batch axis counted: {@code dot(1)} for vectors). */
    public static Dot dot(int axes) {
        return new Dot(axes);
    }

    /** The dot product of two inputs, L2-normalized first when {@code normalize} (cosine similarity). */
    public static Dot dot(int axes, boolean normalize) {
        return new Dot(axes, axes, normalize);
    }

    /** A fully connected layer with a linear activation. */
    public static Dense dense(int units) {
        return new Dense(units);
    }

    /** A fully connected layer with the activation named {@code activation}, such as {@code "relu"}. */
    public static Dense dense(int units, String activation) {
        return new Dense(units).activation(activation);
    }

    /** A fully connected layer with the given activation object. */
    public static Dense dense(int units, dev.neurona.activations.Activation activation) {
        return new Dense(units).activation(activation);
    }

    /** Flattens each sample; with dimensions ({@code flatten(28, 28)}) it also declares the input shape. */
    public static Flatten flatten(int... inputDims) {
        return new Flatten(inputDims);
    }

    /** Inverted dropout of the given rate, active only in training. */
    public static Dropout dropout(double rate) {
        return new Dropout(rate);
    }

    /** An activation layer by name, such as {@code activation("softmax")}. */
    public static Activation activation(String name) {
        return new Activation(name);
    }

    /** An activation layer from an activation object. */
    public static Activation activation(dev.neurona.activations.Activation function) {
        return new Activation(function);
    }

    /** Per-feature standardization with statistics set by {@link Normalization#adapt}. */
    public static Normalization normalization() {
        return new Normalization();
    }

    /** A parametric ReLU with one learnable slope per feature. */
    public static PReLU prelu() {
        return new PReLU();
    }

    // ------------------------------------------------------------ convolution and pooling

    /** A 2-D convolution of {@code filters} {@code kernelSize × kernelSize} filters, linear, stride 1, {@code valid}. */
    public static Conv2D conv2d(int filters, int kernelSize) {
        return new Conv2D(filters, kernelSize);
    }

    /** A 2-D convolution with the activation named {@code activation}: {@code conv2d(32, 3, "relu")}. */
    public static Conv2D conv2d(int filters, int kernelSize, String activation) {
        return new Conv2D(filters, kernelSize).activation(activation);
    }

    /** A 2-D convolution with a {@code kernelHeight × kernelWidth} kernel. */
    public static Conv2D conv2d(int filters, int kernelHeight, int kernelWidth) {
        return new Conv2D(filters, kernelHeight, kernelWidth);
    }

    /** A 1-D convolution of {@code filters} filters of {@code kernelSize} steps. */
    public static Conv1D conv1d(int filters, int kernelSize) {
        return new Conv1D(filters, kernelSize);
    }

    /** A 1-D convolution with the activation named {@code activation}. */
    public static Conv1D conv1d(int filters, int kernelSize, String activation) {
        return new Conv1D(filters, kernelSize).activation(activation);
    }

    /** A transposed 2-D convolution of {@code filters} {@code kernelSize × kernelSize} filters. */
    public static Conv2DTranspose conv2dTranspose(int filters, int kernelSize) {
        return new Conv2DTranspose(filters, kernelSize);
    }

    /** A transposed 2-D convolution with the activation named {@code activation}. */
    public static Conv2DTranspose conv2dTranspose(int filters, int kernelSize, String activation) {
        return new Conv2DTranspose(filters, kernelSize).activation(activation);
    }

    /** A depthwise 2-D convolution with a {@code kernelSize × kernelSize} kernel, depth multiplier 1. */
    public static DepthwiseConv2D depthwiseConv2d(int kernelSize) {
        return new DepthwiseConv2D(kernelSize);
    }

    /** A depthwise 2-D convolution with the activation named {@code activation}. */
    public static DepthwiseConv2D depthwiseConv2d(int kernelSize, String activation) {
        return new DepthwiseConv2D(kernelSize).activation(activation);
    }

    /** A depthwise-separable 2-D convolution of {@code filters} filters. */
    public static SeparableConv2D separableConv2d(int filters, int kernelSize) {
        return new SeparableConv2D(filters, kernelSize);
    }

    /** A depthwise-separable 2-D convolution with the activation named {@code activation}. */
    public static SeparableConv2D separableConv2d(int filters, int kernelSize, String activation) {
        return new SeparableConv2D(filters, kernelSize).activation(activation);
    }

    /** Max pooling over {@code 2 × 2} windows, stride 2. */
    public static MaxPooling2D maxPooling2d() {
        return new MaxPooling2D();
    }

    /** Max pooling over {@code poolSize × poolSize} windows, stride {@code poolSize}. */
    public static MaxPooling2D maxPooling2d(int poolSize) {
        return new MaxPooling2D(poolSize);
    }

    /** Max pooling over windows of 2 steps, stride 2. */
    public static MaxPooling1D maxPooling1d() {
        return new MaxPooling1D();
    }

    /** Max pooling over windows of {@code poolSize} steps, stride {@code poolSize}. */
    public static MaxPooling1D maxPooling1d(int poolSize) {
        return new MaxPooling1D(poolSize);
    }

    /** Average pooling over {@code 2 × 2} windows, stride 2. */
    public static AveragePooling2D averagePooling2d() {
        return new AveragePooling2D();
    }

    /** Average pooling over {@code poolSize × poolSize} windows, stride {@code poolSize}. */
    public static AveragePooling2D averagePooling2d(int poolSize) {
        return new AveragePooling2D(poolSize);
    }

    /** Average pooling over windows of 2 steps, stride 2. */
    public static AveragePooling1D averagePooling1d() {
        return new AveragePooling1D();
    }

    /** Average pooling over windows of {@code poolSize} steps, stride {@code poolSize}. */
    public static AveragePooling1D averagePooling1d(int poolSize) {
        return new AveragePooling1D(poolSize);
    }

    // ---------------------------------------------------------------- normalization and image layers

    /** Batch normalization over the last axis with Keras's defaults (momentum 0.99, epsilon 1e-3). */
    public static BatchNormalization batchNormalization() {
        return new BatchNormalization();
    }

    /** {@code padding} rows and columns of zeros around each image ({@code [batch, h, w, c]}). */
    public static ZeroPadding2D zeroPadding2d(int padding) {
        return new ZeroPadding2D(padding);
    }

    /** {@code height} rows above and below, {@code width} columns left and right. */
    public static ZeroPadding2D zeroPadding2d(int height, int width) {
        return new ZeroPadding2D(height, width);
    }

    /** Zero padding {@code {{top, bottom}, {left, right}}}. */
    public static ZeroPadding2D zeroPadding2d(int[][] padding) {
        return new ZeroPadding2D(padding);
    }

    /** Cuts {@code cropping} rows and columns off every side of each image. */
    public static Cropping2D cropping2d(int cropping) {
        return new Cropping2D(cropping);
    }

    /** Cuts {@code height} rows off the top and bottom, {@code width} columns off the left and right. */
    public static Cropping2D cropping2d(int height, int width) {
        return new Cropping2D(height, width);
    }

    /** Cropping {@code {{top, bottom}, {left, right}}}. */
    public static Cropping2D cropping2d(int[][] cropping) {
        return new Cropping2D(cropping);
    }

    /** Enlarges images {@code size} times each way (nearest; {@code .interpolation("bilinear")} to interpolate). */
    public static UpSampling2D upSampling2d(int size) {
        return new UpSampling2D(size);
    }

    /** Enlarges images by {@code sizeH} in height and {@code sizeW} in width. */
    public static UpSampling2D upSampling2d(int sizeH, int sizeW) {
        return new UpSampling2D(sizeH, sizeW);
    }

    /** Gives each sample the shape {@code targetShape} (one entry may be -1): {@code reshape(7, 7, 32)}. */
    public static Reshape reshape(int... targetShape) {
        return new Reshape(targetShape);
    }

    /** Drops whole channels of images with probability {@code rate}, in training only. */
    public static SpatialDropout2D spatialDropout2d(double rate) {
        return new SpatialDropout2D(rate);
    }

    /** The mean of each channel over height and width: {@code [batch, h, w, c] → [batch, c]}. */
    public static GlobalAveragePooling2D globalAveragePooling2d() {
        return new GlobalAveragePooling2D();
    }

    /** The maximum of each channel over height and width: {@code [batch, h, w, c] → [batch, c]}. */
    public static GlobalMaxPooling2D globalMaxPooling2d() {
        return new GlobalMaxPooling2D();
    }

    /** The mean of each feature over the steps: {@code [batch, steps, features] → [batch, features]}. */
    public static GlobalAveragePooling1D globalAveragePooling1d() {
        return new GlobalAveragePooling1D();
    }

    /** The maximum of each feature over the steps: {@code [batch, steps, features] → [batch, features]}. */
    public static GlobalMaxPooling1D globalMaxPooling1d() {
        return new GlobalMaxPooling1D();
    }

    /** {@code x · scale}: {@code rescaling(1.0 / 255)} takes pixels to [0, 1]. */
    public static Rescaling rescaling(double scale) {
        return new Rescaling(scale);
    }

    /** {@code x · scale + offset}. */
    public static Rescaling rescaling(double scale, double offset) {
        return new Rescaling(scale, offset);
    }

    /** Random flips in training: {@code "horizontal_and_vertical"}, {@code "horizontal"} or {@code "vertical"}. */
    public static RandomFlip randomFlip(String mode) {
        return new RandomFlip(mode);
    }

    /** Random flips both ways in training (Keras's default mode). */
    public static RandomFlip randomFlip() {
        return new RandomFlip();
    }

    /** Random shifts in training of up to the given fractions of height and width. */
    public static RandomTranslation randomTranslation(double heightFactor, double widthFactor) {
        return new RandomTranslation(heightFactor, widthFactor);
    }

    /** Random rotations in training of up to {@code factor} of a full turn each way. */
    public static RandomRotation randomRotation(double factor) {
        return new RandomRotation(factor);
    }

    /** Random zooms in training by {@code 1 ± heightFactor}, the aspect ratio kept. */
    public static RandomZoom randomZoom(double heightFactor) {
        return new RandomZoom(heightFactor);
    }

    /** Random zooms in training by {@code 1 ± heightFactor} in height and {@code 1 ± widthFactor} in width. */
    public static RandomZoom randomZoom(double heightFactor, double widthFactor) {
        return new RandomZoom(heightFactor, widthFactor);
    }

    /**
     * Rebuilds a layer (without its weights) from {@link Layer#config()}: its {@code type} is looked
     * up in the {@link Registry} (the built-in layers, registered here, and a user's registered with
     * {@code Registry.register(Square.class, Square::fromConfig)}), whose factory gets the whole
     * config; the {@code name} is set afterwards. Every key is checked: a required one missing
     * ({@code units}, {@code rate}, {@code shape}, {@code activation}), a value of the wrong type or
     * out of range, or a key the layer does not have is an error naming it, so that nothing in a
     * configuration is silently dropped.
     *
     * @throws ConfigException naming the key, or for an unknown type listing the known ones
     */
    public static Layer fromConfig(Map<String, Object> config) {
        ConfigKeys c = ConfigKeys.of(config);
        Layer layer = Registry.fromConfig(Layer.class, "type", c.string("type"), config);
        if (c.has("name")) {
            String name = c.string("name");
            LayerConfigs.built("name", () -> layer.name(name));
        }
        return layer;
    }
}
